namespace Commissioning.Contracts.Money;

/// <summary>What a fee line pays for.</summary>
internal enum FeeLineKind
{
    /// <summary>A block bed with a child in it, priced at the child's band.</summary>
    Occupied,

    /// <summary>A block bed left empty, priced at the bed's contracted band: the partnership pays for voids.</summary>
    Void,

    /// <summary>A placement bought outside the block, at the spot contract's price.</summary>
    Spot,
}

/// <summary>
/// One line of a provider's fee schedule: a run of consecutive days of one bed (or spot contract) with the same
/// kind, band, weekly price and borough. <see cref="Amount"/> is <c>Days × WeeklyPrice / 7</c>, computed exactly and
/// rounded to the penny once (half away from zero).
/// </summary>
internal sealed record FeeLine(
    string ProviderCode,
    string ContractReference,
    Guid ContractId,
    string? BedId,
    string HomeCode,
    FeeLineKind Kind,
    NeedBand Band,
    string? BoroughCode,
    Guid? PlacementId,
    DateOnly From,
    DateOnly To,
    int Days,
    decimal WeeklyPrice,
    decimal Amount);

/// <summary>What the partnership owes one provider for the month: every line, and their sum.</summary>
internal sealed record ProviderFeeSchedule(string ProviderCode, MoneyMonth Month, IReadOnlyList<FeeLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Amount);

    public decimal Occupied => Lines.Where(l => l.Kind == FeeLineKind.Occupied).Sum(l => l.Amount);

    public decimal Void => Lines.Where(l => l.Kind == FeeLineKind.Void).Sum(l => l.Amount);

    public decimal Spot => Lines.Where(l => l.Kind == FeeLineKind.Spot).Sum(l => l.Amount);
}

/// <summary>
/// What one borough owes for the month: its children's occupied and spot lines (the same lines, to the penny, as
/// the providers' schedules) and its share of the void cost.
/// </summary>
internal sealed record BoroughRecharge(
    string BoroughCode, MoneyMonth Month, IReadOnlyList<FeeLine> Lines, decimal VoidShare, decimal VoidShareWeight, decimal VoidSharePercent)
{
    public decimal Occupied => Lines.Where(l => l.Kind == FeeLineKind.Occupied).Sum(l => l.Amount);

    public decimal Spot => Lines.Where(l => l.Kind == FeeLineKind.Spot).Sum(l => l.Amount);

    public decimal Total => Lines.Sum(l => l.Amount) + VoidShare;
}

/// <summary>
/// The month's money. By construction the recharges plus any <see cref="UnallocatedVoid"/> add up exactly to the
/// fees payable; <see cref="Anomalies"/> lists what the inputs got wrong (never silently charged twice).
/// </summary>
internal sealed record MonthlyMoney(
    MoneyMonth Month,
    string VoidSharingRule,
    IReadOnlyList<ProviderFeeSchedule> FeeSchedules,
    IReadOnlyList<BoroughRecharge> Recharges,
    decimal UnallocatedVoid,
    IReadOnlyList<string> Anomalies)
{
    public decimal FeesPayable => FeeSchedules.Sum(s => s.Total);

    public decimal VoidCost => FeeSchedules.Sum(s => s.Void);

    public decimal Recharged => Recharges.Sum(r => r.Total);
}

/// <summary>
/// The money, pure: fees accrue daily at a seventh of the weekly price for every contracted bed (occupied at the
/// child's band, void at the bed's band), spot contracts at their own price; boroughs are recharged their children's
/// lines and a share of the void cost by the partnership's rule. Rounding happens once per line, and the void cost
/// is split in whole pennies by largest remainder, so nothing is lost or made between fees and recharges.
/// </summary>
internal static class MoneyEngine
{
    public static MonthlyMoney Compute(MoneyInputs inputs, IVoidSharingRule rule)
    {
        var anomalies = new List<string>();
        var days = new List<(LineKey Key, DateOnly Date)>();
        var byBed = inputs.Occupancies.GroupBy(o => o.BedId).ToDictionary(g => g.Key, g => g.ToList());
        var contractedBedDays = new HashSet<(string, DateOnly)>();

        foreach (var terms in inputs.Contracts.Where(t => t.Agreement is not null))
        {
            var agreement = terms.Agreement!;
            foreach (var date in inputs.Month.Dates)
            {
                foreach (var bed in terms.BedsOn(date))
                {
                    if (!contractedBedDays.Add((bed.BedId, date)))
                    {
                        anomalies.Add($"Bed {bed.BedId} is contracted twice on {date:yyyy-MM-dd}; only the first contract pays for it.");
                        continue;
                    }

                    var occupants = byBed.TryGetValue(bed.BedId, out var list) ? list.Where(o => o.Covers(date)).OrderBy(o => o.Start).ThenBy(o => o.PlacementId).ToList() : [];
                    if (occupants.Count > 1)
                    {
                        anomalies.Add($"Bed {bed.BedId} has {occupants.Count} children on {date:yyyy-MM-dd}; only placement {occupants[0].PlacementId} is charged.");
                    }

                    var key = occupants.Count > 0 && occupants[0] is var child
                        ? new LineKey(agreement.ProviderCode, agreement.Reference, agreement.ContractId, bed.BedId, bed.HomeCode, FeeLineKind.Occupied,
                            child.BandOn(date), child.BoroughCode, child.PlacementId, 0)
                        : new LineKey(agreement.ProviderCode, agreement.Reference, agreement.ContractId, bed.BedId, bed.HomeCode, FeeLineKind.Void,
                            bed.Band, null, null, 0);
                    days.Add((key with { WeeklyPrice = terms.WeeklyPrice(key.Band, date) }, date));
                }
            }
        }

        foreach (var occupancy in inputs.Occupancies)
        {
            var uncontracted = inputs.Month.Dates.Where(d => occupancy.Covers(d) && !contractedBedDays.Contains((occupancy.BedId, d))).ToList();
            if (uncontracted.Count > 0)
            {
                anomalies.Add($"Placement {occupancy.PlacementId} is in bed {occupancy.BedId}, which is not contracted on {uncontracted.Count} day(s) from {uncontracted[0]:yyyy-MM-dd}; those days are not charged.");
            }
        }

        foreach (var spot in inputs.SpotContracts)
        {
            foreach (var date in inputs.Month.Dates.Where(spot.Covers))
            {
                days.Add((new LineKey(spot.ProviderCode, spot.Reference, spot.SpotContractId, null, spot.HomeCode, FeeLineKind.Spot, spot.Band,
                    spot.BoroughCode, null, spot.WeeklyPrice), date));
            }
        }

        var lines = Runs(days);
        var schedules = lines.GroupBy(l => l.ProviderCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ProviderFeeSchedule(g.Key, inputs.Month, g.ToList()))
            .ToList();

        var voidCost = lines.Where(l => l.Kind == FeeLineKind.Void).Sum(l => l.Amount);
        var occupiedDays = lines.Where(l => l.Kind == FeeLineKind.Occupied).GroupBy(l => l.BoroughCode!)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Days), StringComparer.Ordinal);
        var weights = rule.Weights(new VoidSharingContext(inputs.Month, inputs.Contributions, occupiedDays));
        var shares = LargestRemainder.Allocate(voidCost, weights);
        var totalWeight = weights.Values.Where(w => w > 0).Sum();
        var unallocated = shares.Count == 0 ? voidCost : 0m;
        if (unallocated > 0)
        {
            anomalies.Add($"The void cost of £{voidCost:N2} could not be shared: the rule \"{rule.Code}\" gives no borough a weight for {inputs.Month} ({inputs.Month.FinancialYear}).");
        }

        var boroughs = lines.Where(l => l.BoroughCode is not null).Select(l => l.BoroughCode!)
            .Concat(shares.Keys)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(b => b, StringComparer.Ordinal);
        var recharges = boroughs.Select(b =>
        {
            var weight = weights.TryGetValue(b, out var w) && w > 0 ? w : 0m;
            return new BoroughRecharge(b, inputs.Month, lines.Where(l => l.BoroughCode == b).ToList(),
                shares.TryGetValue(b, out var share) ? share : 0m, weight,
                totalWeight > 0 ? decimal.Round(100m * weight / totalWeight, 2, MidpointRounding.AwayFromZero) : 0m);
        }).ToList();

        return new MonthlyMoney(inputs.Month, rule.Code, schedules, recharges, unallocated, anomalies);
    }

    /// <summary>The rounding rule, once per line: exact pounds for the days, then to the penny, half away from zero.</summary>
    public static decimal LineAmount(int days, decimal weeklyPrice) =>
        decimal.Round(days * weeklyPrice / 7m, 2, MidpointRounding.AwayFromZero);

    private static List<FeeLine> Runs(List<(LineKey Key, DateOnly Date)> days)
    {
        var lines = new List<FeeLine>();
        foreach (var group in days.GroupBy(d => (d.Key.ContractId, d.Key.BedId)))
        {
            LineKey? key = null;
            DateOnly from = default, to = default;
            foreach (var (k, date) in group.OrderBy(d => d.Date))
            {
                if (key is not null && (k != key || date != to.AddDays(1)))
                {
                    lines.Add(Line(key, from, to));
                    key = null;
                }

                if (key is null)
                {
                    (key, from) = (k, date);
                }

                to = date;
            }

            if (key is not null)
            {
                lines.Add(Line(key, from, to));
            }
        }

        return lines.OrderBy(l => l.ProviderCode, StringComparer.Ordinal).ThenBy(l => l.ContractReference, StringComparer.Ordinal)
            .ThenBy(l => l.BedId, StringComparer.Ordinal).ThenBy(l => l.From).ToList();
    }

    private static FeeLine Line(LineKey k, DateOnly from, DateOnly to)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        return new FeeLine(k.ProviderCode, k.ContractReference, k.ContractId, k.BedId, k.HomeCode, k.Kind, k.Band, k.BoroughCode, k.PlacementId,
            from, to, days, k.WeeklyPrice, LineAmount(days, k.WeeklyPrice));
    }

    private sealed record LineKey(
        string ProviderCode, string ContractReference, Guid ContractId, string? BedId, string HomeCode, FeeLineKind Kind, NeedBand Band,
        string? BoroughCode, Guid? PlacementId, decimal WeeklyPrice);
}
