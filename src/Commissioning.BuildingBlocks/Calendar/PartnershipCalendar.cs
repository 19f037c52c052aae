using System.Globalization;

namespace Commissioning.BuildingBlocks.Calendar;

/// <summary>Dates and money as the partnership sees and writes them.</summary>
public static class PartnershipCalendar
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Today in London, whatever zone the server runs in: an action due yesterday is overdue from midnight London time, not UTC.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow());
    }

    /// <summary>The London date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(WallClock(instant));

    /// <summary>The London wall-clock time of an instant.</summary>
    public static DateTime WallClock(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, London).DateTime;

    /// <summary>The instant at which London's wall clock reads <paramref name="wallClock"/>.</summary>
    public static DateTimeOffset At(DateTime wallClock) => new DateTimeOffset(wallClock, London.GetUtcOffset(wallClock)).ToUniversalTime();

    /// <summary>A date as GOV.UK writes it: 1 April 2026.</summary>
    public static string Display(DateOnly date) => date.ToString("d MMMM yyyy", British);

    /// <summary>A date that may be missing.</summary>
    public static string Display(DateOnly? date) => date is { } d ? Display(d) : "Not set";

    /// <summary>Pounds as GOV.UK writes them: £3,800.00.</summary>
    public static string Money(decimal pounds) => pounds.ToString("£#,##0.00", British);
}
