using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Messages.Brokerage;

// Placements a partner borough made itself, outside brokerage, so the partnership's figures are whole (domain.md:
// one borough made 66% of its placements without the tool). No child's identity travels: not the borough's own child
// reference, not a date of birth; only what Reporting counts.

/// <summary>A borough recorded a placement its own team made outside brokerage.</summary>
/// <param name="OutsidePlacementId">Brokerage's id for the record; <see cref="OutsidePlacementEnded"/> names it.</param>
/// <param name="BoroughCode">The GSS code of the borough that made the placement (and whose child it is).</param>
/// <param name="ReasonCode">
/// Why it was made outside brokerage: <c>emergency-out-of-hours</c>, <c>court-direction</c>,
/// <c>no-suitable-block-bed</c>, <c>sibling-group</c>, <c>continuity-of-existing-placement</c> or <c>other</c>.
/// </param>
/// <param name="ReferralId">The brokerage referral it answered (now closed), or null when there was none.</param>
/// <param name="PlacementType">The Placements Data Standard v2 <c>placementType</c>: <c>Residential</c>, <c>Foster</c> or <c>Supported Accommodation</c>.</param>
/// <param name="PostcodeDistrict">Where the placement is, e.g. <c>RM7</c>.</param>
/// <param name="StartDate">The first day of the placement.</param>
/// <param name="WeeklyCost">Pounds a week, at most two decimal places.</param>
/// <param name="Band">The child's need band: <c>low</c>, <c>medium</c>, <c>high</c> or <c>specialist</c>.</param>
public sealed record OutsidePlacementRecorded(
    Guid OutsidePlacementId, string BoroughCode, string ReasonCode, Guid? ReferralId, string PlacementType, string PostcodeDistrict,
    DateOnly StartDate, decimal WeeklyCost, string Band) : IntegrationEvent;

/// <summary>A placement made outside brokerage ended.</summary>
/// <param name="OutsidePlacementId">The record.</param>
/// <param name="BoroughCode">The borough's GSS code.</param>
/// <param name="EndDate">The day the child left.</param>
/// <param name="ReasonEpisodeCeased">The SSDA903 REC code.</param>
/// <param name="Planned">False for an unplanned ending, which counts against stability.</param>
public sealed record OutsidePlacementEnded(Guid OutsidePlacementId, string BoroughCode, DateOnly EndDate, string ReasonEpisodeCeased, bool Planned)
    : IntegrationEvent;
