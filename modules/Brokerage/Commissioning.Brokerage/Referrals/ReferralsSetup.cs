using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Referrals;

/// <summary>Referrals: intake (drafts, completeness, submission, return for more information), the worklist and its clocks. Migrations 1 to 99.</summary>
internal static class ReferralsSetup
{
    public static IReadOnlyList<Migration> Migrations => ReferralsSchema.Migrations;

    public static void Configure(EventStoreBuilder store, IServiceCollection services)
    {
        store.InlineProjection(new ReferralsProjection());
        services.AddScoped<ReferralReader>();
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
