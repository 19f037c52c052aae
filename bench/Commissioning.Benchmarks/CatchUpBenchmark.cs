using Commissioning.BuildingBlocks.EventStore;
using Npgsql;

namespace Commissioning.Benchmarks;

/// <summary>The runs of one catch-up measurement.</summary>
public sealed record CatchUpResult(string Name, string Timed, long Events, IReadOnlyList<RunResult> Runs)
{
    public (double? Client, double? Server) Cpu => (Measure.Median(Runs.Select(r => r.ClientMicroseconds)), Measure.Median(Runs.Select(r => r.ServerMicroseconds)));

    public double Median => Measure.Median(Runs.Select(r => r.PerSecond));

    public TimeSpan MedianTime => TimeSpan.FromSeconds(Measure.Median(Runs.Select(r => r.Elapsed.TotalSeconds)));
}

/// <summary>
/// Loads a store with events (untimed), then times an async projection brought up to date from zero: by
/// <see cref="ProjectionCatchUp"/> (the runner's batches with their conditional checkpoints) and by
/// <see cref="ProjectionRebuilder.RebuildAsync"/> (one transaction). Reading the log alone is timed too, to show
/// how the time splits between reading and writing the read model.
/// </summary>
public sealed class CatchUpBenchmark(
    NpgsqlDataSource dataSource,
    EventStore store,
    ReferralActivityProjection projection,
    ProjectionCatchUp catchUp,
    ProjectionCatchUp? preparedCatchUp,
    CpuMeter cpu,
    BenchOptions options,
    TextWriter log)
{
    /// <summary>Max Auto Prepare of the data source behind <c>preparedCatchUp</c>.</summary>
    public const int DiagnosticAutoPrepare = 20;

    /// <summary>Events per append while loading, and appends per stream: streams get their events in several transactions.</summary>
    private const int LoadEventsPerAppend = 5;
    private const int LoadAppendsPerStream = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    /// <summary>Events loaded.</summary>
    public long Events { get; private set; }

    /// <summary>Streams they were loaded into.</summary>
    public long Streams { get; private set; }

    /// <summary>
    /// Appends the events through <paramref name="loader"/> (the same store on a data source with
    /// <c>synchronous_commit = off</c>: loading is not what is measured), interleaving the streams so that each
    /// stream's events are spread over the log as they would be in production.
    /// </summary>
    public async Task LoadAsync(EventStore loader, int writers, CancellationToken cancellationToken)
    {
        var perStream = LoadEventsPerAppend * LoadAppendsPerStream;
        Streams = Math.Max(writers, options.CatchUpEvents / perStream);
        Events = Streams * perStream;
        log.WriteLine($"catch-up: loading {Events} events in {Streams} streams ({LoadEventsPerAppend} events per append, {writers} writers)");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var streams = Streams;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var round = 0; round < LoadAppendsPerStream; round++)
            {
                for (var s = (long)writer; s < streams; s += writers)
                {
                    var session = loader.OpenSession(BenchEvents.Metadata);
                    session.Append($"s{s}", "referral", round * LoadEventsPerAppend,
                        BenchEvents.For((s * perStream) + (round * LoadEventsPerAppend), LoadEventsPerAppend, newStream: round == 0));
                    await session.SaveChangesAsync(cancellationToken);
                }
            }
        }, cancellationToken)));
        log.WriteLine($"catch-up: loaded in {watch.Elapsed.TotalSeconds:F1} s; vacuum analyze");

        foreach (var table in new[] { "events", "streams" })
        {
            await using var vacuum = dataSource.CreateCommand($"VACUUM (ANALYZE) {store.Schema}.{table}");
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }

    }

    public async Task<IReadOnlyList<CatchUpResult>> RunAsync(CancellationToken cancellationToken)
    {
        log.WriteLine("catch-up: warming up");
        await CatchUpOnceAsync(catchUp, cancellationToken);
        if (preparedCatchUp is not null)
        {
            await CatchUpOnceAsync(preparedCatchUp, cancellationToken);
        }

        await RebuildOnceAsync(cancellationToken);
        await ReadLogOnceAsync(cancellationToken);

        var catchUps = new List<RunResult>();
        var prepared = new List<RunResult>();
        var rebuilds = new List<RunResult>();
        var reads = new List<RunResult>();
        for (var run = 0; run < options.Runs; run++)
        {
            catchUps.Add(await CatchUpOnceAsync(catchUp, cancellationToken));
            if (preparedCatchUp is not null)
            {
                prepared.Add(await CatchUpOnceAsync(preparedCatchUp, cancellationToken));
            }

            rebuilds.Add(await RebuildOnceAsync(cancellationToken));
            reads.Add(await ReadLogOnceAsync(cancellationToken));
            log.WriteLine($"catch-up: run {run + 1}: catch-up {catchUps[^1].PerSecond:F0} events/s, "
                + (prepared.Count > 0 ? $"with auto-prepare {prepared[^1].PerSecond:F0} events/s, " : "")
                + $"rebuild {rebuilds[^1].PerSecond:F0} events/s, read log only {reads[^1].PerSecond:F0} events/s");
        }

        var diagnostics = new List<CatchUpResult>();
        if (prepared.Count > 0)
        {
            diagnostics.Add(new($"ProjectionCatchUp, Max Auto Prepare={DiagnosticAutoPrepare} (diagnostic)",
                "as the first row, on a data source that lets Npgsql prepare repeated statements", Events, prepared));
        }

        return
        [
            new("ProjectionCatchUp from zero", "CatchUpAsync: batches of 1,000 by ProjectionRunner, checkpoint moved in each batch", Events, catchUps),
            new("ProjectionRebuilder.RebuildAsync", "truncate and replay in one transaction, checkpoint set at the end", Events, rebuilds),
            .. diagnostics,
            new("Read log only (diagnostic)", "EventStore.ReadLogAsync in batches of 1,000, with JSON deserialisation; nothing written", Events, reads),
        ];
    }

    private async Task<RunResult> CatchUpOnceAsync(ProjectionCatchUp runner, CancellationToken cancellationToken)
    {
        await ExecuteAsync($"TRUNCATE {store.Schema}.referral_activity", cancellationToken);
        await ExecuteAsync($"DELETE FROM {store.Schema}.checkpoints WHERE name = 'projection:{projection.Name}'", cancellationToken);
        await CheckpointAsync(cancellationToken);
        var result = await RunResult.WithCpuAsync(cpu, () => Measure.OnceAsync(Events, () => runner.CatchUpAsync(Timeout, cancellationToken)), cancellationToken);
        await VerifyAsync(cancellationToken);
        return result;
    }

    private async Task<RunResult> RebuildOnceAsync(CancellationToken cancellationToken)
    {
        await CheckpointAsync(cancellationToken);
        var result = await RunResult.WithCpuAsync(cpu, () => Measure.OnceAsync(Events, () => ProjectionRebuilder.RebuildAsync(store, projection, null, cancellationToken)), cancellationToken);
        await VerifyAsync(cancellationToken);
        return result;
    }

    private async Task<RunResult> ReadLogOnceAsync(CancellationToken cancellationToken) =>
        await RunResult.WithCpuAsync(cpu, () => Measure.OnceAsync(Events, async () =>
        {
            var position = LogPosition.Start;
            long read = 0;
            while (true)
            {
                var batch = await store.ReadLogAsync(position, LogRunner.BatchSize, cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                read += batch.Count;
                position = batch[^1].Position;
            }

            if (read != Events)
            {
                throw new InvalidOperationException($"Read {read} events from the log; expected {Events}.");
            }
        }), cancellationToken);

    /// <summary>The read model must hold every stream with every event counted once, and the checkpoint must be at the end.</summary>
    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT count(*), coalesce(sum(events), 0),
                   coalesce((SELECT (c.tx_id, c.seq) = (SELECT e.tx_id, e.seq FROM {store.Schema}.events e ORDER BY e.tx_id DESC, e.seq DESC LIMIT 1)
                             FROM {store.Schema}.checkpoints c WHERE c.name = 'projection:{projection.Name}'), false)
            FROM {store.Schema}.referral_activity
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (rows, counted, checkpointAtEnd) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2));
        if (rows != Streams || counted != Events || !checkpointAtEnd)
        {
            throw new InvalidOperationException(
                $"Read model check failed: {rows} rows (expected {Streams}), {counted} events counted (expected {Events}), " +
                $"checkpoint at the last event in log order: {checkpointAtEnd}.");
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (options.CheckpointBeforeRuns)
        {
            await Server.CheckpointAsync(dataSource, cancellationToken);
        }
    }
}
