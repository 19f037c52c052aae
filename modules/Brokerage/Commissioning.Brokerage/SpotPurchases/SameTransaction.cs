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
