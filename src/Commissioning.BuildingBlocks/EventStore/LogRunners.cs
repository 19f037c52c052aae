using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Commissioning.BuildingBlocks.EventStore;

/// <summary>Something that follows a store's log from a stored checkpoint: an async projection or a subscription.</summary>
public abstract class LogRunner
{
    /// <summary>How many events one batch reads at most.</summary>
    public const int BatchSize = 1000;

    private protected LogRunner(EventStore store, string name)
    {
        Store = store;
        Name = name;
    }

    /// <summary>The store followed.</summary>
    public EventStore Store { get; }

    /// <summary>The checkpoint's name, unique within the store.</summary>
    public string Name { get; }

    /// <summary>Reads one batch after the checkpoint, applies it and moves the checkpoint; returns how many events it handled.</summary>
    public abstract Task<int> RunBatchAsync(CancellationToken cancellationToken);

    /// <summary>Where the checkpoint stands.</summary>
    public async Task<LogPosition> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var batch = Store.DataSource.CreateBatch();
        var ensure = new NpgsqlBatchCommand($"INSERT INTO {Store.Schema}.checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING");
        ensure.Parameters.Add(new NpgsqlParameter { Value = Name });
        var read = new NpgsqlBatchCommand($"SELECT tx_id, seq FROM {Store.Schema}.checkpoints WHERE name = $1");
        read.Parameters.Add(new NpgsqlParameter { Value = Name });
        batch.BatchCommands.Add(ensure);
        batch.BatchCommands.Add(read);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        // Npgsql positions the reader on the first command that returns rows (the INSERT returns none), so the
        // reader is already on the SELECT; a NextResultAsync here would step past it.
        await reader.ReadAsync(cancellationToken);
        return new LogPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
    }

    /// <summary>True when no committed event up to <paramref name="sequence"/> lies beyond the checkpoint.</summary>
    public async Task<bool> HasReachedAsync(long sequence, CancellationToken cancellationToken)
    {
        var checkpoint = await ReadCheckpointAsync(cancellationToken);
        await using var command = Store.DataSource.CreateCommand(
            $"SELECT NOT EXISTS (SELECT 1 FROM {Store.Schema}.events WHERE (tx_id, seq) > ($1, $2) AND seq <= $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = sequence });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    internal NpgsqlBatchCommand AdvanceCheckpoint(LogPosition from, LogPosition to)
    {
        var command = new NpgsqlBatchCommand($"SELECT {Store.Schema}.advance_checkpoint($1, $2, $3, $4, $5)");
        command.Parameters.Add(new NpgsqlParameter { Value = Name });
        command.Parameters.Add(new NpgsqlParameter { Value = from.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = from.Sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = to.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = to.Sequence });
        return command;
    }

    /// <summary>Runs a batch whose first command moves the checkpoint; false when another reader moved it first.</summary>
    private protected static async Task<bool> ExecuteGuardedAsync(NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == EventStoreSchema.CheckpointMovedState)
        {
            return false;
        }
    }
}

/// <summary>Keeps one async projection up to date: its commands and its checkpoint go in one transaction.</summary>
public sealed class ProjectionRunner : LogRunner
{
    internal ProjectionRunner(EventStore store, Projection projection)
        : base(store, "projection:" + projection.Name) => Projection = projection;

    /// <summary>The projection kept.</summary>
    public Projection Projection { get; }

    /// <inheritdoc />
    public override async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        var from = await ReadCheckpointAsync(cancellationToken);
        var events = await Store.ReadLogAsync(from, BatchSize, cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        await using var connection = await Store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(AdvanceCheckpoint(from, events[^1].Position));
        var commands = new ProjectionCommands(batch);
        foreach (var storedEvent in events)
        {
            Projection.Apply(storedEvent, commands);
        }

        return await ExecuteGuardedAsync(batch, cancellationToken) ? events.Count : 0;
    }
}

/// <summary>Feeds one subscription; the checkpoint moves only after the whole batch was handled (at least once).</summary>
public sealed class SubscriptionRunner : LogRunner
{
    private readonly IServiceScopeFactory _scopes;

    internal SubscriptionRunner(EventStore store, Type subscriptionType, string name, IServiceScopeFactory scopes)
        : base(store, "subscription:" + name)
    {
        SubscriptionType = subscriptionType;
        _scopes = scopes;
    }

    /// <summary>The subscription's type, resolved from a fresh scope for every batch.</summary>
    public Type SubscriptionType { get; }

    /// <inheritdoc />
    public override async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        var from = await ReadCheckpointAsync(cancellationToken);
        var events = await Store.ReadLogAsync(from, BatchSize, cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        await using (var scope = _scopes.CreateAsyncScope())
        {
            var subscription = (IEventSubscription)scope.ServiceProvider.GetRequiredService(SubscriptionType);
            await subscription.HandleAsync(events, cancellationToken);
        }

        await using var connection = await Store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(AdvanceCheckpoint(from, events[^1].Position));
        return await ExecuteGuardedAsync(batch, cancellationToken) ? events.Count : 0;
    }
}
