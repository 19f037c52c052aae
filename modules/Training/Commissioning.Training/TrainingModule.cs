using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Training;

/// <summary>The Training module: the accredited training programme for provider staff.</summary>
public sealed class TrainingModule : IModule
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "training";

    /// <inheritdoc />
    public string Name => "Training";

    /// <inheritdoc />
    public string Schema => SchemaName;

    /// <inheritdoc />
    public IReadOnlyList<Migration> Migrations => [];

    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddEventStore(SchemaName, store => store.Events(typeof(TrainingModule).Assembly));

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    /// <inheritdoc />
    public Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
