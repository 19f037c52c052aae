using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.SpotPurchases;

/// <summary>
/// Appends a second stream's events in the same transaction as a session's own stream. docs/brokerage.md asks that
/// a spot request or an outside placement and the referral's status event are stored together (the referral and the
/// request never disagree), but an <see cref="EventSession"/> holds one stream. So the referral's event is the
/// session's stream (its inline projections run as usual) and this part's own event rides in the same batch as a call
/// of the store's own <c>append_events</c> (same expected-version check), with this part's read-model SQL beside it:
/// all of it is stored or none. The daemon, the integration-event publisher and projection rebuilds read it from the
/// log like any other event.
/// </summary>
internal static class SameTransaction
{
    /// <summary>Writes one projection's SQL: the statement and its positional parameters.</summary>
    public delegate void Sql(string sql, params object?[] parameters);

    public static void AlsoAppend(
        EventSession session, EventStore store, EventMetadata metadata, DateTimeOffset at,
        string streamId, string streamType, long expectedVersion, string? scope, IReadOnlyList<object> events,
        Action<object, long, Sql> project)
    {
        session.Execute(
            $"SELECT count(*) FROM {store.Schema}.append_events($1, $2, $3, $4, $5, $6::jsonb[], $7, $8, $9, $10, $11)",
            streamId, streamType, expectedVersion, scope,
            events.Select(e => store.Types.AliasOf(e.GetType())).ToArray(),
            events.Select(EventTypeRegistry.Serialize).ToArray(),
            metadata.UserId, metadata.Organisation, metadata.CorrelationId, metadata.CausationId, at);
        for (var i = 0; i < events.Count; i++)
        {
            project(events[i], expectedVersion + i + 1, (sql, parameters) => session.Execute(sql, parameters));
        }
    }
}

/// <summary>
/// As much of a referral as this part needs to decide: whether it exists, whose it is, and whether it is still open
/// (read from the referral's own stream, whose status events are defined in <c>Referrals/ReferralEvents.cs</c>).
/// </summary>
internal sealed record ReferralOutcome(bool Exists, bool Closed, bool PlacementAgreed, Guid? OpenSpotRequest) : IAggregateState<ReferralOutcome>
{
    public static ReferralOutcome Initial => new(false, false, false, null);

    public bool Open => Exists && !Closed && !PlacementAgreed;

    public ReferralOutcome Apply(object @event) => @event switch
    {
        ReferralClosed => this with { Exists = true, Closed = true },
        ReferralPlacementAgreed or ReferralPlaced => this with { Exists = true, PlacementAgreed = true },
        ReferralSpotPurchaseStarted e => this with { Exists = true, OpenSpotRequest = e.SpotRequestId },
        _ => this with { Exists = true },
    };

    /// <summary>The referral's state, its stream version and its owning borough (the stream's scope).</summary>
    public static async Task<(ReferralOutcome State, long Version, string? Borough)> LoadAsync(EventStore store, Guid referralId, CancellationToken cancellationToken)
    {
        var events = await store.ReadStreamAsync(ReferralStreams.For(referralId), cancellationToken);
        var state = events.Aggregate(Initial, (s, e) => s.Apply(e.Data));
        return (state, events.Count == 0 ? 0 : events[^1].Version, events.Count == 0 ? null : events[0].Scope);
    }
}
