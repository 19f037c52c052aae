using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Messages.Brokerage;

// What Brokerage tells the bed ledger (Contracts) about holds and placements. Bands travel as their codes:
// "low", "medium", "high", "specialist". Dates are calendar dates; a placement occupies its bed from its start date
// up to, not including, its end date (SSDA903 dates an episode's end as the day it ceased).

/// <summary>
/// Brokerage offered a block bed to a provider for a referral: the bed is held by the offer until it is answered,
/// withdrawn or expires (<see cref="BedHoldReleased"/>), or the placement starts (<see cref="PlacementStarted"/>
/// with the same <see cref="OfferId"/>). A bed is held by at most one offer or child at a time: Brokerage refuses
/// a hold on a bed that is not free, and the bed ledger flags loudly any hold it is told of on a bed that is not.
/// </summary>
/// <param name="BedId">The contracted bed, as the contract names it.</param>
/// <param name="OfferId">The offer holding the bed.</param>
/// <param name="ReferralReference">The referral's pseudonymous reference: never the child's name or the borough's own child id.</param>
/// <param name="BoroughCode">The referring borough's GSS code.</param>
/// <param name="HeldFrom">When the hold began.</param>
/// <param name="RespondBy">The provider's response deadline. The ledger does not end the hold by itself: Brokerage sends <see cref="BedHoldReleased"/> (expired) when it passes.</param>
public sealed record BedHeld(string BedId, Guid OfferId, string ReferralReference, string BoroughCode, DateTimeOffset HeldFrom, DateTimeOffset RespondBy)
    : IntegrationEvent;

/// <summary>The offer that held a bed no longer holds it: it was declined, withdrawn or it expired. The bed is free again.</summary>
/// <param name="BedId">The bed that was held.</param>
/// <param name="OfferId">The offer that held it.</param>
/// <param name="Reason">Why: <c>declined</c>, <c>withdrawn</c> or <c>expired</c>.</param>
/// <param name="ReleasedAt">When.</param>
public sealed record BedHoldReleased(string BedId, Guid OfferId, string Reason, DateTimeOffset ReleasedAt) : IntegrationEvent;

/// <summary>
/// A child moved in: a placement started, either in a block bed (<see cref="BedId"/>) or under a spot contract
/// (<see cref="SpotContractId"/>); exactly one of the two is given. In a block bed it ends the hold of the offer
/// it came from, if any.
/// </summary>
/// <param name="PlacementId">Brokerage's placement id; the later events name it.</param>
/// <param name="BedId">The block bed, or null for a spot placement.</param>
/// <param name="SpotContractId">The spot contract, or null for a block bed.</param>
/// <param name="OfferId">The offer the placement came from, or null for a placement made without one.</param>
/// <param name="BoroughCode">The GSS code of the borough whose child it is: it pays the placement's fee.</param>
/// <param name="Band">The child's need band at the start: <c>low</c>, <c>medium</c>, <c>high</c> or <c>specialist</c>.</param>
/// <param name="StartDate">The first day in the bed.</param>
public sealed record PlacementStarted(
    Guid PlacementId, string? BedId, Guid? SpotContractId, Guid? OfferId, string BoroughCode, string Band, DateOnly StartDate) : IntegrationEvent;

/// <summary>
/// The child's need band was changed by a recorded re-banding decision: fees are charged at <see cref="Band"/> from
/// <see cref="EffectiveFrom"/> (which may be earlier than today, back to the placement's start).
/// </summary>
/// <param name="PlacementId">The placement.</param>
/// <param name="Band">The new band code.</param>
/// <param name="EffectiveFrom">The first day charged at the new band.</param>
public sealed record PlacementRebanded(Guid PlacementId, string Band, DateOnly EffectiveFrom) : IntegrationEvent;

/// <summary>The placement ended: the bed is empty from <see cref="EndDate"/>, the day the child left.</summary>
/// <param name="PlacementId">The placement.</param>
/// <param name="EndDate">The day the child left (not charged).</param>
/// <param name="Planned">False for an unplanned ending, which counts against stability.</param>
public sealed record PlacementEnded(Guid PlacementId, DateOnly EndDate, bool Planned) : IntegrationEvent;
