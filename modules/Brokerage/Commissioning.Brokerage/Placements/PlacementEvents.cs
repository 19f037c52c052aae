using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.Placements;

// Three kinds of stream (docs/brokerage.md):
// - "brokerage-bed-<bedId>": every hold, occupation and release of one contracted bed, appended with the expected
//   version, so two writers (whichever host they run on) cannot both take a bed: the second append fails.
// - "offer-<id:N>": an offer's life, from made to accepted, declined, lapsed or withdrawn.
// - "placement-<id:N>": a placement's life, from agreed to ended, with its re-bandings, step-down and staying put.
// Offer and placement streams are scoped to the child's borough; the bed stream is scoped to the holder's borough.

internal static class PlacementStreams
{
    public const string BedStreamType = "brokerage-bed";
    public const string OfferStreamType = "offer";
    public const string PlacementStreamType = "placement";

    public static string Bed(string bedId) => $"brokerage-bed-{bedId}";

    public static string Offer(Guid offerId) => $"offer-{offerId:N}";

    public static string Placement(Guid placementId) => $"placement-{placementId:N}";
}

// ---- the bed stream ----

/// <summary>An offer took the bed: it is held until the offer is answered, lapses or is withdrawn.</summary>
[EventType("brokerage.bed-offered.v1")]
internal sealed record BedOffered(
    string BedId, Guid OfferId, Guid ReferralId, string ReferralReference, string BoroughCode, string ProviderCode, string HomeCode,
    DateTimeOffset HeldFrom, DateTimeOffset RespondBy);

/// <summary>The offer holding the bed let it go (<see cref="Reason"/> <c>declined</c>, <c>withdrawn</c> or <c>expired</c>): the bed is free.</summary>
[EventType("brokerage.bed-offer-released.v1")]
internal sealed record BedOfferReleased(string BedId, Guid OfferId, string Reason, DateTimeOffset At);

/// <summary>The provider accepted: the hold passes from the offer to the agreed placement.</summary>
[EventType("brokerage.bed-reserved-for-placement.v1")]
internal sealed record BedReservedForPlacement(string BedId, Guid OfferId, Guid PlacementId, string BoroughCode, DateTimeOffset At);

/// <summary>A placement's child moved in (or was moved in directly, without an offer).</summary>
[EventType("brokerage.bed-occupied.v1")]
internal sealed record BedOccupiedByPlacement(string BedId, Guid PlacementId, string BoroughCode, DateOnly StartDate, DateTimeOffset At);

/// <summary>The placement in the bed ended (or an agreed placement was called off): the bed is free from <see cref="EndDate"/>.</summary>
[EventType("brokerage.bed-vacated.v1")]
internal sealed record BedVacatedByPlacement(string BedId, Guid PlacementId, DateOnly EndDate, DateTimeOffset At);

// ---- the offer stream ----

/// <summary>
/// What a provider is shown to decide on an offer: the minimum (domain.md), under the referral's pseudonymous
/// reference. Never the borough's child id; the date of birth is kept on the offer only to work out the age.
/// </summary>
internal sealed record OfferSummary(
    string Band,
    string? BandRationale,
    string? Sex,
    DateOnly? DateOfBirth,
    DateOnly? RequiredByDate,
    string? NeededBy,
    IReadOnlyDictionary<string, string> Needs,
    IReadOnlyList<string> RisksPresent,
    string? ChildsViews);

/// <summary>Brokerage offered a bed to its provider for a referral, with a deadline to answer.</summary>
[EventType("brokerage.offer-made.v1")]
internal sealed record OfferMade(
    Guid OfferId, Guid ReferralId, string ReferralReference, string BedId, string HomeCode, string ProviderCode, string BoroughCode,
    OfferSummary Summary, DateTimeOffset RespondBy, DateTimeOffset MadeAt, string MadeBy, string? BrokerageOrganisation = null);

/// <summary>The provider accepted: the placement <see cref="PlacementId"/> is agreed.</summary>
[EventType("brokerage.offer-accepted.v1")]
internal sealed record OfferAccepted(Guid OfferId, Guid PlacementId, DateOnly PlannedStartDate, DateOnly? PrePlacementVisitDate, DateTimeOffset At, string By);

/// <summary>The provider declined with a coded reason (<see cref="DeclineReasons"/>).</summary>
[EventType("brokerage.offer-declined.v1")]
internal sealed record OfferDeclined(Guid OfferId, string ReasonCode, string? Comment, DateTimeOffset At, string By);

/// <summary>Nobody answered by the deadline.</summary>
[EventType("brokerage.offer-lapsed.v1")]
internal sealed record OfferLapsed(Guid OfferId, DateTimeOffset At);

/// <summary>Brokerage took the offer back before it was answered.</summary>
[EventType("brokerage.offer-withdrawn.v1")]
internal sealed record OfferWithdrawn(Guid OfferId, string? Reason, DateTimeOffset At, string By);

// ---- the placement stream ----

/// <summary>
/// A placement is agreed: from an accepted offer (<see cref="OfferId"/>) or a move (<see cref="MovedFromPlacementId"/>).
/// <see cref="BrokerageOrganisation"/> is the brokerage team's organisation, told about the step-down date.
/// </summary>
[EventType("brokerage.placement-agreed.v1")]
internal sealed record PlacementAgreed(
    Guid PlacementId, Guid ReferralId, string ReferralReference, Guid? OfferId, Guid? MovedFromPlacementId, string BedId, string HomeCode,
    string ProviderCode, string BoroughCode, string Band, DateOnly? DateOfBirth, DateOnly PlannedStartDate, DateOnly? PrePlacementVisitDate,
    DateTimeOffset At, string By, string? BrokerageOrganisation = null);

/// <summary>The child moved in on <see cref="StartDate"/>. Carries what the bed ledger needs to know.</summary>
[EventType("brokerage.placement-start-recorded.v1")]
internal sealed record PlacementStartRecorded(
    Guid PlacementId, string BedId, Guid? OfferId, string BoroughCode, string Band, DateOnly StartDate, DateOnly StepDownDate, DateTimeOffset At, string By);

/// <summary>
/// The placement ended on <see cref="EndDate"/> with SSDA903 codes (<see cref="Ssda903"/>); <see cref="MovedToPlacementId"/>
/// when brokerage moved the child to another bed.
/// </summary>
[EventType("brokerage.placement-end-recorded.v1")]
internal sealed record PlacementEndRecorded(
    Guid PlacementId, string BedId, DateOnly EndDate, string ReasonEpisodeCeased, string? ReasonPlaceChange, bool Planned,
    Guid? MovedToPlacementId, DateTimeOffset At, string By);

/// <summary>An agreed placement that never started was called off (the referral waits again).</summary>
[EventType("brokerage.placement-called-off.v1")]
internal sealed record PlacementCalledOff(Guid PlacementId, string BedId, string Reason, DateTimeOffset At, string By, Guid? OfferId = null);

/// <summary>The provider asked for the child's band to change, with its rationale.</summary>
[EventType("brokerage.placement-rebanding-requested.v1")]
internal sealed record RebandingRequested(Guid PlacementId, Guid RequestId, string Band, string Rationale, DateTimeOffset At, string By);

/// <summary>Brokerage approved a re-banding: fees follow <see cref="Band"/> from <see cref="EffectiveFrom"/>.</summary>
[EventType("brokerage.placement-rebanding-approved.v1")]
internal sealed record RebandingApproved(Guid PlacementId, Guid RequestId, string Band, DateOnly EffectiveFrom, DateTimeOffset At, string By);

/// <summary>Brokerage rejected a re-banding, saying why.</summary>
[EventType("brokerage.placement-rebanding-rejected.v1")]
internal sealed record RebandingRejected(Guid PlacementId, Guid RequestId, string Reason, DateTimeOffset At, string By);

/// <summary>The planned step-down date changed (a reason is given when it lies outside 6 to 9 months from the start).</summary>
[EventType("brokerage.placement-step-down-date-set.v1")]
internal sealed record StepDownDateSet(Guid PlacementId, DateOnly StepDownDate, string? Reason, DateTimeOffset At, string By);

/// <summary>The borough and brokerage were reminded that the step-down date is near (once per date).</summary>
[EventType("brokerage.placement-step-down-reminder-sent.v1")]
internal sealed record StepDownReminderSent(Guid PlacementId, DateOnly StepDownDate, DateTimeOffset At);

/// <summary>A staying-put arrangement: the young person stays past 18, until <see cref="Until"/> (at most the 21st birthday).</summary>
[EventType("brokerage.placement-staying-put-agreed.v1")]
internal sealed record StayingPutAgreed(Guid PlacementId, DateOnly Until, string? Note, DateTimeOffset At, string By);

/// <summary>
/// Recorded on the old placement with its ending: brokerage moved the child to <see cref="ToPlacementId"/> in
/// <see cref="ToBedId"/> on <see cref="MoveDate"/>.
/// </summary>
[EventType("brokerage.placement-move-recorded.v1")]
internal sealed record PlacementMoveRecorded(
    Guid FromPlacementId, Guid ToPlacementId, string ReferralReference, string BoroughCode, string FromBedId, string ToBedId, DateOnly MoveDate,
    string ReasonPlaceChange, bool Planned, DateTimeOffset At, string By);
