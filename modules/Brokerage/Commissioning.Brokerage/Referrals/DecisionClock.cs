using System.Collections.Frozen;
using Commissioning.BuildingBlocks.Calendar;

namespace Commissioning.Brokerage.Referrals;

/// <summary>
/// The decision clock (docs/brokerage.md). A referral needed "Today" must be decided within 24 hours of submission;
/// any other (planned) within 5 working days: Monday to Friday, England and Wales bank holidays excluded. Working
/// days are counted in London: the due time is the same London time of day on the 5th working day after the day
/// of submission (submitted Friday 10:00 → due the next Friday 10:00; a bank holiday Monday in between moves it to
/// the Monday after). A submission at a weekend counts from the next working day in the same way.
/// </summary>
internal static class DecisionClock
{
    public const string Emergency = "Today";
    public const int PlannedWorkingDays = 5;
    public static readonly TimeSpan EmergencyTarget = TimeSpan.FromHours(24);

    /// <summary>
    /// England and Wales bank holidays, 2025 to 2028 (substitute days included). Extend before 2029: a date outside
    /// the table counts as a working day if it is a weekday.
    /// </summary>
    public static FrozenSet<DateOnly> BankHolidays { get; } = new[]
    {
        "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
        "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
    }.Select(DateOnly.Parse).ToFrozenSet();

    public static bool IsEmergency(string? neededBy) => neededBy == Emergency;

    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !BankHolidays.Contains(day);

    /// <summary>When a decision is due for a clock started at <paramref name="start"/>.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset start, string? neededBy)
    {
        if (IsEmergency(neededBy))
        {
            return start + EmergencyTarget;
        }

        return AddWorkingDays(start, PlannedWorkingDays);
    }

    /// <summary>
    /// The same London time of day, <paramref name="days"/> working days after <paramref name="start"/>'s London date
    /// (a start at a weekend counts from the next working day in the same way).
    /// </summary>
    public static DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        var local = PartnershipCalendar.WallClock(start);
        var day = DateOnly.FromDateTime(local);
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return PartnershipCalendar.At(day.ToDateTime(TimeOnly.FromDateTime(local)));
    }

    /// <summary>The London date of an instant.</summary>
    public static DateOnly LondonDate(DateTimeOffset at) => PartnershipCalendar.DateOf(at);

    /// <summary>The London wall-clock time of an instant, for display.</summary>
    public static DateTime LondonTime(DateTimeOffset at) => PartnershipCalendar.WallClock(at);

    /// <summary>"2 days 3 hours left" or "5 hours overdue", to the hour (minutes under an hour).</summary>
    public static string DescribeRemaining(TimeSpan remaining)
    {
        var overdue = remaining < TimeSpan.Zero;
        var span = overdue ? remaining.Negate() : remaining;
        string text;
        if (span.TotalHours < 1)
        {
            var minutes = Math.Max(1, (int)span.TotalMinutes);
            text = $"{minutes} minute{(minutes == 1 ? "" : "s")}";
        }
        else
        {
            var days = span.Days;
            var hours = span.Hours;
            text = days > 0
                ? $"{days} day{(days == 1 ? "" : "s")}{(hours > 0 ? $" {hours} hour{(hours == 1 ? "" : "s")}" : "")}"
                : $"{hours} hour{(hours == 1 ? "" : "s")}";
        }

        return overdue ? $"{text} overdue" : $"{text} left";
    }
}
