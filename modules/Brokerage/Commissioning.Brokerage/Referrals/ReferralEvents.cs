using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.Referrals;

// A referral's history is its stream, "referral-<id:N>", scoped to the referring borough. The Referrals part writes
// intake, return and assignment; the Placements and Spot purchases parts append the status events at the end of this
// file in the same session as their own events (docs/brokerage.md), so a referral and its offers never disagree.

/// <summary>
/// Everything a referrer tells brokerage about a child, as the API names it: the Placements Data Standard v2 fields of
/// PlacementAvailability, PlacementRequirements, PlacementRecommendation and Risks (option values verbatim), and the
/// partnership's own fields. Every field is optional here because a draft can be saved at any point; the submission
/// rules say which are required.
/// </summary>
internal sealed record ReferralDetails
{
    // PlacementAvailability
    public string? ChildId { get; init; }
    public string? NeededBy { get; init; }
    public int? SiblingCount { get; init; }
    public string? PreferredLocation { get; init; }

    // PlacementRequirements
    public string? CommunicationNeeds { get; init; }
    public IReadOnlyList<string>? SpecificCommunicationRequirements { get; init; }
    public bool? HomeAdaptation { get; init; }
    public string? CulturalNeeds { get; init; }
    public string? LivingCompanions { get; init; }
    public string? Pets { get; init; }
    public string? AdditionalSupport { get; init; }
    public bool? DeprivationOfLiberty { get; init; }

    // PlacementRecommendation
    public string? FosterCareSuitability { get; init; }
    public string? ResidentialCareSuitability { get; init; }
    public string? SupportedAccommodationSuitability { get; init; }

    // Risks: "No known risk" or "Risk Present"; the two free-text fields are read by people, not matched on.
    public string? RiskSelfHarm { get; init; }
    public string? RiskSexualExploitation { get; init; }
    public string? RiskCriminalExploitation { get; init; }
    public string? RiskDrugAlcohol { get; init; }
    public string? RiskEatingDisorder { get; init; }
    public string? RiskMissing { get; init; }
    public string? RiskOther { get; init; }
    public string? RiskToOthersPhysical { get; init; }
    public string? RiskToOthersSexual { get; init; }
    public string? RiskToOthersFire { get; init; }
    public string? RiskToOthersAnimals { get; init; }
    public string? RiskToOthersCriminal { get; init; }
    public string? RiskToOthersOther { get; init; }

    // The partnership's own fields (api.md).
    public DateOnly? DateOfBirth { get; init; }

    /// <summary><c>female</c>, <c>male</c> or <c>other</c>.</summary>
    public string? Sex { get; init; }

    /// <summary><c>low</c>, <c>medium</c>, <c>high</c> or <c>specialist</c>.</summary>
    public string? NeedBand { get; init; }
    public string? NeedBandRationale { get; init; }
    public DateOnly? RequiredByDate { get; init; }
    public string? HomePostcodeDistrict { get; init; }
    public string? SchoolPostcodeDistrict { get; init; }
    public IReadOnlyList<string>? LocationsToAvoid { get; init; }

    /// <summary>Homes (codes) where the child's brothers or sisters already live, for the siblings score.</summary>
    public IReadOnlyList<string>? SiblingHomeCodes { get; init; }

    /// <summary>What the child's plan asks a home to specialise in, matched against homes' specialisms.</summary>
    public IReadOnlyList<string>? SpecialismsWanted { get; init; }

    /// <summary>The child's own views about where and how they live, in their words.</summary>
    public string? ChildsViews { get; init; }
}

/// <summary>Where a referral is (docs/brokerage.md). Codes in kebab case: <c>placement-agreed</c>.</summary>
internal enum ReferralStatus
{
    Draft,
    Submitted,
    Returned,
    Offered,
    PlacementAgreed,
    Placed,
    SpotPurchase,
    Closed,
}

internal static class ReferralStreams
{
    public const string StreamType = "referral";

    public static string For(Guid referralId) => $"referral-{referralId:N}";
}

// ---- Written by the Placements and Spot purchases parts, in the same session as their own events ----

/// <summary>Brokerage offered a bed for the referral: it is decided, and waits for the provider.</summary>
[EventType("brokerage.referral-offer-made.v1")]
internal sealed record ReferralOfferMade(Guid ReferralId, Guid OfferId, string BedId, string ProviderCode, DateTimeOffset At);

/// <summary>The offer was declined, lapsed or withdrawn (<see cref="Outcome"/>): the referral waits for another bed.</summary>
[EventType("brokerage.referral-offer-ended.v1")]
internal sealed record ReferralOfferEnded(Guid ReferralId, Guid OfferId, string Outcome, DateTimeOffset At);

/// <summary>The provider accepted (or a spot bid was awarded): a placement is agreed, not yet started.</summary>
[EventType("brokerage.referral-placement-agreed.v1")]
internal sealed record ReferralPlacementAgreed(Guid ReferralId, Guid PlacementId, DateTimeOffset At);

/// <summary>The child moved in.</summary>
[EventType("brokerage.referral-placed.v1")]
internal sealed record ReferralPlaced(Guid ReferralId, Guid PlacementId, DateOnly StartDate, DateTimeOffset At);

/// <summary>No block bed fits: a spot purchase was started for the referral. It is decided.</summary>
[EventType("brokerage.referral-spot-purchase-started.v1")]
internal sealed record ReferralSpotPurchaseStarted(Guid ReferralId, Guid SpotRequestId, DateTimeOffset At);

/// <summary>
/// The referral is closed: <see cref="Reason"/> <c>withdrawn</c>, <c>no-longer-needed</c> or
/// <c>placed-outside-brokerage</c>, with a note.
/// </summary>
[EventType("brokerage.referral-closed.v1")]
internal sealed record ReferralClosed(Guid ReferralId, string Reason, string? Note, DateTimeOffset At, string By);
