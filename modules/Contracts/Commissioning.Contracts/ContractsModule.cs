using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Modules;
using Commissioning.Contracts.BedLedger;
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
    public override IReadOnlyList<Migration> Migrations => [.. BedLedgerSetup.Migrations];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        Web.LedgerApi.Map(endpoints);
    }

    /// <inheritdoc />
    protected override void ConfigureEventStore(EventStoreBuilder store, IServiceCollection services)
    {
        BedLedgerSetup.Configure(store, services);
    }

    /// <inheritdoc />
    protected override void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        BedLedgerSetup.RegisterOptions(services, configuration);
    }
}
