using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Placements;

/// <summary>Offers, bed holds and placements through to their end. Migrations 200 to 299.</summary>
internal static class PlacementsSetup
{
    public static IReadOnlyList<Migration> Migrations => PlacementsSchema.Migrations;

    public static void Configure(EventStoreBuilder store, IServiceCollection services)
    {
        store.InlineProjection(new PlacementsProjection());
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
}
