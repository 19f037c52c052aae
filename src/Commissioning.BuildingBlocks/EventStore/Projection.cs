using Npgsql;

namespace Commissioning.BuildingBlocks.EventStore;

/// <summary>
/// A read model kept from events. It turns each event into SQL commands against its own tables and never reads:
/// that lets an inline projection ride in the append's single round trip, and an async one in the same batch as
/// its checkpoint. Register it inline (same transaction as the append) or async (run by the leader's daemon).
/// </summary>
public abstract class Projection
{
    /// <summary>A stable name; the async checkpoint is stored under it.</summary>
    public abstract string Name { get; }

    /// <summary>Tables (schema-qualified) this projection owns; a rebuild empties them and replays every event.</summary>
    public abstract IReadOnlyList<string> OwnedTables { get; }

    /// <summary>Adds the commands for one event. Events the projection does not care about add nothing.</summary>
    /// <remarks>Inline projections see <see cref="StoredEvent.Sequence"/> as 0: the sequence is only known after the insert.</remarks>
    public abstract void Apply(StoredEvent storedEvent, ProjectionCommands commands);
}

/// <summary>The SQL a projection asks for, collected into the batch that will carry it.</summary>
public sealed class ProjectionCommands
{
    private readonly NpgsqlBatch _batch;

    internal ProjectionCommands(NpgsqlBatch batch) => _batch = batch;

    /// <summary>Adds one command with positional parameters (<c>$1</c>, <c>$2</c>, …); nulls are sent as SQL NULL.</summary>
    public void Execute(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        _batch.BatchCommands.Add(command);
    }
}

/// <summary>
/// Something that reacts to events with effects outside a read model (publishing integration events, sending a
/// notice). Delivery is at least once: the checkpoint moves only after a whole batch succeeded, so a crash
/// mid-batch replays the batch, and the effects must be idempotent (see <see cref="EventSession.MarkProcessed"/>).
/// </summary>
public interface IEventSubscription
{
    /// <summary>A stable name; the checkpoint is stored under it.</summary>
    string Name { get; }

    /// <summary>Handles a batch of events in log order.</summary>
    Task HandleAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken);
}
