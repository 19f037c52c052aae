using Commissioning.Reporting.Figures;
using Commissioning.Reporting.Packs;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Reporting;

/// <summary>The Reporting module: management information and the board's performance packs, built only from integration events. Two parts, each with its own folder and migration range (docs/reporting.md).</summary>
public sealed class ReportingModule() : ModuleBase("Reporting", SchemaName)
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "reporting";

    /// <inheritdoc />
    public override IReadOnlyList<Migration> Migrations => [.. FiguresSetup.Migrations, .. PacksSetup.Migrations];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        FiguresSetup.Map(endpoints);
        PacksSetup.Map(endpoints);
    }

    /// <inheritdoc />
    public override async Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await FiguresSetup.SeedDemoAsync(services, cancellationToken);
        await PacksSetup.SeedDemoAsync(services, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task SeedDemoTodayAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await FiguresSetup.SeedDemoTodayAsync(services, cancellationToken);
        await PacksSetup.SeedDemoTodayAsync(services, cancellationToken);
    }

    /// <inheritdoc />
    protected override void ConfigureEventStore(EventStoreBuilder store, IServiceCollection services)
    {
        FiguresSetup.Configure(store, services);
        PacksSetup.Configure(store, services);
    }

    /// <inheritdoc />
    protected override void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        FiguresSetup.RegisterServices(services, configuration);
        PacksSetup.RegisterServices(services, configuration);
    }
}

