using System.Globalization;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Host.Composition;
using Npgsql;

namespace Commissioning.Host.Cli;

/// <summary>The command-line verbs. Each answers with exit code 0 on success and a plain message on standard error otherwise.</summary>
internal static class Verbs
{
    public const int Usage = 2;

    public static string Help => """
        Commissioning host. Usage: Commissioning.Host [verb] [options]

          run                     start the web host (the default). --urls http://127.0.0.1:5080 to choose the address.
          migrate                 apply database migrations and exit.
          rebuild-projections     rebuild projections from zero: all of them, or those named with --projection <schema>/<name>
                                  (repeatable); --list shows their names.
          seed-demo               fill an empty database with the demo partnership (does nothing if it holds data).
          create-api-key          --organisation <code> --role <role> [--label <text>]: prints a new API key (shown once).
          create-account          --email <address> --name <full name> --organisation <code> --role <role>: prints the
                                  account's temporary password (shown once); use it for the first partnership admin.
          list-endpoints          every page and API endpoint with who may call it, one JSON object per line.

        The database is ConnectionStrings__Commissioning when set; otherwise an embedded PostgreSQL in ./.data
        (Commissioning__DataDirectory to move it).
        """;

    public static async Task<int> MigrateAsync(string[] args, CancellationToken cancellationToken)
    {
        await using var host = await CliHost.StartAsync(args, cancellationToken);
        await Console.Error.WriteLineAsync("Migrations are up to date.");
        return 0;
    }

    public static async Task<int> RebuildProjectionsAsync(string[] args, CancellationToken cancellationToken)
    {
        var requested = Options(args, "--projection");
        await using var host = await CliHost.StartAsync(args, cancellationToken);
        var catalog = host.Services.GetRequiredService<EventStoreCatalog>();
        var all = catalog.Stores
            .SelectMany(store => store.InlineProjections.Concat(store.AsyncProjections).Select(p => (Store: store, Projection: p, Name: $"{store.Schema}/{p.Name}")))
            .ToList();
        if (args.Contains("--list"))
        {
            foreach (var (_, _, name) in all)
            {
                Console.WriteLine(name);
            }

            return 0;
        }

        var unknown = requested.Except(all.Select(p => p.Name)).ToList();
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync(
                $"No projection is called {string.Join(", ", unknown)}. Known projections: {(all.Count == 0 ? "none yet" : string.Join(", ", all.Select(p => p.Name)))}.");
            return Usage;
        }

        var chosen = requested.Count == 0 ? all : all.Where(p => requested.Contains(p.Name)).ToList();
        foreach (var (store, projection, name) in chosen)
        {
            var lastReport = DateTimeOffset.MinValue;
            var progress = new SynchronousProgress<RebuildProgress>(p =>
            {
                var now = DateTimeOffset.UtcNow;
                if (now - lastReport < TimeSpan.FromSeconds(1) && p.Processed < p.Total)
                {
                    return;
                }

                lastReport = now;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {p.Processed:N0} of {p.Total:N0} events, {p.Rate:N0} events/s, about {p.Remaining.TotalSeconds:N0} s left"));
            });
            await ProjectionRebuilder.RebuildAsync(store, projection, progress, cancellationToken);
        }

        await Console.Error.WriteLineAsync($"Rebuilt {chosen.Count} projection(s).");
        return 0;
    }

    public static async Task<int> SeedDemoAsync(string[] args, CancellationToken cancellationToken)
    {
        // The demo's history is told through the modules' commands with time moved back (DemoClock).
        await using var host = await CliHost.StartAsync(args, cancellationToken, services =>
        {
            services.AddSingleton<DemoClock>();
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DemoClock>());
        });
        var catalog = host.Services.GetRequiredService<EventStoreCatalog>();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        long events = 0;
        foreach (var store in catalog.Stores)
        {
            // Reference data (the default boroughs) is in every installation; only business activity means "not empty".
            await using var count = dataSource.CreateCommand($"SELECT count(*) FROM {store.Schema}.events WHERE stream_type <> 'reference-data'");
            events += (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        if (events > 0 || await InstallationFactAsync(dataSource, "mode", cancellationToken) is not null)
        {
            await Console.Error.WriteLineAsync("The database already holds data, so seed-demo left it as it is.");
            return 0;
        }

        foreach (var module in Modules.All)
        {
            await using var scope = host.SystemScope();
            await module.SeedDemoAsync(scope.ServiceProvider, cancellationToken);
            await Console.Error.WriteLineAsync($"Seeded the demo data of {module.Name}.");
        }

        // Today's part (Contracts' vacancy confirmations of the beds still free) follows the history, once every module has heard of it.
        await host.Services.GetRequiredService<ProjectionCatchUp>().CatchUpAsync(TimeSpan.FromMinutes(5), cancellationToken);
        foreach (var module in Modules.All)
        {
            await using var scope = host.SystemScope();
            await module.SeedDemoTodayAsync(scope.ServiceProvider, cancellationToken);
        }

        await using (var command = dataSource.CreateCommand("INSERT INTO platform.installation (key, value) VALUES ('mode', 'demo')"))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await host.Services.GetRequiredService<ProjectionCatchUp>().CatchUpAsync(TimeSpan.FromMinutes(5), cancellationToken);
        await Console.Error.WriteLineAsync("The demo partnership is ready.");
        return 0;
    }

    /// <summary>A fact about this installation (for example 'mode' = 'demo'), or null.</summary>
    public static async Task<string?> InstallationFactAsync(NpgsqlDataSource dataSource, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT value FROM platform.installation WHERE key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static List<string> Options(string[] args, string name) =>
        args.Select((value, i) => (value, i)).Where(a => a.value == name && a.i + 1 < args.Length).Select(a => args[a.i + 1]).ToList();

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
