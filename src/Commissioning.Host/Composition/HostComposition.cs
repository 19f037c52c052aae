using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Notifications;
using Npgsql;

namespace Commissioning.Host.Composition;

/// <summary>The services every way of running the host shares: the web server and each CLI verb.</summary>
internal static class HostComposition
{
    public static void AddCommissioning(this IServiceCollection services, IConfiguration configuration, DatabaseLocation database)
    {
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(database.ConnectionString)
        {
            // Max Auto Prepare keeps plans across pooled connections: without it the pool's reset re-plans
            // append_events on every append and each projection upsert in every batch (docs/performance.md).
            ConnectionStringBuilder = { ApplicationName = "commissioning", MaxAutoPrepare = 50 },
        }.Build());
        services.AddSingleton<MigrationState>();
        services.AddSingleton<ProjectionCatchUp>();
        foreach (var module in Modules.All)
        {
            module.Register(services, configuration);
        }

        services.AddDataProtectionKeysInDatabase();
        services.AddMessaging([typeof(HostComposition).Assembly, .. Modules.All.Select(m => m.GetType().Assembly)]);
        // After the modules: the Partnership module provides the people notifications reach.
        services.AddNotifications(configuration);
        services.Configure<AsyncDaemonOptions>(configuration.GetSection("Commissioning:AsyncDaemon"));
    }
}
