using Commissioning.Brokerage.Referrals;

namespace Commissioning.Brokerage.Tests.Referrals;

public sealed class DecisionClockTests
{
    private static DateTimeOffset London(int year, int month, int day, int hour, int minute = 0)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var local = new DateTime(year, month, day, hour, minute, 0);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    [Test]
    public void An_emergency_is_due_24_hours_after_submission_whatever_the_day()
    {
        var saturday = London(2026, 4, 4, 22, 30);
        Assert.That(DecisionClock.DueAt(saturday, "Today"), Is.EqualTo(saturday.AddHours(24)));
    }

    [Test]
    public void A_planned_referral_is_due_5_working_days_later_at_the_same_time()
    {
        // Tuesday 10 March 2026, 10:15 → Tuesday 17 March 10:15.
        Assert.That(DecisionClock.DueAt(London(2026, 3, 10, 10, 15), "in more than 5 days"), Is.EqualTo(London(2026, 3, 17, 10, 15)));
    }

    [Test]
    public void Weekends_do_not_count()
    {
        // Friday 13 March → Friday 20 March; Saturday 14 March counts from Monday: Friday 20 March.
        Assert.Multiple(() =>
        {
            Assert.That(DecisionClock.DueAt(London(2026, 3, 13, 16), null), Is.EqualTo(London(2026, 3, 20, 16)));
            Assert.That(DecisionClock.DueAt(London(2026, 3, 14, 11), null), Is.EqualTo(London(2026, 3, 20, 11)));
        });
    }

    [Test]
    public void Bank_holidays_do_not_count()
    {
        // Thursday 2 April 2026 → Good Friday 3 and Easter Monday 6 April skipped → Thursday 9 April... 7, 8, 9, 10, 13: Monday 13 April.
        Assert.That(DecisionClock.DueAt(London(2026, 4, 2, 9), null), Is.EqualTo(London(2026, 4, 13, 9)));
    }

    [Test]
    public void Christmas_substitute_days_do_not_count()
    {
        // Thursday 23 December 2027: 24 (Fri), then 27 and 28 are substitute bank holidays → 29, 30, 31 Dec, 3 Jan is the 2028 substitute → 4, 5 Jan.
        // Working days: 24 Dec, 29 Dec, 30 Dec, 31 Dec, 4 Jan.
        Assert.That(DecisionClock.DueAt(London(2027, 12, 23, 14), null), Is.EqualTo(London(2028, 1, 4, 14)));
    }

    [Test]
    public void The_due_time_keeps_the_London_wall_clock_across_the_change_to_summer_time()
    {
        // Wednesday 25 March 2026 09:00 GMT → Wednesday 1 April 09:00 BST (08:00 UTC).
        var due = DecisionClock.DueAt(London(2026, 3, 25, 9), null);
        Assert.That(due, Is.EqualTo(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void The_bank_holiday_table_covers_2025_to_2028_with_eight_days_a_year_none_at_a_weekend()
    {
        Assert.Multiple(() =>
        {
            foreach (var year in new[] { 2025, 2026, 2027, 2028 })
            {
                Assert.That(DecisionClock.BankHolidays.Count(d => d.Year == year), Is.EqualTo(8), $"{year}");
            }

            Assert.That(DecisionClock.BankHolidays.Where(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday), Is.Empty);
        });
    }

    [TestCase(90, "1 hour left")]
    [TestCase(-150, "2 hours overdue")]
    [TestCase(3 * 24 * 60 + 60, "3 days 1 hour left")]
    [TestCase(20, "20 minutes left")]
    public void Time_left_reads_as_words(int minutes, string expected)
    {
        var text = DecisionClock.DescribeRemaining(TimeSpan.FromMinutes(minutes));
        Assert.That(text, Is.EqualTo(expected));
    }
}
