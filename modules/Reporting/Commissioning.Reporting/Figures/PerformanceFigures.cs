using Commissioning.BuildingBlocks.Calendar;

namespace Commissioning.Reporting.Figures;

// The seam between the module's two parts: the Figures part builds read models from integration events and answers
// IPerformanceFigures; the dashboards (Figures) and the performance packs (Packs) both render what it answers, through
// the same Razor partials, so the PDF a board reads shows the same figures as the screen and the API.

/// <summary>Whose figures: the whole partnership, one borough (GSS code) or one provider (its code).</summary>
internal enum ScopeKind
{
    Partnership,
    Borough,
    Provider,
}

/// <summary>A report's scope.</summary>
/// <param name="Kind">Partnership, borough or provider.</param>
/// <param name="Code">The borough's GSS code or the provider's code; null for the partnership.</param>
internal sealed record ReportScope(ScopeKind Kind, string? Code)
{
    public static ReportScope Partnership { get; } = new(ScopeKind.Partnership, null);
}

/// <summary>One value of a measure in an earlier period, for the trend.</summary>
internal sealed record TrendPoint(string Period, decimal? Value);

/// <summary>
/// One measure: a figure with its definition (every pack ends with the definitions), its target when it has one, and
/// its trend over earlier periods. <see cref="Format"/> says how to write the value: <c>count</c>, <c>percent</c>
/// (0–100), <c>money</c> (pounds), <c>days</c>, <c>hours</c>, <c>miles</c>.
/// </summary>
internal sealed record Measure(
    string Code, string Name, string Definition, decimal? Value, string Format, decimal? Target, bool HigherIsBetter, IReadOnlyList<TrendPoint> Trend);

/// <summary>A table of a section (every table also downloads as CSV).</summary>
internal sealed record ReportTable(string Code, string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// One section of a dashboard or pack (occupancy, referrals, timeliness, ...): its measures, tables and a chart as
/// server-side SVG with its text alternative.
/// </summary>
internal sealed record ReportSection(
    string Code, string Title, IReadOnlyList<Measure> Measures, IReadOnlyList<ReportTable> Tables, string? ChartSvg, string? ChartAlternative);

/// <summary>Everything a dashboard or a pack shows for one scope and period.</summary>
/// <param name="Scope">Whose figures.</param>
/// <param name="Period">The month or quarter.</param>
/// <param name="KeyIndicators">The few key indicators against target with their trend (the pack's first page of figures).</param>
/// <param name="Sections">The sections, in the order they are shown.</param>
internal sealed record PerformanceReport(ReportScope Scope, ReportingPeriod Period, IReadOnlyList<Measure> KeyIndicators, IReadOnlyList<ReportSection> Sections);

/// <summary>Answers the figures for a scope and period from the Reporting read models only (implemented by the Figures part).</summary>
internal interface IPerformanceFigures
{
    Task<PerformanceReport> ForAsync(ReportScope scope, ReportingPeriod period, CancellationToken cancellationToken);
}
