using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Messages.Brokerage;

// What Brokerage tells Reporting and Payment by Results about offers and placements beyond the bed ledger's events
// (BedLedgerEvents.cs). Children are named only by the referral's pseudonymous reference.

/// <summary>A provider accepted an offer: a placement is agreed and will start on about <see cref="PlannedStartDate"/>.</summary>
/// <param name="PlacementId">The placement; <see cref="PlacementStarted"/> and the later events name it.</param>
/// <param name="OfferId">The accepted offer.</param>
/// <param name="ReferralReference">The referral's pseudonymous reference.</param>
/// <param name="BoroughCode">The referring borough's GSS code.</param>
/// <param name="ProviderCode">The provider.</param>
/// <param name="HomeCode">The home.</param>
/// <param name="BedId">The block bed.</param>
/// <param name="Band">The need band code: <c>low</c>, <c>medium</c>, <c>high</c> or <c>specialist</c>.</param>
/// <param name="PlannedStartDate">The planned first day.</param>
/// <param name="AgreedAt">When the provider accepted.</param>
public sealed record PlacementAgreed(
    Guid PlacementId, Guid OfferId, string ReferralReference, string BoroughCode, string ProviderCode, string HomeCode, string BedId, string Band,
    DateOnly PlannedStartDate, DateTimeOffset AgreedAt) : IntegrationEvent;

/// <summary>
/// Brokerage moved a child to another bed: <see cref="FromPlacementId"/> ended on <see cref="MoveDate"/> with SSDA903
/// REC <c>X1</c> and <see cref="ReasonPlaceChange"/>, and <see cref="ToPlacementId"/> started the same day (the bed
/// ledger hears <see cref="PlacementEnded"/> and <see cref="PlacementStarted"/> as usual). A move counts against
/// placement stability unless <see cref="Planned"/>.
/// </summary>
/// <param name="FromPlacementId">The placement that ended.</param>
/// <param name="ToPlacementId">The placement that started.</param>
/// <param name="ReferralReference">The referral's pseudonymous reference.</param>
/// <param name="BoroughCode">The borough's GSS code.</param>
/// <param name="FromBedId">The bed left.</param>
/// <param name="ToBedId">The bed moved into.</param>
/// <param name="MoveDate">The day of the move.</param>
/// <param name="ReasonPlaceChange">The SSDA903 REASON_PLACE_CHANGE code.</param>
/// <param name="Planned">Whether the move was planned.</param>
public sealed record PlacementMoved(
    Guid FromPlacementId, Guid ToPlacementId, string ReferralReference, string BoroughCode, string FromBedId, string ToBedId, DateOnly MoveDate,
    string ReasonPlaceChange, bool Planned) : IntegrationEvent;

/// <summary>
/// A staying-put arrangement was agreed: the young person stays in the placement past the 18th birthday until
/// <see cref="Until"/> (never after the 21st birthday). One of the outcomes the partnership tracks.
/// </summary>
/// <param name="PlacementId">The placement.</param>
/// <param name="BoroughCode">The borough's GSS code.</param>
/// <param name="Until">The last day agreed.</param>
/// <param name="AgreedAt">When it was recorded.</param>
public sealed record StayingPutAgreed(Guid PlacementId, string BoroughCode, DateOnly Until, DateTimeOffset AgreedAt) : IntegrationEvent;
