using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.PaymentByResults;

/// <summary>The PaymentByResults module: outcome frameworks, provider returns, verification and innovation payments.</summary>
public sealed class PaymentByResultsModule : IModule
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "payment_by_results";

    /// <inheritdoc />
    public string Name => "PaymentByResults";

    /// <inheritdoc />
    public string Schema => SchemaName;

    /// <inheritdoc />
    public IReadOnlyList<Migration> Migrations => [];

    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddEventStore(SchemaName, store => store.Events(typeof(PaymentByResultsModule).Assembly));

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    /// <inheritdoc />
    public Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
