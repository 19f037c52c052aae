using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Messages.Brokerage;

namespace Commissioning.Contracts.BedLedger;

internal sealed record CurrentHold(Guid OfferId, string ReferralReference, string BoroughCode, DateTimeOffset HeldFrom, DateTimeOffset RespondBy);

internal sealed record CurrentPlacement(Guid PlacementId, string BoroughCode, NeedBand Band, DateOnly StartDate, DateOnly? EndDate);

/// <summary>
/// Who holds one bed (or one spot placement), folded from its stream: at most one open offer and the latest child.
/// The decide functions turn what Brokerage says into the ledger's events, or into a flag when it cannot be true:
/// the ledger never records two holders at once.
/// </summary>
internal sealed record BedOccupancyState : IAggregateState<BedOccupancyState>
{
    public static BedOccupancyState Initial { get; } = new();

    public CurrentHold? Hold { get; init; }

    public CurrentPlacement? Placement { get; init; }

    /// <summary>Brokerage's events already applied, so a redelivery that slipped past the inbox changes nothing.</summary>
    public IReadOnlySet<Guid> Seen { get; init; } = new HashSet<Guid>();

    public BedOccupancyState Apply(object @event) => @event switch
    {
        BedHoldRecorded e => Saw(e.SourceEventId) with { Hold = new CurrentHold(e.OfferId, e.ReferralReference, e.BoroughCode, e.HeldFrom, e.RespondBy) },
        BedHoldEnded e => Saw(e.SourceEventId) with { Hold = Hold?.OfferId == e.OfferId ? null : Hold },
        BedOccupied e => Saw(e.SourceEventId) with { Placement = new CurrentPlacement(e.PlacementId, e.BoroughCode, e.Band, e.StartDate, null) },
        BedOccupantRebanded e when Placement?.PlacementId == e.PlacementId => Saw(e.SourceEventId) with { Placement = Placement with { Band = e.Band } },
        BedVacated e when Placement?.PlacementId == e.PlacementId => Saw(e.SourceEventId) with { Placement = Placement with { EndDate = e.EndDate } },
        BedLedgerInconsistencyFlagged e => Saw(e.SourceEventId),
        _ => this,
    };

    /// <summary>A child is in the bed with no end date given: nobody else can hold it.</summary>
    public bool HasOpenPlacement => Placement is { EndDate: null };

    private BedOccupancyState Saw(Guid id) => this with { Seen = new HashSet<Guid>(Seen) { id } };
}

/// <summary>The ledger's decisions on Brokerage's events, pure: the events to append (possibly a flag), or none for a repeat.</summary>
internal static class BedOccupancyDecisions
{
    public static IReadOnlyList<object> Hold(BedOccupancyState state, BedHeld e, DateTimeOffset now)
    {
        if (state.Seen.Contains(e.EventId) || state.Hold?.OfferId == e.OfferId)
        {
            return [];
        }

        if (state.Hold is { } other)
        {
            return [Flag(e.BedId, null, e.OfferId, $"Bed {e.BedId} is already held by offer {other.OfferId}; the hold by offer {e.OfferId} was not recorded.", now, e.EventId)];
        }

        if (state.HasOpenPlacement)
        {
            return [Flag(e.BedId, state.Placement!.PlacementId, e.OfferId,
                $"Bed {e.BedId} has a child in it (placement {state.Placement.PlacementId}, no end date); the hold by offer {e.OfferId} was not recorded.", now, e.EventId)];
        }

        return [new BedHoldRecorded(e.BedId, e.OfferId, e.ReferralReference, e.BoroughCode, e.HeldFrom, e.RespondBy, e.EventId)];
    }

    public static IReadOnlyList<object> Release(BedOccupancyState state, BedHoldReleased e, DateTimeOffset now)
    {
        if (state.Seen.Contains(e.EventId))
        {
            return [];
        }

        return state.Hold switch
        {
            { } hold when hold.OfferId == e.OfferId => [new BedHoldEnded(e.BedId, e.OfferId, e.Reason, e.ReleasedAt, e.EventId)],
            { } hold => [Flag(e.BedId, null, e.OfferId, $"Offer {e.OfferId} was released from bed {e.BedId}, but the bed is held by offer {hold.OfferId}; nothing changed.", now, e.EventId)],
            // Nothing to release: the placement already took the hold over, or the hold was refused (and flagged then).
            null => [],
        };
    }

    public static IReadOnlyList<object> Start(BedOccupancyState state, PlacementStarted e, NeedBand band, DateTimeOffset now)
    {
        if (state.Seen.Contains(e.EventId) || state.Placement?.PlacementId == e.PlacementId)
        {
            return [];
        }

        var place = e.BedId is null ? $"spot contract {e.SpotContractId}" : $"bed {e.BedId}";
        if (state.Placement is { } current && (current.EndDate is null || current.EndDate > e.StartDate))
        {
            return [Flag(e.BedId, e.PlacementId, e.OfferId,
                $"Placement {e.PlacementId} starts in {place} on {e.StartDate:yyyy-MM-dd}, but placement {current.PlacementId} is still there; it was not recorded.", now, e.EventId)];
        }

        if (state.Hold is { } hold && hold.OfferId != e.OfferId)
        {
            return [Flag(e.BedId, e.PlacementId, e.OfferId,
                $"Placement {e.PlacementId} starts in {place}, but the bed is held by offer {hold.OfferId}; it was not recorded.", now, e.EventId)];
        }

        var occupied = new BedOccupied(e.PlacementId, e.BedId, e.SpotContractId, e.OfferId, e.BoroughCode, band, e.StartDate, e.EventId);
        return state.Hold is { } taken
            ? [new BedHoldEnded(e.BedId!, taken.OfferId, "placement-started", now, e.EventId), occupied]
            : [occupied];
    }

    public static IReadOnlyList<object> Reband(BedOccupancyState state, string? bedId, PlacementRebanded e, NeedBand band, DateTimeOffset now)
    {
        if (state.Seen.Contains(e.EventId))
        {
            return [];
        }

        if (state.Placement is not { } current || current.PlacementId != e.PlacementId)
        {
            return [Flag(bedId, e.PlacementId, null, $"Placement {e.PlacementId} was re-banded, but it is not the bed's current placement; nothing changed.", now, e.EventId)];
        }

        if (e.EffectiveFrom < current.StartDate || (current.EndDate is { } end && e.EffectiveFrom >= end))
        {
            return [Flag(bedId, e.PlacementId, null,
                $"Placement {e.PlacementId} was re-banded from {e.EffectiveFrom:yyyy-MM-dd}, outside its time in the bed; nothing changed.", now, e.EventId)];
        }

        return [new BedOccupantRebanded(e.PlacementId, bedId, band, e.EffectiveFrom, e.EventId)];
    }

    public static IReadOnlyList<object> End(BedOccupancyState state, string? bedId, PlacementEnded e, DateTimeOffset now)
    {
        if (state.Seen.Contains(e.EventId))
        {
            return [];
        }

        if (state.Placement is not { } current || current.PlacementId != e.PlacementId)
        {
            return [Flag(bedId, e.PlacementId, null, $"Placement {e.PlacementId} ended, but it is not the bed's current placement; nothing changed.", now, e.EventId)];
        }

        if (current.EndDate == e.EndDate)
        {
            return [];
        }

        if (current.EndDate is not null || e.EndDate < current.StartDate)
        {
            return [Flag(bedId, e.PlacementId, null,
                $"Placement {e.PlacementId} ended on {e.EndDate:yyyy-MM-dd}, which does not fit its start ({current.StartDate:yyyy-MM-dd}) or earlier ending; nothing changed.", now, e.EventId)];
        }

        return [new BedVacated(e.PlacementId, bedId, e.EndDate, e.EventId)];
    }

    private static BedLedgerInconsistencyFlagged Flag(string? bedId, Guid? placementId, Guid? offerId, string message, DateTimeOffset now, Guid source) =>
        new(bedId, placementId, offerId, message, now, source);
}
