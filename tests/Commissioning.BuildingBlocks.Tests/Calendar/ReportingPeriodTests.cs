using Commissioning.BuildingBlocks.Calendar;

namespace Commissioning.BuildingBlocks.Tests.Calendar;

public sealed class ReportingPeriodTests
{
    [TestCase("2026-Q1", "2026-01-01", "2026-03-31")]
    [TestCase("2026-Q3", "2026-07-01", "2026-09-30")]
    [TestCase("2024-Q1", "2024-01-01", "2024-03-31")]
    [TestCase("2026-10", "2026-10-01", "2026-10-31")]
    [TestCase("2028-02", "2028-02-01", "2028-02-29")]
    public void A_code_reads_as_its_first_and_last_day(string code, string start, string end)
    {
        Assert.That(ReportingPeriod.TryParse(code, out var period), Is.True);
        Assert.That(period.Start, Is.EqualTo(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(period.End, Is.EqualTo(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(period.Code, Is.EqualTo(code));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("2026-Q5")]
    [TestCase("2026-Q0")]
    [TestCase("2026-13")]
    [TestCase("2026-00")]
    [TestCase("26-Q3")]
    [TestCase("2026Q3")]
    [TestCase("2026-q3")]
    [TestCase("1999-01")]
    [TestCase("2026-Q3 ")]
    public void Anything_else_is_refused(string? code) => Assert.That(ReportingPeriod.TryParse(code, out _), Is.False);

    [Test]
    public void Quarters_follow_each_other_across_a_year_end()
    {
        Assert.That(ReportingPeriod.QuarterOf(new DateOnly(2026, 11, 23)).Next().Code, Is.EqualTo("2027-Q1"));
        Assert.That(ReportingPeriod.QuarterOf(new DateOnly(2026, 2, 1)).Previous().Code, Is.EqualTo("2025-Q4"));
        Assert.That(ReportingPeriod.MonthOf(new DateOnly(2026, 12, 5)).Next().Code, Is.EqualTo("2027-01"));
    }

    [Test]
    public void A_period_reads_as_people_write_it()
    {
        Assert.That(ReportingPeriod.QuarterOf(new DateOnly(2026, 8, 1)).Name, Is.EqualTo("July to September 2026"));
        Assert.That(ReportingPeriod.MonthOf(new DateOnly(2026, 10, 1)).Name, Is.EqualTo("October 2026"));
        Assert.That(ReportingPeriod.QuarterOf(new DateOnly(2026, 8, 1)).Days, Is.EqualTo(92));
    }
}
