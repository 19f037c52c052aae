using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.Placements;

/// <summary>Who holds a bed now, folded from its stream <c>brokerage-bed-&lt;bedId&gt;</c>: nobody, an offer, or a placement.</summary>
internal sealed record BedHoldState(Guid? OfferId, Guid? PlacementId, bool Occupied, DateTimeOffset? RespondBy = null) : IAggregateState<BedHoldState>
{
    public static BedHoldState Initial { get; } = new(null, null, false);

    public bool IsFree => OfferId is null && PlacementId is null;

    public BedHoldState Apply(object @event) => @event switch
    {
        BedOffered e => new(e.OfferId, null, false, e.RespondBy),
        BedOfferReleased e when e.OfferId == OfferId => Initial,
        BedReservedForPlacement e => new(null, e.PlacementId, false),
        BedOccupiedByPlacement e => new(null, e.PlacementId, true),
        BedVacatedByPlacement e when e.PlacementId == PlacementId => Initial,
        _ => this,
    };

    /// <summary>A plain sentence saying why the bed cannot be held, or null when it is free.</summary>
    public string? WhyNotFree(string bedId, DateTimeOffset? now = null) => this switch
    {
        { OfferId: not null, RespondBy: { } due } when now >= due =>
            $"Bed {bedId} is still held by an offer whose deadline has passed; the offer lapses within a minute and the bed is then free: try again shortly.",
        { OfferId: { } offer } => $"Bed {bedId} is already held by another offer ({offer}); it can be offered again only when that offer is answered, withdrawn or lapses.",
        { Occupied: true } => $"Bed {bedId} is occupied by a placement; it can be offered again only when that placement ends.",
        { PlacementId: not null } => $"Bed {bedId} is reserved for an agreed placement that has not started yet.",
        _ => null,
    };
}
