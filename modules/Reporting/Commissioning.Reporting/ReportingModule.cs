using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Reporting;

/// <summary>The Reporting module: management information and the board's performance packs, built only from integration events.</summary>
public sealed class ReportingModule : IModule
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "reporting";

    /// <inheritdoc />
    public string Name => "Reporting";

    /// <inheritdoc />
    public string Schema => SchemaName;

    /// <inheritdoc />
    public IReadOnlyList<Migration> Migrations => [];

    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddEventStore(SchemaName, store => store.Events(typeof(ReportingModule).Assembly));

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    /// <inheritdoc />
    public Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
