using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts;

/// <summary>The Contracts module: providers, homes, block and spot contracts, the bed ledger and vacancy confirmations.</summary>
public sealed class ContractsModule : IModule
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "contracts";

    /// <inheritdoc />
    public string Name => "Contracts";

    /// <inheritdoc />
    public string Schema => SchemaName;

    /// <inheritdoc />
    public IReadOnlyList<Migration> Migrations => [];

    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddEventStore(SchemaName, store => store.Events(typeof(ContractsModule).Assembly));

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    /// <inheritdoc />
    public Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
