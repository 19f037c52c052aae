using Commissioning.Brokerage.Beds;
using Commissioning.Brokerage.Integration;
using Commissioning.Brokerage.Placements;
using Commissioning.Brokerage.Referrals;
using Commissioning.Brokerage.SpotPurchases;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.BuildingBlocks.Modules;
using Commissioning.BuildingBlocks.Web;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage;

/// <summary>
/// The Brokerage module: referrals, matching, offers, allocation of block beds by need band, placements, spot purchases
/// and placements made outside brokerage. Composed of four parts, each with its own folder and migration range
/// (docs/brokerage.md).
/// </summary>
public sealed class BrokerageModule() : ModuleBase("Brokerage", SchemaName)
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "brokerage";

    /// <inheritdoc />
    public override IReadOnlyList<Migration> Migrations =>
        [.. ReferralsSetup.Migrations, .. BedsSetup.Migrations, .. PlacementsSetup.Migrations, .. SpotPurchasesSetup.Migrations];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ReferralsSetup.Map(endpoints);
        BedsSetup.Map(endpoints);
        PlacementsSetup.Map(endpoints);
        SpotPurchasesSetup.Map(endpoints);
        Exports.ExportsApi.Map(endpoints);
    }

    /// <inheritdoc />
    public override async Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        // One story across the four parts (Demo/DemoBrokerage.cs): a year of referrals, offers, placements and endings.
        await Demo.DemoBrokerage.SeedAsync(services, cancellationToken);
    }

    /// <inheritdoc />
    protected override void ConfigureEventStore(EventStoreBuilder store, IServiceCollection services)
    {
        ReferralsSetup.Configure(store, services);
        BedsSetup.Configure(store, services);
        PlacementsSetup.Configure(store, services);
        SpotPurchasesSetup.Configure(store, services);
        store.PublishIntegrationEvents<BrokerageIntegrationEvents>(services);
    }

    /// <inheritdoc />
    protected override void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        ReferralsSetup.RegisterServices(services, configuration);
        BedsSetup.RegisterServices(services, configuration);
        PlacementsSetup.RegisterServices(services, configuration);
        SpotPurchasesSetup.RegisterServices(services, configuration);
        services.AddScoped<IHomeFigures, BrokerageHomeFigures>();
    }
}
