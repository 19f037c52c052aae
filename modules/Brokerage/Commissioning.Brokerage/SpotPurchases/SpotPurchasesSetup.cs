using Commissioning.Brokerage.SpotPurchases.OutsideBrokerage;
using Commissioning.Brokerage.SpotPurchases.SpotRequests;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Published = Commissioning.Messages.Brokerage;

namespace Commissioning.Brokerage.SpotPurchases;

/// <summary>Spot purchases when no block bed fits, placements made outside brokerage, and fairness. Migrations 300 to 399.</summary>
internal static class SpotPurchasesSetup
{
    public static IReadOnlyList<Migration> Migrations => SpotPurchasesSchema.Migrations;

    public static void Configure(EventStoreBuilder store, IServiceCollection services)
    {
        store.InlineProjection(new OutsidePlacementsProjection());
        store.InlineProjection(new Fairness.PooledBudgetProjection());
        store.InlineProjection(new SpotRequestsProjection());
        store.InlineProjection(new ProviderChecksProjection());
        store.Subscription<SpotRequestNotifications>("spot-request-notifications");
    }

    public static void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<SpotHomesReader>();
        services.AddScoped<SpotRecipients>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => SpotPurchasesApi.Map(endpoints);

    /// <summary>What this part publishes to the other modules for one stored event (the store is the outbox).</summary>
    public static IEnumerable<IntegrationEvent> Publish(StoredEvent stored) => stored.Data switch
    {
        OutsidePlacementRecorded e =>
            [new Published.OutsidePlacementRecorded(e.OutsidePlacementId, e.BoroughCode, e.ReasonCode, e.ReferralId, e.PlacementType, e.PostcodeDistrict, e.StartDate, e.WeeklyCost, e.Band)],
        OutsidePlacementEnded e when stored.Scope is { } borough =>
            [new Published.OutsidePlacementEnded(e.OutsidePlacementId, borough, e.EndDate, e.ReasonEpisodeCeased, e.Planned)],
        SpotBidAwarded e when stored.Scope is { } borough =>
            [new Published.SpotBidAwarded(e.SpotContractId, e.SpotRequestId, e.PlacementId, e.ProviderCode, e.HomeCode, borough, e.Band, e.WeeklyPrice, e.StartDate)],
        SpotPlacementStarted e => [new Published.PlacementStarted(e.PlacementId, null, e.SpotContractId, null, e.BoroughCode, e.Band, e.StartDate)],
        SpotPlacementEnded e => [new Published.PlacementEnded(e.PlacementId, e.EndDate, e.Planned)],
        _ => [],
    };
}
