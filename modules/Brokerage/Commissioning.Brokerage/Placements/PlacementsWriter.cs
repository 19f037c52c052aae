using Commissioning.BuildingBlocks.EventStore;
using Npgsql;

namespace Commissioning.Brokerage.Placements;

/// <summary>Events for one stream, to be appended only if it is still at <see cref="ExpectedVersion"/>.</summary>
internal sealed record StreamAppend(string StreamId, string StreamType, long ExpectedVersion, IReadOnlyList<object> Events, string? Scope);

/// <summary>
/// Saves one decision that touches several streams (a bed, an offer, a placement, the referral) in ONE transaction,
/// each stream with its own expected version, so an offer, its bed's hold and its referral's status can never
/// disagree and a bed can never be taken twice.
/// </summary>
/// <remarks>
/// The event store's session appends to one stream (ADR 0003). The first append here goes through the session
/// normally (so every inline projection of the module sees it: the referral stream comes first, for the Referrals
/// part's projection); the others are added to the same batch as calls to the store's own <c>append_events</c>
/// function, which checks their expected versions exactly like the session does, followed by this part's projection
/// of those events. Any conflict anywhere rolls the whole batch back and surfaces as
/// <see cref="StreamVersionConflictException"/> (or, for the <c>bed_holds</c> guard, <see cref="BedHoldConflict"/>).
/// Log order stays per-stream version order: each append expected a version read before this transaction began.
/// </remarks>
internal static class PlacementsWriter
{
    public static async Task SaveAsync(EventStore store, EventMetadata metadata, TimeProvider clock, IReadOnlyList<StreamAppend> appends,
        CancellationToken cancellationToken)
    {
        var appending = appends.Where(a => a.Events.Count > 0).ToList();
        if (appending.Count == 0)
        {
            return;
        }

        var session = store.OpenSession(metadata);
        var first = appending[0];
        session.Append(first.StreamId, first.StreamType, first.ExpectedVersion, first.Events, first.Scope);
        var recordedAt = clock.GetUtcNow();
        foreach (var next in appending.Skip(1))
        {
            // The version goes into the events' stored versions and the projection: it must be known, not "any".
            if (next.ExpectedVersion < 0)
            {
                throw new ArgumentException($"Stream {next.StreamId} needs an exact expected version to be appended beside another stream.", nameof(appends));
            }

            session.Execute(
                $"""
                SELECT out_seq FROM {store.Schema}.append_events($1::text, $2::text, $3::bigint, $4::text, $5::text[], $6::text[]::jsonb[],
                    $7::text, $8::text, $9::text, $10::text, $11::timestamptz)
                """,
                next.StreamId, next.StreamType, next.ExpectedVersion, next.Scope,
                next.Events.Select(e => store.Types.AliasOf(e.GetType())).ToArray(),
                next.Events.Select(EventTypeRegistry.Serialize).ToArray(),
                metadata.UserId, metadata.Organisation, metadata.CorrelationId, metadata.CausationId, recordedAt);
            for (var i = 0; i < next.Events.Count; i++)
            {
                var stored = new StoredEvent(0, next.StreamId, next.StreamType, next.ExpectedVersion + i + 1, store.Types.AliasOf(next.Events[i].GetType()),
                    next.Events[i], next.Scope, metadata, recordedAt);
                foreach (var (sql, parameters) in PlacementsProjection.CommandsFor(stored))
                {
                    session.Execute(sql, parameters);
                }
            }
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation
                                          && e.ConstraintName is "bed_holds_pkey" or "offers_one_open_per_referral")
        {
            throw new BedHoldConflict(e.ConstraintName!, e);
        }
        catch (PostgresException e) when (e.SqlState == "CS409")
        {
            // A second or later stream lost its race: the session names its first stream, so name ours generally.
            throw new StreamVersionConflictException(string.Join(", ", appending.Skip(1).Select(a => a.StreamId)), -1, null);
        }
    }
}

/// <summary>The second guard caught what the expected versions should already have: reload and decide again.</summary>
internal sealed class BedHoldConflict(string constraint, Exception inner) : Exception($"The {constraint} guard refused a second holder.", inner);
