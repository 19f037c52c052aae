using Commissioning.BuildingBlocks.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Commissioning.Benchmarks;

/// <summary>The runs of one append scenario: the event store and the raw INSERT, paired run by run.</summary>
public sealed record AppendResult(int EventsPerAppend, int Writers, IReadOnlyList<RunResult> Store, IReadOnlyList<RunResult> Raw)
{
    public double StoreMedian => Measure.Median(Store.Select(r => r.PerSecond));

    public double RawMedian => Measure.Median(Raw.Select(r => r.PerSecond));

    /// <summary>Store rate over raw rate for each pair of runs taken back to back.</summary>
    public IReadOnlyList<double> Ratios => Store.Zip(Raw, (s, r) => s.PerSecond / r.PerSecond).ToList();

    public double RatioMedian => Measure.Median(Ratios);

    public (double? Client, double? Server) StoreCpu => (Measure.Median(Store.Select(r => r.ClientMicroseconds)), Measure.Median(Store.Select(r => r.ServerMicroseconds)));

    public (double? Client, double? Server) RawCpu => (Measure.Median(Raw.Select(r => r.ClientMicroseconds)), Measure.Median(Raw.Select(r => r.ServerMicroseconds)));
}

/// <summary>
/// Appends through <see cref="EventSession"/> (a new session and a new stream per append) against the same rows
/// written by one plain INSERT per append into a table with the same columns and nothing else.
/// </summary>
public sealed class AppendBenchmark(NpgsqlDataSource dataSource, EventStore store, CpuMeter cpu, BenchOptions options, TextWriter log)
{
    public const string RawSchema = "bench_raw";

    private const int ColumnsPerRow = 11;
    private const string Scope = "E09000001";
    private readonly Dictionary<int, string> _rawInserts = [];
    private int _phase;
    private long _storeAppends;
    private long _storeEvents;

    /// <summary>The plain table: the event store's columns with an identity key, no other index, no trigger, no function.</summary>
    public static string RawTableSql => $"""
        CREATE TABLE {RawSchema}.events (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            stream_id text NOT NULL,
            stream_type text NOT NULL,
            version bigint NOT NULL,
            event_type text NOT NULL,
            scope text NULL,
            data jsonb NOT NULL,
            user_id text NULL,
            organisation text NULL,
            correlation_id text NULL,
            causation_id text NULL,
            recorded_at timestamptz NOT NULL);
        """;

    public async Task<AppendResult> RunAsync(int eventsPerAppend, int writers, CancellationToken cancellationToken)
    {
        var name = $"{eventsPerAppend} event(s) per append, {writers} writer(s)";
        log.WriteLine($"appends: {name}: warming up");
        await RunStoreAsync(eventsPerAppend, writers, options.WarmUp, cancellationToken);
        await RunRawAsync(eventsPerAppend, writers, options.WarmUp, cancellationToken);

        var storeRuns = new List<RunResult>();
        var rawRuns = new List<RunResult>();
        for (var run = 0; run < options.Runs; run++)
        {
            // Alternate which goes first, so a drift in the machine's speed does not favour one side.
            RunResult s, r;
            if (run % 2 == 0)
            {
                s = await RunStoreAsync(eventsPerAppend, writers, options.RunDuration, cancellationToken);
                r = await RunRawAsync(eventsPerAppend, writers, options.RunDuration, cancellationToken);
            }
            else
            {
                r = await RunRawAsync(eventsPerAppend, writers, options.RunDuration, cancellationToken);
                s = await RunStoreAsync(eventsPerAppend, writers, options.RunDuration, cancellationToken);
            }

            storeRuns.Add(s);
            rawRuns.Add(r);
            log.WriteLine($"appends: {name}: run {run + 1}: store {s.PerSecond:F0}/s, raw {r.PerSecond:F0}/s, ratio {s.PerSecond / r.PerSecond:F2}");
        }

        return new AppendResult(eventsPerAppend, writers, storeRuns, rawRuns);
    }

    /// <summary>Checks that every append the benchmark counted is in the store, and nothing else.</summary>
    public async Task VerifyAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT (SELECT count(*) FROM {store.Schema}.events), (SELECT count(*) FROM {store.Schema}.streams)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (events, streams) = (reader.GetInt64(0), reader.GetInt64(1));
        if (events != _storeEvents || streams != _storeAppends)
        {
            throw new InvalidOperationException(
                $"The store holds {events} events in {streams} streams; the benchmark appended {_storeEvents} in {_storeAppends}.");
        }

        log.WriteLine($"appends: verified {events} events in {streams} streams");
    }

    private async Task<RunResult> RunStoreAsync(int eventsPerAppend, int writers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var phase = ++_phase;
        await CheckpointAsync(cancellationToken);
        var result = await RunResult.WithCpuAsync(cpu, () => Measure.ConcurrentAsync(writers, duration, async (writer, k) =>
        {
            var session = store.OpenSession(BenchEvents.Metadata);
            session.Append($"p{phase}-w{writer}-{k}", "referral", ExpectedVersion.NoStream, BenchEvents.For(k, eventsPerAppend, newStream: true), Scope);
            await session.SaveChangesAsync(cancellationToken);
        }, cancellationToken), cancellationToken);
        _storeAppends += result.Operations;
        _storeEvents += result.Operations * eventsPerAppend;
        return result;
    }

    private async Task<RunResult> RunRawAsync(int eventsPerAppend, int writers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var phase = ++_phase;
        var sql = RawInsert(eventsPerAppend);
        await CheckpointAsync(cancellationToken);
        return await RunResult.WithCpuAsync(cpu, () => Measure.ConcurrentAsync(writers, duration, async (writer, k) =>
        {
            // The same work an application does without the store: build the events, serialise them, one INSERT.
            var streamId = $"p{phase}-w{writer}-{k}";
            var events = BenchEvents.For(k, eventsPerAppend, newStream: true);
            var recordedAt = DateTimeOffset.UtcNow;
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            for (var i = 0; i < events.Length; i++)
            {
                var data = events[i];
                command.Parameters.Add(new NpgsqlParameter { Value = streamId });
                command.Parameters.Add(new NpgsqlParameter { Value = "referral" });
                command.Parameters.Add(new NpgsqlParameter { Value = (long)i + 1 });
                command.Parameters.Add(new NpgsqlParameter { Value = store.Types.AliasOf(data.GetType()) });
                command.Parameters.Add(new NpgsqlParameter { Value = Scope, NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = EventTypeRegistry.Serialize(data), NpgsqlDbType = NpgsqlDbType.Jsonb });
                command.Parameters.Add(Text(BenchEvents.Metadata.UserId));
                command.Parameters.Add(Text(BenchEvents.Metadata.Organisation));
                command.Parameters.Add(Text(BenchEvents.Metadata.CorrelationId));
                command.Parameters.Add(Text(BenchEvents.Metadata.CausationId));
                command.Parameters.Add(new NpgsqlParameter { Value = recordedAt });
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken), cancellationToken);
    }

    private string RawInsert(int rows)
    {
        if (!_rawInserts.TryGetValue(rows, out var sql))
        {
            var values = Enumerable.Range(0, rows).Select(row =>
                "(" + string.Join(", ", Enumerable.Range(1, ColumnsPerRow).Select(c => "$" + (row * ColumnsPerRow + c).ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")");
            sql = $"INSERT INTO {RawSchema}.events (stream_id, stream_type, version, event_type, scope, data, user_id, organisation, correlation_id, causation_id, recorded_at) VALUES "
                + string.Join(", ", values);
            _rawInserts[rows] = sql;
        }

        return sql;
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (options.CheckpointBeforeRuns)
        {
            await Server.CheckpointAsync(dataSource, cancellationToken);
        }
    }
}
