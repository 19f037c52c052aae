using Commissioning.Training.Programme;
using Commissioning.Training.Cohorts;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Training;

/// <summary>The Training module: the accredited workforce programme for provider staff. Two parts, each with its own folder and migration range (docs/training.md).</summary>
public sealed class TrainingModule() : ModuleBase("Training", SchemaName)
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "training";

    /// <inheritdoc />
    public override IReadOnlyList<Migration> Migrations => [.. ProgrammeSetup.Migrations, .. CohortsSetup.Migrations];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ProgrammeSetup.Map(endpoints);
        CohortsSetup.Map(endpoints);
    }

    /// <inheritdoc />
    public override async Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await ProgrammeSetup.SeedDemoAsync(services, cancellationToken);
        await CohortsSetup.SeedDemoAsync(services, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task SeedDemoTodayAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await ProgrammeSetup.SeedDemoTodayAsync(services, cancellationToken);
        await CohortsSetup.SeedDemoTodayAsync(services, cancellationToken);
    }

    /// <inheritdoc />
    protected override void ConfigureEventStore(EventStoreBuilder store, IServiceCollection services)
    {
        ProgrammeSetup.Configure(store, services);
        CohortsSetup.Configure(store, services);
        store.PublishIntegrationEvents<TrainingIntegrationEvents>(services);
    }

    /// <inheritdoc />
    protected override void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        ProgrammeSetup.RegisterServices(services, configuration);
        CohortsSetup.RegisterServices(services, configuration);
    }
}

/// <summary>What Training tells the other modules: each part maps its own stored events (the store is the outbox).</summary>
internal sealed class TrainingIntegrationEvents : IIntegrationEventMapper
{
    public IEnumerable<IntegrationEvent> Map(StoredEvent storedEvent) => [.. ProgrammeSetup.Publish(storedEvent), .. CohortsSetup.Publish(storedEvent)];
}
