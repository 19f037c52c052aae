using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.Placements;

/// <summary>The offer statuses, as their codes.</summary>
internal static class OfferStatuses
{
    public const string Open = "open";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Lapsed = "lapsed";
    public const string Withdrawn = "withdrawn";

    public static readonly string[] All = [Open, Accepted, Declined, Lapsed, Withdrawn];
}

/// <summary>One offer, folded from its stream <c>offer-&lt;id:N&gt;</c>.</summary>
internal sealed record OfferState(OfferMade? Made, string Status, Guid? PlacementId) : IAggregateState<OfferState>
{
    public static OfferState Initial { get; } = new(null, "", null);

    public bool Exists => Made is not null;

    public OfferState Apply(object @event) => @event switch
    {
        OfferMade e => new(e, OfferStatuses.Open, null),
        OfferAccepted e => this with { Status = OfferStatuses.Accepted, PlacementId = e.PlacementId },
        OfferDeclined => this with { Status = OfferStatuses.Declined },
        OfferLapsed => this with { Status = OfferStatuses.Lapsed },
        OfferWithdrawn => this with { Status = OfferStatuses.Withdrawn },
        _ => this,
    };
}

/// <summary>The placement statuses, as their codes (docs/brokerage.md), plus <c>called-off</c> for an agreed placement that never started.</summary>
internal static class PlacementStatuses
{
    public const string Confirmed = "confirmed";
    public const string Started = "started";
    public const string Ended = "ended";
    public const string CalledOff = "called-off";

    public static readonly string[] All = [Confirmed, Started, Ended, CalledOff];
}

/// <summary>A re-banding request waiting for brokerage's decision.</summary>
internal sealed record PendingRebanding(Guid RequestId, string Band, string Rationale, DateTimeOffset RequestedAt);

/// <summary>One placement, folded from its stream <c>placement-&lt;id:N&gt;</c>.</summary>
internal sealed record PlacementState(
    PlacementAgreed? Agreed,
    string Status,
    string Band,
    DateOnly? StartDate,
    DateOnly? EndDate,
    DateOnly? StepDownDate,
    DateOnly? StepDownRemindedFor,
    DateOnly? StayingPutUntil,
    PendingRebanding? Pending,
    IReadOnlyList<(DateOnly From, string Band)> Bands) : IAggregateState<PlacementState>
{
    public static PlacementState Initial { get; } = new(null, "", "", null, null, null, null, null, null, []);

    public bool Exists => Agreed is not null;

    public PlacementState Apply(object @event) => @event switch
    {
        PlacementAgreed e => Initial with { Agreed = e, Status = PlacementStatuses.Confirmed, Band = e.Band },
        PlacementStartRecorded e => this with
        {
            Status = PlacementStatuses.Started, StartDate = e.StartDate, StepDownDate = e.StepDownDate, Bands = [(e.StartDate, e.Band)],
        },
        PlacementEndRecorded e => this with { Status = PlacementStatuses.Ended, EndDate = e.EndDate, Pending = null },
        PlacementCalledOff => this with { Status = PlacementStatuses.CalledOff, Pending = null },
        RebandingRequested e => this with { Pending = new PendingRebanding(e.RequestId, e.Band, e.Rationale, e.At) },
        RebandingApproved e => WithBand(e.EffectiveFrom, e.Band) with { Pending = null },
        RebandingRejected => this with { Pending = null },
        StepDownDateSet e => this with { StepDownDate = e.StepDownDate },
        StepDownReminderSent e => this with { StepDownRemindedFor = e.StepDownDate },
        StayingPutAgreed e => this with { StayingPutUntil = e.Until },
        _ => this,
    };

    private PlacementState WithBand(DateOnly from, string band)
    {
        var bands = Bands.Where(b => b.From != from).Append((From: from, Band: band)).OrderBy(b => b.From).ToList();
        return this with { Bands = bands, Band = bands[^1].Band };
    }

    /// <summary>The band charged on <paramref name="day"/> (the start band before any re-banding took effect).</summary>
    public string BandOn(DateOnly day) => Bands.LastOrDefault(b => b.From <= day).Band ?? Band;
}
