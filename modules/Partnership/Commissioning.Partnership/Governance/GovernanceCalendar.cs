using System.Globalization;

namespace Commissioning.Partnership.Governance;

/// <summary>Dates as the partnership sees them: London's calendar, whatever zone the server runs in.</summary>
internal static class GovernanceCalendar
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Today in London. An action due yesterday is overdue from midnight London time, not UTC.</summary>
    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), London).DateTime);

    /// <summary>A date as GOV.UK writes it: 1 April 2026.</summary>
    public static string Display(DateOnly date) => date.ToString("d MMMM yyyy", British);
}
