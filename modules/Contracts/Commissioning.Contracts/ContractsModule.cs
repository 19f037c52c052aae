using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.BuildingBlocks.Modules;
using Commissioning.Contracts.BedLedger;
using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Core;
using Commissioning.Contracts.Homes;
using Commissioning.Contracts.Providers;
using Commissioning.Contracts.Web;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts;

/// <summary>The Contracts module: providers, homes, block and spot contracts, the bed ledger and vacancy confirmations.</summary>
public sealed class ContractsModule() : ModuleBase("Contracts", SchemaName)
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "contracts";

    /// <inheritdoc />
    public override IReadOnlyList<Migration> Migrations => [.. CoreSchema.Migrations, .. BedLedgerSetup.Migrations];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ContractsApi.Map(endpoints);
        LedgerApi.Map(endpoints);
    }

    /// <inheritdoc />
    public override async Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await DemoContracts.SeedAsync(services, cancellationToken);
        await DemoLedger.ConfirmAtContractStartAsync(services, cancellationToken);
    }

    /// <inheritdoc />
    public override Task SeedDemoTodayAsync(IServiceProvider services, CancellationToken cancellationToken) => DemoLedger.SeedAsync(services, cancellationToken);

    /// <inheritdoc />
    protected override void ConfigureEventStore(EventStoreBuilder store, IServiceCollection services)
    {
        store.InlineProjection(new ProvidersProjection());
        store.InlineProjection(new HomesProjection());
        store.InlineProjection(new ContractsProjection());
        store.PublishIntegrationEvents<ContractsIntegrationEvents>(services);
        BedLedgerSetup.Configure(store, services);
    }

    /// <inheritdoc />
    protected override void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        BedLedgerSetup.RegisterOptions(services, configuration);
        services.AddScoped<BuildingBlocks.Web.IHomeFigures, BedHomeFigures>();
    }
}
