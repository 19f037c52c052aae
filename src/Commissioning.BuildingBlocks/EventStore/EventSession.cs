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
/// <param name="StreamVersion">The version of the last stream appended to (0 when nothing was appended): for a one-stream session, its version.</param>
public sealed record SaveResult(SaveOutcome Outcome, IReadOnlyList<StoredEvent> Events, long StreamVersion);

/// <summary>
/// One unit of work against a module's store: new events for one or more streams (each with its own expected
/// version), any inbox marks and extra SQL of the module's own (such as a unique reservation), and the inline
/// projections of those events. Saving sends it all as one batch, which PostgreSQL runs as one transaction: all of it
/// is stored or none of it.
/// </summary>
/// <remarks>
/// Most decisions touch one stream (one aggregate per transaction). A few must change several at once or not at all:
/// an offer holds a bed, opens the offer and moves its referral on, and two offers for one bed must never both be
/// stored. Each stream keeps its own expected-version check, so losing a race on any of them stores nothing.
/// Streams are written in the order they were first appended to, which is also the order the inline projections see
/// them (a projection may read a row another stream's event just wrote) and the log's order; each stream's events stay
/// in version order (ADR 0003). Two sessions that lock the same streams in opposite orders deadlock: PostgreSQL ends
/// one, and it surfaces as a <see cref="StreamVersionConflictException"/> so the caller reloads and decides again.
/// </remarks>
public sealed class EventSession
{
    private readonly EventStore _store;
    private readonly EventMetadata _metadata;
    private readonly List<PendingStream> _streams = [];
    private readonly List<(string Consumer, Guid MessageId)> _inbox = [];
    private readonly List<(string Sql, object?[] Parameters)> _commands = [];

    internal EventSession(EventStore store, EventMetadata metadata)
    {
        _store = store;
        _metadata = metadata;
    }

    /// <summary>True when saving would write something.</summary>
    public bool HasChanges => _streams.Any(s => s.Events.Count > 0) || _inbox.Count > 0 || _commands.Count > 0;

    /// <summary>Queues events for a stream, to be appended only if the stream is still at <paramref name="expectedVersion"/>.</summary>
    /// <param name="streamId">The stream (aggregate) id.</param>
    /// <param name="streamType">The kind of stream, for example <c>referral</c>.</param>
    /// <param name="expectedVersion">The version the caller decided on, <see cref="ExpectedVersion.NoStream"/> for a new stream, or <see cref="ExpectedVersion.Any"/>.</param>
    /// <param name="events">The new events, oldest first.</param>
    /// <param name="scope">The owning organisation, when the stream's data belongs to one.</param>
    public EventSession Append(string streamId, string streamType, long expectedVersion, IEnumerable<object> events, string? scope = null)
    {
        var pending = _streams.Find(s => s.StreamId == streamId);
        if (pending is null)
        {
            pending = new PendingStream(streamId, streamType, expectedVersion, scope);
            _streams.Add(pending);
        }

        pending.Events.AddRange(events);
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
    /// <exception cref="StreamVersionConflictException">A stream was not at its expected version; nothing was written.</exception>
    public async Task<SaveResult> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        if (!HasChanges)
        {
            return new SaveResult(SaveOutcome.NothingToSave, [], 0);
        }

        var streams = _streams.Where(s => s.Events.Count > 0).ToList();
        if (!streams.Any(s => s.ExpectedVersion == ExpectedVersion.Any))
        {
            return await SaveAsync(streams, [.. streams.Select(s => s.ExpectedVersion)], cancellationToken);
        }

        // "Any" still needs the version up front so inline projections see real versions; a lost race retries.
        for (var attempt = 1; ; attempt++)
        {
            var expected = new long[streams.Count];
            for (var i = 0; i < streams.Count; i++)
            {
                expected[i] = streams[i].ExpectedVersion != ExpectedVersion.Any
                    ? streams[i].ExpectedVersion
                    : await _store.CurrentVersionAsync(streams[i].StreamId, cancellationToken) ?? ExpectedVersion.NoStream;
            }

            try
            {
                return await SaveAsync(streams, expected, cancellationToken);
            }
            catch (StreamVersionConflictException e) when (attempt < 10 && streams.Exists(s => s.StreamId == e.StreamId && s.ExpectedVersion == ExpectedVersion.Any))
            {
            }
        }
    }

    private async Task<SaveResult> SaveAsync(List<PendingStream> streams, long[] expectedVersions, CancellationToken cancellationToken)
    {
        var recordedAt = _store.Clock.GetUtcNow();
        var pending = streams
            .Select((stream, s) => stream.Events
                .Select((data, i) => new StoredEvent(
                    0, stream.StreamId, stream.StreamType, expectedVersions[s] + i + 1, _store.Types.AliasOf(data.GetType()), data, stream.Scope, _metadata, recordedAt))
                .ToList())
            .ToList();

        await using var connection = await _store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var schema = _store.Schema;
        for (var s = 0; s < streams.Count; s++)
        {
            var append = new NpgsqlBatchCommand($"SELECT out_seq, out_version FROM {schema}.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");
            append.Parameters.Add(new NpgsqlParameter { Value = streams[s].StreamId });
            append.Parameters.Add(new NpgsqlParameter { Value = streams[s].StreamType });
            append.Parameters.Add(new NpgsqlParameter { Value = expectedVersions[s] });
            append.Parameters.Add(Text(streams[s].Scope));
            append.Parameters.Add(new NpgsqlParameter { Value = pending[s].Select(e => e.EventType).ToArray() });
            append.Parameters.Add(new NpgsqlParameter
            {
                Value = pending[s].Select(e => EventTypeRegistry.Serialize(e.Data)).ToArray(),
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
            foreach (var storedEvent in pending.SelectMany(p => p))
            {
                projection.Apply(storedEvent, commands);
            }
        }

        var stored = new List<StoredEvent>(pending.Sum(p => p.Count));
        var current = 0;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (; current < streams.Count; current++)
            {
                // The next append's conflict surfaces when its result is reached, so count it as current first.
                if (current > 0)
                {
                    await reader.NextResultAsync(cancellationToken);
                }

                var i = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    stored.Add(pending[current][i++] with { Sequence = reader.GetInt64(0), Version = reader.GetInt64(1) });
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
            throw new StreamVersionConflictException(streams[Math.Min(current, streams.Count - 1)].StreamId, expectedVersions[Math.Min(current, streams.Count - 1)], actual);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && streams.Count > 1)
        {
            throw new StreamVersionConflictException(streams[0].StreamId, expectedVersions[0], null);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "inbox_once")
        {
            return new SaveResult(SaveOutcome.AlreadyProcessed, [], 0);
        }

        _streams.Clear();
        _inbox.Clear();
        _commands.Clear();
        return new SaveResult(SaveOutcome.Saved, stored, stored.Count > 0 ? stored[^1].Version : 0);
    }

    /// <summary>The events queued for one stream.</summary>
    private sealed record PendingStream(string StreamId, string StreamType, long ExpectedVersion, string? Scope)
    {
        public List<object> Events { get; } = [];
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
