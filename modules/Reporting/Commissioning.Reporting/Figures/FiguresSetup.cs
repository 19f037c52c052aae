using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Reporting.Figures;

/// <summary>Read models built only from integration events, the dashboards, charts and CSV downloads. Migrations 1 to 99.</summary>
internal static class FiguresSetup
{
    public static IReadOnlyList<Migration> Migrations => [];

    public static void Configure(EventStoreBuilder store, IServiceCollection services)
    {
    }

    public static void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
    }

    /// <summary>What this part publishes to the other modules for one stored event (the store is the outbox).</summary>
    public static IEnumerable<IntegrationEvent> Publish(StoredEvent stored) => [];

    public static Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;

    public static Task SeedDemoTodayAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
