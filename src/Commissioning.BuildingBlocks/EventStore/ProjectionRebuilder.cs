using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Commissioning.BuildingBlocks.EventStore;

/// <summary>How far a rebuild has got.</summary>
/// <param name="Projection">The projection being rebuilt.</param>
/// <param name="Processed">Events replayed so far.</param>
/// <param name="Total">Events in the store when the rebuild started.</param>
/// <param name="Elapsed">Time since the rebuild started.</param>
public sealed record RebuildProgress(string Projection, long Processed, long Total, TimeSpan Elapsed)
{
    /// <summary>Events per second so far.</summary>
    public double Rate => Elapsed.TotalSeconds > 0 ? Processed / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left at the current rate.</summary>
    public TimeSpan Remaining => Rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, Total - Processed) / Rate) : TimeSpan.Zero;
}

/// <summary>
/// Rebuilds a projection from zero, in one transaction: readers keep seeing the old read model until the new one
/// commits. An inline projection's rebuild blocks appends to its store meanwhile (so no event is projected twice
/// or missed); an async projection's rebuild ends with its checkpoint where the replay stopped, and the daemon
/// carries on from there.
/// </summary>
public static class ProjectionRebuilder
{
    /// <summary>Rebuilds one projection of <paramref name="store"/>.</summary>
    public static async Task RebuildAsync(
        EventStore store, Projection projection, IProgress<RebuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var inline = store.InlineProjections.Contains(projection);
        if (!inline && !store.AsyncProjections.Contains(projection))
        {
            throw new ArgumentException($"Projection '{projection.Name}' is not registered with the '{store.Schema}' store.", nameof(projection));
        }

        var watch = Stopwatch.StartNew();
        var total = await store.CountAsync(cancellationToken);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var checkpointName = "projection:" + projection.Name;
        if (inline)
        {
            await ExecuteAsync(connection, transaction, $"LOCK TABLE {store.Schema}.events IN EXCLUSIVE MODE", cancellationToken);
        }
        else
        {
            // Taking the checkpoint row first makes the daemon's next batch for this projection wait, then fail harmlessly.
            await ExecuteAsync(connection, transaction,
                $"INSERT INTO {store.Schema}.checkpoints (name) VALUES ('{checkpointName.Replace("'", "''", StringComparison.Ordinal)}') " +
                "ON CONFLICT (name) DO UPDATE SET tx_id = '0', seq = 0, updated_at = now()", cancellationToken);
        }

        foreach (var table in projection.OwnedTables)
        {
            // DELETE, not TRUNCATE: TRUNCATE takes an ACCESS EXCLUSIVE lock that blocks every reader of the read model
            // until the rebuild commits, where readers must keep seeing the old rows meanwhile.
            await ExecuteAsync(connection, transaction, $"DELETE FROM {table}", cancellationToken);
        }

        var position = LogPosition.Start;
        long processed = 0;
        while (true)
        {
            var events = await store.ReadLogAsync(connection, transaction, position, LogRunner.BatchSize, cancellationToken, appendsLockedOut: inline);
            if (events.Count == 0)
            {
                break;
            }

            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                var commands = new ProjectionCommands(batch);
                foreach (var storedEvent in events)
                {
                    projection.Apply(storedEvent, commands);
                }

                if (batch.BatchCommands.Count > 0)
                {
                    await batch.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            position = events[^1].Position;
            processed += events.Count;
            progress?.Report(new RebuildProgress(projection.Name, processed, Math.Max(total, processed), watch.Elapsed));
        }

        if (!inline)
        {
            await using var save = new NpgsqlCommand(
                $"UPDATE {store.Schema}.checkpoints SET tx_id = $1, seq = $2, updated_at = now() WHERE name = $3", connection, transaction);
            save.Parameters.Add(new NpgsqlParameter { Value = position.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
            save.Parameters.Add(new NpgsqlParameter { Value = position.Sequence });
            save.Parameters.Add(new NpgsqlParameter { Value = checkpointName });
            await save.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        progress?.Report(new RebuildProgress(projection.Name, processed, processed, watch.Elapsed));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
