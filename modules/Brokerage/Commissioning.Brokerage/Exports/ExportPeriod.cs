using System.Globalization;
using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Brokerage.Exports;

/// <summary>The <c>from</c> and <c>to</c> dates of an export (both optional, both inclusive), read from the query string.</summary>
internal sealed record ExportPeriod(DateOnly? From, DateOnly? To)
{
    /// <summary>Reads the two dates, refusing anything but yyyy-MM-dd and a <c>to</c> before <c>from</c>, each in plain English.</summary>
    public static ExportPeriod Parse(string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>();
        var fromDate = Read("from", from, errors);
        var toDate = Read("to", to, errors);
        if (fromDate is { } f && toDate is { } t && t < f)
        {
            errors["to"] = ["The to date must be the same as or after the from date"];
        }

        return errors.Count > 0 ? throw new RequestValidationException(errors) : new ExportPeriod(fromDate, toDate);
    }

    public bool Contains(DateOnly date) => (From is null || date >= From) && (To is null || date <= To);

    private static DateOnly? Read(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = [$"Enter the {field} date as a real date in the form 2026-04-01"];
        return null;
    }
}
