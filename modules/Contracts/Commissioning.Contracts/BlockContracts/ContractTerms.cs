using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Contracts.BlockContracts;

/// <summary>
/// A block contract's terms as they stand, folded from its stream: which beds are contracted on a date and what a
/// week costs at a band on a date. Pure, so the ledger, the money and the pages all answer the same way.
/// </summary>
internal sealed record ContractTerms : IAggregateState<ContractTerms>
{
    public static ContractTerms Initial { get; } = new();

    public BlockContractAgreed? Agreement { get; init; }

    /// <summary>Approved price changes, each from its effective date.</summary>
    public IReadOnlyList<(DateOnly From, IReadOnlyDictionary<NeedBand, decimal> Prices)> PriceChanges { get; init; } = [];

    /// <summary>Every bed ever contracted, with the dates it was contracted from and (when removed) until, exclusive.</summary>
    public IReadOnlyList<(ContractedBed Bed, DateOnly From, DateOnly? Until)> Beds { get; init; } = [];

    public IReadOnlyDictionary<Guid, ContractVariationProposed> PendingVariations { get; init; } = new Dictionary<Guid, ContractVariationProposed>();

    public ContractTerms Apply(object @event) => @event switch
    {
        BlockContractAgreed e => this with
        {
            Agreement = e,
            PriceChanges = [(e.StartsOn, e.WeeklyPrices)],
            Beds = e.Beds.Select(b => (b, e.StartsOn, (DateOnly?)null)).ToList(),
        },
        ContractVariationProposed e => this with { PendingVariations = new Dictionary<Guid, ContractVariationProposed>(PendingVariations) { [e.VariationId] = e } },
        ContractVariationApproved e when PendingVariations.TryGetValue(e.VariationId, out var v) => Approve(v),
        ContractVariationRejected e => this with { PendingVariations = PendingVariations.Where(p => p.Key != e.VariationId).ToDictionary() },
        _ => this,
    };

    /// <summary>The beds contracted on <paramref name="date"/>.</summary>
    public IEnumerable<ContractedBed> BedsOn(DateOnly date) =>
        Agreement is { } a && date >= a.StartsOn && date <= a.EndsOn
            ? Beds.Where(b => b.From <= date && (b.Until is null || date < b.Until)).Select(b => b.Bed)
            : [];

    /// <summary>
    /// The weekly price of <paramref name="band"/> on <paramref name="date"/>, exact (not rounded): the latest approved
    /// price in force, raised by the annual uplift once for each contract anniversary passed since that price took
    /// effect. Money rounds to the penny once, at the end of each line.
    /// </summary>
    public decimal WeeklyPrice(NeedBand band, DateOnly date)
    {
        var agreement = Agreement ?? throw new InvalidOperationException("The contract has not been agreed.");
        // The latest in force; of two from the same date, the one approved last (OrderBy is stable). MaxBy would keep
        // the first, so a variation effective on the start date would never replace the agreed prices.
        var (from, prices) = PriceChanges.Where(p => p.From <= date).OrderBy(p => p.From).LastOrDefault();
        if (prices is null)
        {
            throw new ArgumentOutOfRangeException(nameof(date), $"The contract starts on {agreement.StartsOn:yyyy-MM-dd}.");
        }

        var price = prices[band];
        var factor = 1 + agreement.AnnualUpliftPercent / 100m;
        for (var anniversary = agreement.StartsOn.AddYears(1); anniversary <= date; anniversary = anniversary.AddYears(1))
        {
            if (anniversary > from)
            {
                price *= factor;
            }
        }

        return price;
    }

    private ContractTerms Approve(ContractVariationProposed v)
    {
        var removed = v.BedsRemoved.ToHashSet();
        var beds = Beds.Select(b => removed.Contains(b.Bed.BedId) && b.Until is null ? (b.Bed, b.From, (DateOnly?)v.EffectiveFrom) : b)
            .Concat(v.BedsAdded.Select(b => (b, v.EffectiveFrom, (DateOnly?)null)))
            .ToList();
        var prices = v.NewWeeklyPrices is null ? PriceChanges : [.. PriceChanges, (v.EffectiveFrom, v.NewWeeklyPrices)];
        return this with
        {
            Beds = beds,
            PriceChanges = prices,
            PendingVariations = PendingVariations.Where(p => p.Key != v.VariationId).ToDictionary(),
        };
    }
}
