using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Contracts.BlockContracts;

// The shape of a block contract, shared by the contract pages (who make these events) and the bed ledger and money
// (who read them). A contract's history is its stream, "block-contract-<id>".

/// <summary>One contracted bed: a place in a home, contracted at a band (the band sets the void price).</summary>
internal sealed record ContractedBed(string BedId, string HomeCode, NeedBand Band);

/// <summary>
/// The lead borough signed a block contract for the partnership. Weekly prices are in pounds per band at the start;
/// they rise by <see cref="AnnualUpliftPercent"/> on each anniversary of <see cref="StartsOn"/>.
/// </summary>
[EventType("contracts.block-contract-agreed.v1")]
internal sealed record BlockContractAgreed(
    Guid ContractId,
    string Reference,
    string ProviderCode,
    IReadOnlyList<string> ConsortiumMembers,
    DateOnly StartsOn,
    DateOnly EndsOn,
    DateOnly? BreakOn,
    IReadOnlyList<DateOnly> ReviewDates,
    IReadOnlyDictionary<NeedBand, decimal> WeeklyPrices,
    decimal AnnualUpliftPercent,
    decimal InnovationCapPercent,
    string OutcomeFrameworkReference,
    IReadOnlyList<ContractedBed> Beds);

/// <summary>A change to the contract proposed by the contract manager: nothing changes until it is approved.</summary>
[EventType("contracts.contract-variation-proposed.v1")]
internal sealed record ContractVariationProposed(
    Guid ContractId,
    Guid VariationId,
    DateOnly EffectiveFrom,
    string Reason,
    IReadOnlyList<ContractedBed> BedsAdded,
    IReadOnlyList<string> BedsRemoved,
    IReadOnlyDictionary<NeedBand, decimal>? NewWeeklyPrices);

/// <summary>The variation was approved: from <c>EffectiveFrom</c> its beds and prices apply (never before).</summary>
[EventType("contracts.contract-variation-approved.v1")]
internal sealed record ContractVariationApproved(Guid ContractId, Guid VariationId, DateOnly ApprovedOn, string ApprovedBy);

/// <summary>
/// Written with <see cref="ContractVariationApproved"/> when the variation changes beds, so the beds added and
/// removed travel to Brokerage (as ContractedBedsVaried) without reading the proposal.
/// </summary>
[EventType("contracts.contract-beds-varied.v1")]
internal sealed record ContractBedsVaried(
    Guid ContractId, Guid VariationId, string Reference, string ProviderCode, DateOnly EffectiveFrom, IReadOnlyList<ContractedBed> BedsAdded, IReadOnlyList<string> BedsRemoved);

[EventType("contracts.contract-variation-rejected.v1")]
internal sealed record ContractVariationRejected(Guid ContractId, Guid VariationId, string Reason);

/// <summary>A single placement bought outside the block, charged to the borough whose child it is.</summary>
[EventType("contracts.spot-contract-agreed.v1")]
internal sealed record SpotContractAgreed(
    Guid SpotContractId, string Reference, string ProviderCode, string HomeCode, string BoroughCode, NeedBand Band, decimal WeeklyPrice,
    DateOnly StartsOn, DateOnly? EndsOn);

[EventType("contracts.spot-contract-ended.v1")]
internal sealed record SpotContractEnded(Guid SpotContractId, DateOnly EndedOn);

internal static class BlockContractStreams
{
    public const string StreamType = "block-contract";

    public static string For(Guid contractId) => $"block-contract-{contractId:N}";
}
