using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership;

/// <summary>The Partnership module: the partnership, boroughs, people, roles, API keys, governance and the audit log.</summary>
public sealed class PartnershipModule : IModule
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "partnership";

    /// <inheritdoc />
    public string Name => "Partnership";

    /// <inheritdoc />
    public string Schema => SchemaName;

    /// <inheritdoc />
    public IReadOnlyList<Migration> Migrations => [];

    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddEventStore(SchemaName, store => store.Events(typeof(PartnershipModule).Assembly));

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    /// <inheritdoc />
    public Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
