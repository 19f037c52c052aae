using System.Globalization;
using Commissioning.Contracts.BedLedger;

namespace Commissioning.Contracts.Pages.Beds;

/// <summary>How the bed ledger and money pages write statuses, dates, months and pounds.</summary>
internal static class LedgerDisplay
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static readonly IReadOnlyList<(string Value, string Text)> Statuses =
    [
        ("available", "Available"), ("held", "Held by an offer"), ("occupied", "Occupied"), ("unavailable", "Unavailable"), ("void", "Void"),
        ("unconfirmed", "Unconfirmed (any status)"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> Bands =
        [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("specialist", "Specialist")];

    public static string Status(string code) => Statuses.FirstOrDefault(s => s.Value == code).Text ?? code;

    public static string StatusTagClass(string code) => code switch
    {
        "available" => "govuk-tag--green",
        "held" => "govuk-tag--yellow",
        "occupied" => "govuk-tag--blue",
        "unavailable" => "govuk-tag--grey",
        _ => "govuk-tag--red",
    };

    public static string Band(string code) => Bands.FirstOrDefault(b => b.Value == code).Text ?? code;

    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", English) ?? "";

    public static string Date(DateTimeOffset instant) => BedStatusRules.Today(instant).ToString("d MMMM yyyy", English);

    public static string Pounds(decimal amount) => amount.ToString("C2", English);

    public static string Month(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("MMMM yyyy", English) : month;
}
