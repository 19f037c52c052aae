using Commissioning.BuildingBlocks.Database;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.BuildingBlocks.Modules;

/// <summary>
/// What the host needs from a business module: its services, its schema's migrations, its endpoints and its part
/// of the demo data. The host composes modules; modules never see each other.
/// </summary>
public interface IModule
{
    /// <summary>The module's name, for logs and the CLI.</summary>
    string Name { get; }

    /// <summary>The PostgreSQL schema the module owns.</summary>
    string Schema { get; }

    /// <summary>Registers the module's services, including its event store.</summary>
    void Register(IServiceCollection services, IConfiguration configuration);

    /// <summary>The module's own migrations (its event store's are added by the host).</summary>
    IReadOnlyList<Migration> Migrations { get; }

    /// <summary>Maps the module's pages and API endpoints.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);

    /// <summary>Ensures the reference data every installation starts with (runs after migrations, on every start; idempotent).</summary>
    Task InitialiseAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>Adds the module's part of the demo partnership to an empty database (demo mode only).</summary>
    Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>The demo's "today", after every module's history is seeded and caught up (for example, vacancy confirmations of the beds still free).</summary>
    Task SeedDemoTodayAsync(IServiceProvider services, CancellationToken cancellationToken);
}
