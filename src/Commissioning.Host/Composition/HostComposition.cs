using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
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
            ConnectionStringBuilder = { ApplicationName = "commissioning" },
        }.Build());
        services.AddSingleton<MigrationState>();
        services.AddSingleton<ProjectionCatchUp>();
        foreach (var module in Modules.All)
        {
            module.Register(services, configuration);
        }

        services.AddMessaging([typeof(HostComposition).Assembly, .. Modules.All.Select(m => m.GetType().Assembly)]);
        services.Configure<AsyncDaemonOptions>(configuration.GetSection("Commissioning:AsyncDaemon"));
    }
}
