using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Notifications;
using Commissioning.BuildingBlocks.Web;
using Npgsql;

namespace Commissioning.Host.Composition;

/// <summary>Where the database is: the configured server, or the embedded cluster the host starts itself.</summary>
internal sealed class DatabaseLocation
{
    public required string ConnectionString { get; init; }

    /// <summary>The embedded cluster, when this process started it (and so stops it on exit).</summary>
    public LocalPostgresCluster? StartedCluster { get; init; }

    public bool Embedded { get; init; }

    /// <summary>
    /// <c>ConnectionStrings:Commissioning</c> when set; otherwise the embedded default: a PostgreSQL cluster in
    /// <c>Commissioning:DataDirectory</c> (default <c>.data</c> under the working directory), started if needed.
    /// </summary>
    public static async Task<DatabaseLocation> ResolveAsync(IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        var configured = configuration.GetConnectionString("Commissioning");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new DatabaseLocation { ConnectionString = configured };
        }

        var folder = configuration["Commissioning:DataDirectory"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".data");
        var cluster = await LocalPostgresCluster.StartAsync(folder, logger, cancellationToken: cancellationToken);
        await cluster.EnsureDatabaseAsync("commissioning", cancellationToken);
        return new DatabaseLocation
        {
            ConnectionString = cluster.ConnectionString("commissioning"),
            StartedCluster = cluster.StartedByUs ? cluster : null,
            Embedded = true,
        };
    }
}

/// <summary>Whether start-up migrations have finished: readiness waits for it.</summary>
internal sealed class MigrationState
{
    private volatile bool _completed;

    public bool Completed => _completed;

    public void MarkCompleted() => _completed = true;
}

/// <summary>
/// Runs every migration in one place: the platform's, the API's (idempotency keys), the notification service's, each
/// module's store, each module's own.
/// </summary>
internal static class Migrations
{
    public static IEnumerable<MigrationSet> All(EventStoreCatalog catalog) =>
    [
        PlatformSchema.Migrations,
        ApiSchema.Migrations,
        NotificationSchema.Migrations,
        .. catalog.Stores.Select(store => store.Migrations),
        .. Modules.All.Select(module => new MigrationSet(module.Schema, "module", module.Migrations)),
    ];

    /// <summary>Migrates, retrying with backoff while the database cannot be reached (it may still be starting).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Commissioning.Migrations");
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var applied = await SchemaMigrator.MigrateAsync(
                    services.GetRequiredService<NpgsqlDataSource>(), All(services.GetRequiredService<EventStoreCatalog>()), logger, cancellationToken);
                await InitialiseModulesAsync(services, cancellationToken);
                services.GetRequiredService<MigrationState>().MarkCompleted();
                return applied;
            }
            catch (NpgsqlException e) when (attempt < 12 && e is not PostgresException)
            {
                logger.LogWarning("The database cannot be reached yet ({Message}); retrying in {Delay}", e.Message, delay);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    /// <summary>Each module's reference data (the default boroughs, ...), as the system, after the schema is in place.</summary>
    private static async Task InitialiseModulesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var module in Modules.All)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Commissioning.BuildingBlocks.Identity.RequestContext>().ActAsSystem(Commissioning.BuildingBlocks.Identity.AccessChannel.Cli);
            await module.InitialiseAsync(scope.ServiceProvider, cancellationToken);
        }
    }
}
