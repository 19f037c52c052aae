using Commissioning.BuildingBlocks.Database;
using Npgsql;
using NpgsqlTypes;

namespace Commissioning.BuildingBlocks.EventStore;

/// <summary>
/// One module's event store, in the module's own schema: appends through <see cref="EventSession"/>, aggregate
/// loading by replay, and the ordered log that async projections and subscriptions follow.
/// </summary>
public sealed class EventStore
{
    internal EventStore(
        string schema,
        NpgsqlDataSource dataSource,
        EventTypeRegistry types,
        TimeProvider clock,
        IReadOnlyList<Projection> inlineProjections,
        IReadOnlyList<Projection> asyncProjections,
        IReadOnlyList<Type> subscriptions)
    {
        Schema = SchemaMigrator.Identifier(schema);
        DataSource = dataSource;
        Types = types;
        Clock = clock;
        InlineProjections = inlineProjections;
        AsyncProjections = asyncProjections;
        Subscriptions = subscriptions;
    }

    /// <summary>The module's schema.</summary>
    public string Schema { get; }

    /// <summary>Where the store lives.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The store's event names.</summary>
    public EventTypeRegistry Types { get; }

    internal TimeProvider Clock { get; }

    /// <summary>Projections written in the append's transaction.</summary>
    public IReadOnlyList<Projection> InlineProjections { get; }

    /// <summary>Projections the leader's daemon keeps up to date after the fact.</summary>
    public IReadOnlyList<Projection> AsyncProjections { get; }

    /// <summary>Subscription types (resolved from a fresh DI scope for each batch).</summary>
    public IReadOnlyList<Type> Subscriptions { get; }

    internal IReadOnlyList<(Type Type, string Name)> SubscriptionNames { get; init; } = [];

    /// <summary>The migrations that create this store's tables.</summary>
    public MigrationSet Migrations => EventStoreSchema.For(Schema);

    /// <summary>Starts a unit of work whose events will carry <paramref name="metadata"/>.</summary>
    public EventSession OpenSession(EventMetadata metadata) => new(this, metadata);

    /// <summary>The stream's current version, or null if it does not exist.</summary>
    public async Task<long?> CurrentVersionAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand($"SELECT version FROM {Schema}.streams WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }

    /// <summary>Every event of one stream, in version order.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand($"{SelectEvents} WHERE stream_id = $1 ORDER BY version");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>
    /// Rebuilds an aggregate's state by replaying its stream. Returns the state and the version to append at
    /// (0 for a stream that does not exist yet, which is <see cref="ExpectedVersion.NoStream"/>).
    /// </summary>
    public async Task<(TState State, long Version)> LoadAsync<TState>(string streamId, CancellationToken cancellationToken = default)
        where TState : IAggregateState<TState>
    {
        var state = TState.Initial;
        long version = 0;
        foreach (var storedEvent in await ReadStreamAsync(streamId, cancellationToken))
        {
            state = state.Apply(storedEvent.Data);
            version = storedEvent.Version;
        }

        return (state, version);
    }

    /// <summary>
    /// Up to <paramref name="max"/> events after <paramref name="after"/> in log order, only from transactions older
    /// than every transaction still running, so an event whose transaction commits late is read later, never skipped.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadLogAsync(LogPosition after, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        return await ReadLogAsync(connection, null, after, max, cancellationToken);
    }

    internal async Task<IReadOnlyList<StoredEvent>> ReadLogAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, LogPosition after, int max, CancellationToken cancellationToken,
        bool appendsLockedOut = false)
    {
        // With appends locked out every event is committed: sequence order is then safe and needs no horizon.
        await using var command = new NpgsqlCommand(
            appendsLockedOut
                ? $"{SelectEvents} WHERE seq > $2 AND $1::xid8 IS NOT NULL ORDER BY seq LIMIT $3"
                : $"{SelectEvents} WHERE (tx_id, seq) > ($1, $2) AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx_id, seq LIMIT $3",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = max });
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>The highest sequence number committed so far (0 for an empty store).</summary>
    public async Task<long> HighestSequenceAsync(CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand($"SELECT coalesce(max(seq), 0) FROM {Schema}.events");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>How many events the store holds.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand($"SELECT count(*) FROM {Schema}.events");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private string SelectEvents =>
        $"SELECT seq, tx_id, stream_id, stream_type, version, event_type, scope, data::text, user_id, organisation, correlation_id, causation_id, recorded_at FROM {Schema}.events";

    private async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (alias, data) = Types.Deserialize(reader.GetString(5), reader.GetString(7));
            events.Add(new StoredEvent(
                reader.GetInt64(0),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt64(4),
                alias,
                data,
                reader.IsDBNull(6) ? null : reader.GetString(6),
                new EventMetadata(NullableString(reader, 8), NullableString(reader, 9), NullableString(reader, 10), NullableString(reader, 11)),
                reader.GetFieldValue<DateTimeOffset>(12))
            {
                Position = new LogPosition(reader.GetFieldValue<ulong>(1), reader.GetInt64(0)),
            });
        }

        return events;
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
