using System.Globalization;
using System.Text.RegularExpressions;
using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Brokerage.SpotPurchases.Fairness;

/// <summary>An April-to-March financial year, written "2026-27".</summary>
internal sealed partial record FinancialYear(int StartYear)
{
    public DateOnly From => new(StartYear, 4, 1);

    public DateOnly To => new(StartYear + 1, 3, 31);

    public string Code => $"{StartYear}-{(StartYear + 1) % 100:00}";

    public static FinancialYear Containing(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    /// <summary>The year a code names; a 400 naming <c>financialYear</c> when it is not one.</summary>
    public static FinancialYear Parse(string code)
    {
        var match = Pattern().Match(code.Trim());
        if (match.Success)
        {
            var start = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) == (start + 1) % 100)
            {
                return new FinancialYear(start);
            }
        }

        throw RequestValidationException.For("financialYear", "Enter the financial year as April to March, written like 2026-27");
    }

    [GeneratedRegex("^(20[0-9]{2})-([0-9]{2})$")]
    private static partial Regex Pattern();
}

/// <summary>A borough's child in a block bed: from its start date up to, not including, its end date.</summary>
internal sealed record BlockStay(string BoroughCode, DateOnly StartDate, DateOnly? EndDate);

/// <summary>One borough's use of the block against what it puts into the pooled budget.</summary>
/// <param name="BedDayShare">Percent of all the block bed-days in the period, to one decimal place.</param>
/// <param name="BudgetShare">Percent of the pooled budget for the year, to one decimal place; null when no contribution is recorded for anyone.</param>
/// <param name="DifferencePoints">Bed-day share less budget share in percentage points (from the unrounded shares, then rounded); null without a budget share.</param>
internal sealed record BoroughFairness(
    string BoroughCode, string Name, int BedDays, decimal BedDayShare, decimal? Contribution, decimal? BudgetShare, decimal? DifferencePoints, string Sentence);

/// <summary>
/// The fairness arithmetic, pure: each borough's share of block bed-days in a period against its share of the pooled
/// budget. Days are counted up to <c>countTo</c> (today, within the year), so a year in progress is judged on what
/// has happened. Percentages are rounded to one decimal place once, at the end.
/// </summary>
internal static class FairnessArithmetic
{
    /// <summary>Days of a stay that fall within [from, to] (both inclusive).</summary>
    public static int DaysWithin(BlockStay stay, DateOnly from, DateOnly to)
    {
        var first = stay.StartDate > from ? stay.StartDate : from;
        var last = stay.EndDate is { } end && end.AddDays(-1) < to ? end.AddDays(-1) : to;
        return last < first ? 0 : last.DayNumber - first.DayNumber + 1;
    }

    public static IReadOnlyList<BoroughFairness> Shares(
        IReadOnlyList<BlockStay> stays, IReadOnlyDictionary<string, decimal> contributions, DateOnly from, DateOnly countTo,
        IReadOnlyDictionary<string, string> boroughNames)
    {
        var days = stays.GroupBy(s => s.BoroughCode).ToDictionary(g => g.Key, g => g.Sum(s => DaysWithin(s, from, countTo)));
        var totalDays = days.Values.Sum();
        var totalBudget = contributions.Values.Sum();
        var codes = boroughNames.Keys.Concat(days.Keys).Concat(contributions.Keys).Distinct().ToList();
        return
        [
            .. codes.Select(code =>
            {
                var used = days.GetValueOrDefault(code);
                var bedShare = totalDays == 0 ? 0m : 100m * used / totalDays;
                decimal? contribution = contributions.TryGetValue(code, out var c) ? c : null;
                decimal? budgetShare = totalBudget == 0 ? null : 100m * (contribution ?? 0m) / totalBudget;
                decimal? difference = budgetShare is { } b ? bedShare - b : null;
                var name = boroughNames.TryGetValue(code, out var n) ? n : code;
                return new BoroughFairness(code, name, used, Round(bedShare), contribution, Round(budgetShare), Round(difference),
                    Sentence(name, used, totalDays, Round(bedShare), Round(budgetShare), Round(difference)));
            }),
        ];
    }

    public static string Sentence(string name, int used, int totalDays, decimal bedShare, decimal? budgetShare, decimal? difference)
    {
        var use = totalDays == 0
            ? $"No block bed-days were used by any borough in the period, so {name}'s use cannot be compared yet"
            : used == 0 ? $"{name} used none of the block's {totalDays:N0} bed-days" : $"{name} used {bedShare:0.0}% of the block's bed-days ({used:N0} of {totalDays:N0})";
        if (totalDays == 0)
        {
            return budgetShare is { } share ? $"{use}; it paid {share:0.0}% of the pooled budget." : $"{use}.";
        }

        if (budgetShare is not { } paid || difference is not { } points)
        {
            return $"{use}; no pooled-budget contributions are recorded for the year, so there is nothing to compare it with.";
        }

        var comparison = points switch
        {
            0m => "exactly in line with its share",
            > 0m => $"{points:0.0} percentage points more than its share",
            _ => $"{-points:0.0} percentage points less than its share",
        };
        return $"{use} and paid {paid:0.0}% of the pooled budget: {comparison}.";
    }

    private static decimal Round(decimal value) => decimal.Round(value, 1, MidpointRounding.AwayFromZero);

    private static decimal? Round(decimal? value) => value is { } v ? Round(v) : null;
}
