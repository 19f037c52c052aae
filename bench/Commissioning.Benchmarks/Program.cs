using Commissioning.Benchmarks;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

// Progress goes to standard error; standard output carries only the Markdown report.
var log = Console.Error;
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    log.WriteLine(e.Message);
    log.WriteLine(BenchOptions.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop the runs and still clean up the database and the throwaway cluster
    cancellation.Cancel();
};
var token = cancellation.Token;

using var loggerFactory = LoggerFactory.Create(b => b
    .SetMinimumLevel(LogLevel.Warning)
    .AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace));
var logger = loggerFactory.CreateLogger("bench");

// Matching first: it needs no database, and runs before a throwaway cluster starts competing for the CPU.
if (options.Matching)
{
    var matchingStarted = DateTimeOffset.UtcNow;
    var matching = new MatchingBenchmark(options, log).Run(token);
    MatchingReport.Write(Console.Out, options, matchingStarted, DateTimeOffset.UtcNow, matching);
}

if (!options.Appends && !options.CatchUp)
{
    return 0;
}

var started = DateTimeOffset.UtcNow;
await using var server = await Server.StartAsync(logger, log, token);
var (serverVersion, settings) = await server.DescribeAsync(token);

const string AppendSchema = "bench_append";
const string ProjectionSchema = "bench_proj";
var projection = new ReferralActivityProjection(ProjectionSchema);

// Max Auto Prepare as the host sets it (50); --auto-prepare N changes it, 0 turns it off.
var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { MaxAutoPrepare = options.AutoPrepare }.ConnectionString;
await using var dataSource = NpgsqlDataSource.Create(connectionString);
await using var services = Host(dataSource, withAppendStore: true, withProjection: true);
var appendStore = services.GetRequiredKeyedService<EventStore>(AppendSchema);
var projectionStore = services.GetRequiredKeyedService<EventStore>(ProjectionSchema);

await SchemaMigrator.MigrateAsync(dataSource,
[
    appendStore.Migrations,
    projectionStore.Migrations,
    new MigrationSet(ProjectionSchema, "read-models", [new Migration(1, "referral activity", ReferralActivityProjection.Table(ProjectionSchema))]),
    new MigrationSet(AppendBenchmark.RawSchema, "raw", [new Migration(1, "plain events table", AppendBenchmark.RawTableSql)]),
], logger, token);

var cpu = new CpuMeter(dataSource, server.IsLocal);
var appendResults = new List<AppendResult>();
if (options.Appends)
{
    var appends = new AppendBenchmark(dataSource, appendStore, cpu, options, log);
    foreach (var (events, writers) in new[] { (1, 1), (10, 1), (1, options.Writers), (10, options.Writers) })
    {
        appendResults.Add(await appends.RunAsync(events, writers, token));
    }

    await appends.VerifyAsync(token);
}

IReadOnlyList<CatchUpResult> catchUpResults = [];
long loadedEvents = 0, loadedStreams = 0;
if (options.CatchUp)
{
    // Loading is not measured: the loader's own data source commits without waiting for the disk.
    var loaderConnection = new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c synchronous_commit=off" }.ConnectionString;
    await using var loaderSource = NpgsqlDataSource.Create(loaderConnection);
    await using var loaderServices = Host(loaderSource, withAppendStore: false, withProjection: false);

    // Diagnostic: the same catch-up on a data source that lets Npgsql prepare repeated statements, timed in the
    // same process and alternated with the default, to show how much of the time is parsing and planning.
    var preparedConnection = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = CatchUpBenchmark.DiagnosticAutoPrepare }.ConnectionString;
    await using var preparedSource = NpgsqlDataSource.Create(preparedConnection);
    await using var preparedServices = Host(preparedSource, withAppendStore: false, withProjection: true);

    var catchUp = new CatchUpBenchmark(dataSource, projectionStore, projection, services.GetRequiredService<ProjectionCatchUp>(),
        options.AutoPrepare == 0 ? preparedServices.GetRequiredService<ProjectionCatchUp>() : null, cpu, options, log);
    await catchUp.LoadAsync(loaderServices.GetRequiredKeyedService<EventStore>(ProjectionSchema), options.Writers, token);
    catchUpResults = await catchUp.RunAsync(token);
    (loadedEvents, loadedStreams) = (catchUp.Events, catchUp.Streams);
}

Report.Write(Console.Out, new ReportInput(
    options, started, DateTimeOffset.UtcNow, server.Origin, serverVersion, settings, appendResults, catchUpResults, loadedEvents, loadedStreams));
return 0;

// The benchmark's stand-in for the host: its stores registered as a module registers them, on one data source.
ServiceProvider Host(NpgsqlDataSource source, bool withAppendStore, bool withProjection)
{
    var host = new ServiceCollection().AddSingleton(TimeProvider.System).AddSingleton(source).AddSingleton<ProjectionCatchUp>();
    if (withAppendStore)
    {
        host.AddEventStore(AppendSchema, s => s.Events(typeof(ReferralOpened).Assembly));
    }

    host.AddEventStore(ProjectionSchema, s =>
    {
        s.Events(typeof(ReferralOpened).Assembly);
        if (withProjection)
        {
            s.AsyncProjection(projection);
        }
    });
    return host.BuildServiceProvider();
}
