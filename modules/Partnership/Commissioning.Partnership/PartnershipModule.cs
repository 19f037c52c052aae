using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.BuildingBlocks.Modules;
using Commissioning.BuildingBlocks.Notifications;
using Commissioning.Partnership.ApiKeys;
using Commissioning.Partnership.Audit;
using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Notifications;
using Commissioning.Partnership.Organisations;
using Commissioning.Partnership.People;
using Commissioning.Partnership.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership;

/// <summary>The Partnership module: the partnership, boroughs, people, roles, API keys, governance and the audit log.</summary>
public sealed class PartnershipModule() : ModuleBase("Partnership", SchemaName)
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "partnership";

    /// <inheritdoc />
    public override IReadOnlyList<Migration> Migrations => [.. PartnershipSchema.Migrations, .. GovernanceSetup.Migrations];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        PartnershipApi.Map(endpoints);
        Governance.Web.GovernanceApi.Map(endpoints);
    }

    /// <inheritdoc />
    public override Task InitialiseAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        DefaultPartnership.EnsureAsync(services, cancellationToken);

    /// <inheritdoc />
    public override Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        DemoPartnership.SeedAsync(services, cancellationToken);

    /// <inheritdoc />
    protected override void ConfigureEventStore(EventStoreBuilder store, IServiceCollection services)
    {
        store.InlineProjection(new OrganisationsProjection());
        store.InlineProjection(new PeopleProjection());
        store.InlineProjection(new ApiKeysProjection());
        GovernanceSetup.Configure(store, services);
        store.Subscription<PasswordResetNotifications>(PasswordResetNotifications.SubscriptionName);
        store.PublishIntegrationEvents<PartnershipIntegrationEvents>(services);
    }

    /// <inheritdoc />
    protected override void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInOptions>().BindConfiguration("Commissioning:SignIn");
        services.AddDataProtection().SetApplicationName("Commissioning");
        services.AddSingleton<IAuditLog, PartnershipAuditLog>();
        services.AddScoped<SignInService>();
        services.AddScoped<ApiKeyVerifier>();
        // The people every module's notifications reach (BuildingBlocks cannot see them).
        services.AddScoped<INotificationRecipients, PeopleNotificationRecipients>();
        services.AddPartnershipAuthentication();
    }
}
