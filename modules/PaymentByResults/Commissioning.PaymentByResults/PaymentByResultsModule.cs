using Commissioning.PaymentByResults.Outcomes;
using Commissioning.PaymentByResults.Payments;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.PaymentByResults;

/// <summary>The PaymentByResults module: outcome frameworks, provider returns, verification and innovation payments. Two parts, each with its own folder and migration range (docs/payment-by-results.md).</summary>
public sealed class PaymentByResultsModule() : ModuleBase("PaymentByResults", SchemaName)
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "payment_by_results";

    /// <inheritdoc />
    public override IReadOnlyList<Migration> Migrations => [.. OutcomesSetup.Migrations, .. PaymentsSetup.Migrations];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        OutcomesSetup.Map(endpoints);
        PaymentsSetup.Map(endpoints);
    }

    /// <inheritdoc />
    public override async Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await OutcomesSetup.SeedDemoAsync(services, cancellationToken);
        await PaymentsSetup.SeedDemoAsync(services, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task SeedDemoTodayAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await OutcomesSetup.SeedDemoTodayAsync(services, cancellationToken);
        await PaymentsSetup.SeedDemoTodayAsync(services, cancellationToken);
    }

    /// <inheritdoc />
    protected override void ConfigureEventStore(EventStoreBuilder store, IServiceCollection services)
    {
        OutcomesSetup.Configure(store, services);
        PaymentsSetup.Configure(store, services);
        store.PublishIntegrationEvents<PaymentByResultsIntegrationEvents>(services);
    }

    /// <inheritdoc />
    protected override void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        OutcomesSetup.RegisterServices(services, configuration);
        PaymentsSetup.RegisterServices(services, configuration);
    }
}

/// <summary>What PaymentByResults tells the other modules: each part maps its own stored events (the store is the outbox).</summary>
internal sealed class PaymentByResultsIntegrationEvents : IIntegrationEventMapper
{
    public IEnumerable<IntegrationEvent> Map(StoredEvent storedEvent) => [.. OutcomesSetup.Publish(storedEvent), .. PaymentsSetup.Publish(storedEvent)];
}
