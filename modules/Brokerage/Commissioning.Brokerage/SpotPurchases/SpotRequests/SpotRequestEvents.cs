using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.SpotPurchases.SpotRequests;

// A spot-purchase request: one stream each, "spot-request-<id:N>", scoped to the child's borough. Started for a
// referral no block bed fits, sent only to the accredited providers with a home that passes the home-level hard
// constraints (never to all), bid on by those providers, and awarded to one bid.

/// <summary>
/// What a provider is shown to decide whether to bid: the minimum (domain.md), under the referral's pseudonymous
/// reference. Never the borough's child id or the date of birth: only the age on the required date.
/// </summary>
internal sealed record SpotNeeds(
    string Band,
    string? BandRationale,
    int Age,
    string Sex,
    DateOnly RequiredBy,
    string? NeededBy,
    string? HomePostcodeDistrict,
    IReadOnlyList<string> AreasToAvoid,
    bool SoloPlacementNeeded,
    IReadOnlyList<string> RisksPresent,
    IReadOnlyList<string> SpecialismsWanted,
    string? ChildsViews);

/// <summary>One home of a provider, judged against the referral's home-level hard constraints.</summary>
/// <param name="Reasons">Every reason the home fails (empty when it passes).</param>
internal sealed record HomeConsidered(string HomeCode, string PostcodeDistrict, bool Passes, IReadOnlyList<string> Reasons);

/// <summary>One provider brokerage considered, whether the request went to it, and why.</summary>
/// <param name="Included">The request was sent to it.</param>
/// <param name="Reason">Why it was included or left out, in plain English.</param>
internal sealed record ProviderConsidered(string ProviderCode, bool Included, string Reason, IReadOnlyList<HomeConsidered> Homes)
{
    /// <summary>The homes the provider may bid with.</summary>
    public IEnumerable<string> EligibleHomes => Homes.Where(h => h.Passes).Select(h => h.HomeCode);
}

/// <summary>Brokerage started a spot purchase for a referral and sent it to <see cref="SentTo"/>, having considered <see cref="Considered"/>.</summary>
[EventType("brokerage.spot-request-started.v1")]
internal sealed record SpotRequestStarted(
    Guid SpotRequestId,
    string Reference,
    Guid ReferralId,
    string ReferralReference,
    string BoroughCode,
    DateOnly BidsBy,
    string? Note,
    SpotNeeds Needs,
    IReadOnlyList<ProviderConsidered> Considered,
    DateTimeOffset At,
    string By)
{
    public IReadOnlyList<string> SentTo => [.. Considered.Where(p => p.Included).Select(p => p.ProviderCode)];
}

/// <summary>A provider bid one of its homes at a weekly price, available from a date.</summary>
[EventType("brokerage.spot-bid-made.v1")]
internal sealed record SpotBidMade(
    Guid SpotRequestId, Guid BidId, string ProviderCode, string HomeCode, decimal WeeklyPrice, DateOnly AvailableFrom, string? Note, DateTimeOffset At, string By);

/// <summary>
/// Brokerage awarded one bid: the spot contract <see cref="SpotContractId"/> (agreed by Contracts from the integration
/// event) and the placement <see cref="PlacementId"/> under it, starting <see cref="StartDate"/>.
/// </summary>
[EventType("brokerage.spot-bid-awarded.v1")]
internal sealed record SpotBidAwarded(
    Guid SpotRequestId, Guid BidId, Guid SpotContractId, Guid PlacementId, string ProviderCode, string HomeCode, string Band, decimal WeeklyPrice,
    DateOnly StartDate, DateTimeOffset At, string By);

/// <summary>The child moved in to the spot placement: the placement starts against the spot contract.</summary>
[EventType("brokerage.spot-placement-started.v1")]
internal sealed record SpotPlacementStarted(
    Guid SpotRequestId, Guid PlacementId, Guid SpotContractId, string BoroughCode, string Band, DateOnly StartDate, DateTimeOffset At, string By);

/// <summary>The spot placement ended, with SSDA903 codes (the bed ledger stops charging the spot contract from <see cref="EndDate"/>).</summary>
[EventType("brokerage.spot-placement-ended.v1")]
internal sealed record SpotPlacementEnded(
    Guid SpotRequestId, Guid PlacementId, DateOnly EndDate, string ReasonEpisodeCeased, string? ReasonPlaceChange, bool Planned, DateTimeOffset At, string By);

internal static class SpotRequestStreams
{
    public const string StreamType = "spot-request";

    public static string For(Guid id) => $"spot-request-{id:N}";
}

/// <summary>A spot request as its stream tells it.</summary>
internal sealed record SpotRequest(
    SpotRequestStarted? Started, IReadOnlyList<SpotBidMade> Bids, SpotBidAwarded? Award, SpotPlacementStarted? PlacementStarted, SpotPlacementEnded? PlacementEnded = null)
    : IAggregateState<SpotRequest>
{
    public static SpotRequest Initial => new(null, [], null, null);

    /// <summary><c>open</c> for bids, <c>awarded</c>, <c>placed</c> once the child moved in, <c>ended</c> once the placement ended.</summary>
    public string Status => PlacementEnded is not null ? "ended" : PlacementStarted is not null ? "placed" : Award is not null ? "awarded" : "open";

    public SpotRequest Apply(object @event) => @event switch
    {
        SpotRequestStarted e => this with { Started = e },
        SpotBidMade e => this with { Bids = [.. Bids, e] },
        SpotBidAwarded e => this with { Award = e },
        SpotPlacementStarted e => this with { PlacementStarted = e },
        SpotPlacementEnded e => this with { PlacementEnded = e },
        _ => this,
    };
}
