namespace Commissioning.Contracts.Money;

/// <summary>What a void-sharing rule may weigh: the boroughs' pooled-budget contributions and their use of the block.</summary>
internal sealed record VoidSharingContext(
    MoneyMonth Month,
    IReadOnlyDictionary<string, decimal> Contributions,
    IReadOnlyDictionary<string, int> OccupiedBedDays);

/// <summary>
/// The partnership agreement's rule for sharing the cost of void beds between boroughs. A rule gives each borough a
/// weight; <see cref="LargestRemainder"/> turns the weights into pennies that add up exactly to the void cost.
/// </summary>
internal interface IVoidSharingRule
{
    /// <summary>The rule's code, as configured (<c>Commissioning:Contracts:VoidSharingRule</c>).</summary>
    string Code { get; }

    /// <summary>Plain English for statements.</summary>
    string Description { get; }

    /// <summary>Each borough's weight (non-negative); none, or all zero, leaves the void cost unallocated.</summary>
    IReadOnlyDictionary<string, decimal> Weights(VoidSharingContext context);
}

/// <summary>The default rule: in proportion to each borough's pooled-budget contribution for the month's financial year.</summary>
internal sealed class PooledBudgetShareRule : IVoidSharingRule
{
    public const string RuleCode = "pooled-budget";

    public string Code => RuleCode;

    public string Description => "Void cost shared in proportion to each borough's pooled-budget contribution for the financial year";

    public IReadOnlyDictionary<string, decimal> Weights(VoidSharingContext context) => context.Contributions;
}

/// <summary>An alternative rule: in proportion to each borough's occupied bed-days in the block that month.</summary>
internal sealed class UseShareRule : IVoidSharingRule
{
    public const string RuleCode = "use";

    public string Code => RuleCode;

    public string Description => "Void cost shared in proportion to each borough's occupied bed-days in the block that month";

    public IReadOnlyDictionary<string, decimal> Weights(VoidSharingContext context) =>
        context.OccupiedBedDays.ToDictionary(d => d.Key, d => (decimal)d.Value);
}

/// <summary>
/// Splits an amount in pounds and pence between parties in proportion to weights, exactly: each party gets the
/// whole pennies of its exact share, and the pennies left over go one each to the largest remainders (ties to the
/// lower party code, ordinal), so the parts always add up to the amount.
/// </summary>
internal static class LargestRemainder
{
    /// <returns>The parts (only parties with a positive weight), or an empty dictionary when no weight is positive.</returns>
    public static IReadOnlyDictionary<string, decimal> Allocate(decimal amount, IReadOnlyDictionary<string, decimal> weights)
    {
        if (decimal.Round(amount, 2) != amount)
        {
            throw new ArgumentException("Allocate whole pennies: round the amount first.", nameof(amount));
        }

        var positive = weights.Where(w => w.Value > 0).OrderBy(w => w.Key, StringComparer.Ordinal).ToList();
        if (positive.Count == 0)
        {
            return new Dictionary<string, decimal>();
        }

        // Integer arithmetic throughout: weights scaled to a common whole number (pennies, or days), exact shares as
        // numerator / denominator, so no decimal division can round a share across a penny boundary.
        var scale = positive.Max(w => Scale(w.Value));
        var factor = Pow10(scale);
        var scaled = positive.Select(w => (w.Key, Weight: (Int128)(w.Value * factor))).ToList();
        Int128 denominator = 0;
        foreach (var w in scaled)
        {
            denominator += w.Weight;
        }

        var pennies = (Int128)(amount * 100);
        var parts = scaled
            .Select(w => (w.Key, Floor: pennies * w.Weight / denominator, Remainder: pennies * w.Weight % denominator))
            .ToList();
        var left = pennies;
        foreach (var p in parts)
        {
            left -= p.Floor;
        }

        var extra = parts
            .OrderByDescending(p => p.Remainder).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take((int)left)
            .Select(p => p.Key)
            .ToHashSet(StringComparer.Ordinal);
        return parts.ToDictionary(p => p.Key, p => (decimal)(p.Floor + (extra.Contains(p.Key) ? 1 : 0)) / 100m, StringComparer.Ordinal);
    }

    private static int Scale(decimal value) => (decimal.GetBits(value)[3] >> 16) & 0xFF;

    private static decimal Pow10(int scale)
    {
        var result = 1m;
        for (var i = 0; i < scale; i++)
        {
            result *= 10;
        }

        return result;
    }
}
