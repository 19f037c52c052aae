using Npgsql;
using NpgsqlTypes;

namespace Commissioning.BuildingBlocks.EventStore;

/// <summary>What <see cref="EventSession.SaveChangesAsync"/> did.</summary>
public enum SaveOutcome
{
    /// <summary>Everything was written in one transaction.</summary>
    Saved,

    /// <summary>A message marked with <see cref="EventSession.MarkProcessed"/> had been handled before; nothing was written.</summary>
    AlreadyProcessed,

    /// <summary>The session held nothing to write.</summary>
    NothingToSave,
}

/// <summary>The result of saving a session.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Events">The events appended, with their sequence numbers.</param>
/// <param name="StreamVersion">The stream's version after the append (0 when nothing was appended).</param>
public sealed record SaveResult(SaveOutcome Outcome, IReadOnlyList<StoredEvent> Events, long StreamVersion);

/// <summary>
/// One unit of work against a module's store: at most one stream's new events, any inbox marks and extra SQL of
/// the module's own (such as a unique reservation), and the inline projections of those events. Saving sends it
/// all as one batch, which PostgreSQL runs as one transaction: all of it is stored or none of it.
/// </summary>
/// <remarks>
/// One stream per session is deliberate: it is what keeps each stream's events in version order for the async
/// readers (ADR 0003), and it is the aggregate rule of one aggregate per transaction.
/// </remarks>
public sealed class EventSession
{
    private readonly EventStore _store;
    private readonly EventMetadata _metadata;
    private readonly List<object> _events = [];
    private readonly List<(string Consumer, Guid MessageId)> _inbox = [];
    private readonly List<(string Sql, object?[] Parameters)> _commands = [];
    private string? _streamId;
    private string? _streamType;
    private string? _scope;
    private long _expectedVersion;

    internal EventSession(EventStore store, EventMetadata metadata)
    {
        _store = store;
        _metadata = metadata;
    }

    /// <summary>True when saving would write something.</summary>
    public bool HasChanges => _events.Count > 0 || _inbox.Count > 0 || _commands.Count > 0;

    /// <summary>Queues events for a stream, to be appended only if the stream is still at <paramref name="expectedVersion"/>.</summary>
    /// <param name="streamId">The stream (aggregate) id.</param>
    /// <param name="streamType">The kind of stream, for example <c>referral</c>.</param>
    /// <param name="expectedVersion">The version the caller decided on, <see cref="ExpectedVersion.NoStream"/> for a new stream, or <see cref="ExpectedVersion.Any"/>.</param>
    /// <param name="events">The new events, oldest first.</param>
    /// <param name="scope">The owning organisation, when the stream's data belongs to one.</param>
    public EventSession Append(string streamId, string streamType, long expectedVersion, IEnumerable<object> events, string? scope = null)
    {
        if (_streamId is not null && _streamId != streamId)
        {
            throw new InvalidOperationException(
                $"A session appends to one stream; it already holds '{_streamId}' and was asked for '{streamId}'. Save it first.");
        }

        if (_streamId is null)
        {
            _streamId = streamId;
            _streamType = streamType;
            _expectedVersion = expectedVersion;
            _scope = scope;
        }

        _events.AddRange(events);
        return this;
    }

    /// <summary>
    /// Records that <paramref name="consumer"/> handled message <paramref name="messageId"/>, in the same transaction as
    /// the rest. If it was handled before, saving writes nothing and answers <see cref="SaveOutcome.AlreadyProcessed"/>.
    /// </summary>
    public EventSession MarkProcessed(string consumer, Guid messageId)
    {
        _inbox.Add((consumer, messageId));
        return this;
    }

    /// <summary>Adds a statement of the module's own to the same transaction (positional parameters <c>$1</c>, …).</summary>
    public EventSession Execute(string sql, params object?[] parameters)
    {
        _commands.Add((sql, parameters));
        return this;
    }

    /// <summary>Writes everything in one transaction.</summary>
    /// <exception cref="StreamVersionConflictException">The stream was not at the expected version; nothing was written.</exception>
    public async Task<SaveResult> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        if (!HasChanges)
        {
            return new SaveResult(SaveOutcome.NothingToSave, [], 0);
        }

        var expected = _expectedVersion;
        if (_events.Count > 0 && expected == ExpectedVersion.Any)
        {
            // "Any" still needs the version up front so inline projections see real versions; a lost race retries.
            for (var attempt = 1; ; attempt++)
            {
                expected = await _store.CurrentVersionAsync(_streamId!, cancellationToken) ?? ExpectedVersion.NoStream;
                try
                {
                    return await SaveAsync(expected, cancellationToken);
                }
                catch (StreamVersionConflictException) when (attempt < 10)
                {
                }
            }
        }

        return await SaveAsync(expected, cancellationToken);
    }

    private async Task<SaveResult> SaveAsync(long expectedVersion, CancellationToken cancellationToken)
    {
        var recordedAt = _store.Clock.GetUtcNow();
        var pending = _events
            .Select((data, i) => new StoredEvent(
                0, _streamId!, _streamType!, expectedVersion + i + 1, _store.Types.AliasOf(data.GetType()), data, _scope, _metadata, recordedAt))
            .ToList();

        await using var connection = await _store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var schema = _store.Schema;
        if (pending.Count > 0)
        {
            var append = new NpgsqlBatchCommand($"SELECT out_seq, out_version FROM {schema}.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");
            append.Parameters.Add(new NpgsqlParameter { Value = _streamId! });
            append.Parameters.Add(new NpgsqlParameter { Value = _streamType! });
            append.Parameters.Add(new NpgsqlParameter { Value = expectedVersion });
            append.Parameters.Add(new NpgsqlParameter { Value = (object?)_scope ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            append.Parameters.Add(new NpgsqlParameter { Value = pending.Select(e => e.EventType).ToArray() });
            append.Parameters.Add(new NpgsqlParameter
            {
                Value = pending.Select(e => EventTypeRegistry.Serialize(e.Data)).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
            });
            append.Parameters.Add(Text(_metadata.UserId));
            append.Parameters.Add(Text(_metadata.Organisation));
            append.Parameters.Add(Text(_metadata.CorrelationId));
            append.Parameters.Add(Text(_metadata.CausationId));
            append.Parameters.Add(new NpgsqlParameter { Value = recordedAt });
            batch.BatchCommands.Add(append);
        }

        foreach (var (consumer, messageId) in _inbox)
        {
            var mark = new NpgsqlBatchCommand($"INSERT INTO {schema}.inbox (consumer, message_id) VALUES ($1, $2)");
            mark.Parameters.Add(new NpgsqlParameter { Value = consumer });
            mark.Parameters.Add(new NpgsqlParameter { Value = messageId });
            batch.BatchCommands.Add(mark);
        }

        var commands = new ProjectionCommands(batch);
        foreach (var (sql, parameters) in _commands)
        {
            commands.Execute(sql, parameters);
        }

        foreach (var projection in _store.InlineProjections)
        {
            foreach (var storedEvent in pending)
            {
                projection.Apply(storedEvent, commands);
            }
        }

        var stored = new List<StoredEvent>(pending.Count);
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            if (pending.Count > 0)
            {
                var i = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    stored.Add(pending[i++] with { Sequence = reader.GetInt64(0), Version = reader.GetInt64(1) });
                }
            }

            while (await reader.NextResultAsync(cancellationToken))
            {
                // drain the remaining commands so their errors surface here
            }
        }
        catch (PostgresException e) when (e.SqlState == EventStoreSchema.ConflictState)
        {
            long? actual = long.TryParse(e.MessageText.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
            throw new StreamVersionConflictException(_streamId!, expectedVersion, actual);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "inbox_once")
        {
            return new SaveResult(SaveOutcome.AlreadyProcessed, [], 0);
        }

        _events.Clear();
        _inbox.Clear();
        _commands.Clear();
        return new SaveResult(SaveOutcome.Saved, stored, stored.Count > 0 ? stored[^1].Version : 0);
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
