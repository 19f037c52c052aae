using Commissioning.BuildingBlocks.EventStore;
using Npgsql;

namespace Commissioning.Brokerage.Placements;

/// <summary>Events for one stream, to be appended only if it is still at <see cref="ExpectedVersion"/>.</summary>
internal sealed record StreamAppend(string StreamId, string StreamType, long ExpectedVersion, IReadOnlyList<object> Events, string? Scope);

/// <summary>
/// Saves one decision that touches several streams (a bed, an offer, a placement, the referral) in ONE session, each
/// stream with its own expected version, so an offer, its bed's hold and its referral's status can never disagree and
/// a bed can never be taken twice: losing the race on any stream stores nothing (<see cref="StreamVersionConflictException"/>).
/// The <c>bed_holds</c> primary key and the one-open-offer-per-referral index are a second guard (<see cref="BedHoldConflict"/>).
/// </summary>
internal static class PlacementsWriter
{
    public static async Task SaveAsync(EventStore store, EventMetadata metadata, IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken)
    {
        var session = store.OpenSession(metadata);
        foreach (var append in appends.Where(a => a.Events.Count > 0))
        {
            session.Append(append.StreamId, append.StreamType, append.ExpectedVersion, append.Events, append.Scope);
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
    }
}

/// <summary>The second guard caught what the expected versions should already have: reload and decide again.</summary>
internal sealed class BedHoldConflict(string constraint, Exception inner) : Exception($"The {constraint} guard refused a second holder.", inner);
