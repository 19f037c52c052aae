using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Commissioning.BuildingBlocks.Calendar;

/// <summary>
/// A calendar month (<c>2026-10</c>) or calendar quarter (<c>2026-Q3</c> is 1 July to 30 September 2026), the
/// periods outcome returns, innovation statements and performance packs are for. One type so that every module
/// reads and writes a period code the same way.
/// </summary>
/// <param name="Code">The code as written at the API: <c>yyyy-MM</c> or <c>yyyy-Qn</c>.</param>
/// <param name="Start">The first day.</param>
/// <param name="End">The last day (inclusive).</param>
public readonly record struct ReportingPeriod(string Code, DateOnly Start, DateOnly End)
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Whether this is a quarter (otherwise a month).</summary>
    public bool IsQuarter => Code.Contains('Q', StringComparison.Ordinal);

    /// <summary>The number of days in the period.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>The period as people read it: "July to September 2026" or "October 2026".</summary>
    public string Name => IsQuarter
        ? $"{Start.ToString("MMMM", British)} to {End.ToString("MMMM yyyy", British)}"
        : Start.ToString("MMMM yyyy", British);

    /// <summary>Whether <paramref name="date"/> falls in the period.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>The period of the same kind that follows this one.</summary>
    public ReportingPeriod Next() => IsQuarter ? QuarterOf(Start.AddMonths(3)) : MonthOf(Start.AddMonths(1));

    /// <summary>The period of the same kind before this one.</summary>
    public ReportingPeriod Previous() => IsQuarter ? QuarterOf(Start.AddMonths(-3)) : MonthOf(Start.AddMonths(-1));

    /// <summary>The calendar quarter holding <paramref name="date"/>.</summary>
    public static ReportingPeriod QuarterOf(DateOnly date)
    {
        var quarter = ((date.Month - 1) / 3) + 1;
        var start = new DateOnly(date.Year, ((quarter - 1) * 3) + 1, 1);
        return new ReportingPeriod(
            string.Create(CultureInfo.InvariantCulture, $"{date.Year}-Q{quarter}"), start, start.AddMonths(3).AddDays(-1));
    }

    /// <summary>The calendar month holding <paramref name="date"/>.</summary>
    public static ReportingPeriod MonthOf(DateOnly date)
    {
        var start = new DateOnly(date.Year, date.Month, 1);
        return new ReportingPeriod(start.ToString("yyyy-MM", CultureInfo.InvariantCulture), start, start.AddMonths(1).AddDays(-1));
    }

    /// <summary>Reads <c>2026-Q3</c> or <c>2026-10</c>; false for anything else (years 2000 to 2099).</summary>
    public static bool TryParse([NotNullWhen(true)] string? code, out ReportingPeriod period)
    {
        period = default;
        if (code is null || code.Length < 7 || code[4] != '-' ||
            !int.TryParse(code.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2099)
        {
            return false;
        }

        if (code.Length == 7 && code[5] == 'Q' && code[6] is >= '1' and <= '4')
        {
            period = QuarterOf(new DateOnly(year, ((code[6] - '1') * 3) + 1, 1));
            return true;
        }

        if (code.Length == 7 && int.TryParse(code.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            period = MonthOf(new DateOnly(year, month, 1));
            return true;
        }

        return false;
    }

    /// <summary>The plain-English error for a code <see cref="TryParse"/> refuses, naming the field.</summary>
    public static string FormatError(string field) =>
        $"Enter {field} as a quarter like 2026-Q3 (July to September 2026) or a month like 2026-10";

    /// <inheritdoc />
    public override string ToString() => Code;
}
