using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Messages.Contracts;

// What Contracts tells Brokerage about the block beds it can offer: which beds each block contract buys (as agreed,
// then as varied) and what providers say about their vacancies. Bands travel as their codes: "low", "medium",
// "high", "specialist".

/// <summary>One bed a block contract buys.</summary>
/// <param name="BedId">The bed's id as the contract names it, e.g. HOME-01-B1.</param>
/// <param name="HomeCode">The home the bed is in.</param>
/// <param name="Band">The need band the bed is contracted at: <c>low</c>, <c>medium</c>, <c>high</c> or <c>specialist</c>.</param>
public sealed record ContractedBedInfo(string BedId, string HomeCode, string Band);

/// <summary>
/// The lead borough agreed a block contract: these beds are contracted from <see cref="StartsOn"/> to
/// <see cref="EndsOn"/> (inclusive). Later changes arrive as <see cref="ContractedBedsVaried"/>.
/// </summary>
/// <param name="ContractId">The contract's id.</param>
/// <param name="Reference">The contract's reference, for people.</param>
/// <param name="ProviderCode">The provider the contract is with (the lead provider of a consortium).</param>
/// <param name="StartsOn">The first day the beds are contracted.</param>
/// <param name="EndsOn">The last day the beds are contracted.</param>
/// <param name="Beds">Every bed the contract buys.</param>
public sealed record ContractedBedsAgreed(
    Guid ContractId, string Reference, string ProviderCode, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<ContractedBedInfo> Beds) : IntegrationEvent;

/// <summary>
/// An approved contract variation changed which beds a block contract buys, from <see cref="EffectiveFrom"/> (never
/// before): <see cref="BedsAdded"/> are contracted from that day, <see cref="BedsRemoved"/> are no longer contracted
/// from that day. Published at approval; a variation that changes only prices publishes nothing here.
/// </summary>
/// <param name="ContractId">The contract varied.</param>
/// <param name="VariationId">The approved variation.</param>
/// <param name="Reference">The contract's reference.</param>
/// <param name="ProviderCode">The provider the contract is with.</param>
/// <param name="EffectiveFrom">The first day the change applies.</param>
/// <param name="BedsAdded">Beds newly contracted.</param>
/// <param name="BedsRemoved">Ids of beds no longer contracted.</param>
public sealed record ContractedBedsVaried(
    Guid ContractId,
    Guid VariationId,
    string Reference,
    string ProviderCode,
    DateOnly EffectiveFrom,
    IReadOnlyList<ContractedBedInfo> BedsAdded,
    IReadOnlyList<string> BedsRemoved) : IntegrationEvent;

/// <summary>
/// A provider confirmed one bed of one of its homes: <c>available</c> from <see cref="AvailableFrom"/>, or
/// <c>unavailable</c> with a <see cref="Reason"/>. It replaces any earlier confirmation of the bed, and counts until
/// it lapses (<see cref="BedVacancyConfirmationLapsed"/>) or the provider confirms again.
/// </summary>
/// <param name="BedId">The bed.</param>
/// <param name="HomeCode">Its home.</param>
/// <param name="Status"><c>available</c> or <c>unavailable</c>.</param>
/// <param name="AvailableFrom">For an available bed, the first day it can take a child.</param>
/// <param name="Reason">For an unavailable bed, why, in the provider's words.</param>
/// <param name="ConfirmedAt">When the provider confirmed it.</param>
public sealed record BedVacancyConfirmed(
    string BedId, string HomeCode, string Status, DateOnly? AvailableFrom, string? Reason, DateTimeOffset ConfirmedAt) : IntegrationEvent;

/// <summary>
/// The confirmation window passed without a new confirmation of the bed: its last confirmation (made at
/// <see cref="ConfirmedAt"/>) no longer counts, so the bed is unconfirmed and is not offered as available.
/// </summary>
/// <param name="BedId">The bed.</param>
/// <param name="HomeCode">Its home.</param>
/// <param name="ConfirmedAt">When the confirmation that lapsed was made.</param>
/// <param name="LapsedAt">When it lapsed.</param>
public sealed record BedVacancyConfirmationLapsed(string BedId, string HomeCode, DateTimeOffset ConfirmedAt, DateTimeOffset LapsedAt) : IntegrationEvent;
