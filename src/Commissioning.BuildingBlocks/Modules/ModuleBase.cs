using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.BuildingBlocks.Modules;

/// <summary>
/// The usual shape of a module: an event store in its own schema holding the event types of its assembly, plus
/// whatever the module adds through the hooks. A module overrides only what it has.
/// </summary>
/// <param name="name">The module's name.</param>
/// <param name="schema">The PostgreSQL schema it owns.</param>
public abstract class ModuleBase(string name, string schema) : IModule
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public string Schema => schema;

    /// <inheritdoc />
    public virtual IReadOnlyList<Migration> Migrations => [];

    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddEventStore(schema, store =>
        {
            store.Events(GetType().Assembly);
            ConfigureEventStore(store, services);
        });
        RegisterServices(services, configuration);
    }

    /// <inheritdoc />
    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    /// <inheritdoc />
    public virtual Task InitialiseAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task SeedDemoTodayAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Adds the module's projections, subscriptions and integration-event publishing to its store.</summary>
    protected virtual void ConfigureEventStore(EventStoreBuilder store, IServiceCollection services)
    {
    }

    /// <summary>Registers the module's other services.</summary>
    protected virtual void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
    }
}
