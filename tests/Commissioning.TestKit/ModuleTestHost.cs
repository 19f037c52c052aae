using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Modules;
using Commissioning.BuildingBlocks.Notifications;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Commissioning.TestKit;

/// <summary>
/// One module on its own over a fresh, migrated test database: its services, its store, the mediator pipeline and
/// a catch-up helper for its async projections. The way module tests send commands, as in the models' SendAsync.
/// </summary>
public sealed class ModuleTestHost : IAsyncDisposable
{
    private ModuleTestHost(IModule module, TestDatabase database, ServiceProvider services, TestClock clock)
    {
        Module = module;
        Database = database;
        Services = services;
        Clock = clock;
    }

    /// <summary>The module under test.</summary>
    public IModule Module { get; }

    /// <summary>Its database.</summary>
    public TestDatabase Database { get; }

    /// <summary>Its services.</summary>
    public ServiceProvider Services { get; }

    /// <summary>The time every service sees.</summary>
    public TestClock Clock { get; }

    /// <summary>
    /// The people notifications reach, unless the module registers its own <see cref="INotificationRecipients"/>
    /// (the Partnership module does).
    /// </summary>
    public InMemoryNotificationRecipients People => Services.GetRequiredService<InMemoryNotificationRecipients>();

    /// <summary>The in-app notifications, as people see them.</summary>
    public NotificationInbox Inbox => Services.GetRequiredService<NotificationInbox>();

    /// <summary>The module's event store.</summary>
    public EventStore Store => Services.GetRequiredKeyedService<EventStore>(Module.Schema);

    /// <summary>Starts the module over a database cloned from a template migrated with its migrations.</summary>
    public static async Task<ModuleTestHost> StartAsync(IModule module, Action<IServiceCollection>? configure = null)
    {
        var database = await TestDatabase.CreateAsync("module-" + module.Schema, dataSource => MigrateAsync(module, dataSource));
        var clock = new TestClock();
        var host = new ModuleTestHost(module, database, BuildServices(module, database.DataSource, clock, configure), clock);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<RequestContext>().ActAsSystem(AccessChannel.Cli);
            await module.InitialiseAsync(scope.ServiceProvider, CancellationToken.None);
        }

        return host;
    }

    /// <summary>Sends a request through the full pipeline as the given actor (the system when none is given).</summary>
    public async Task<TResult> SendAsync<TResult>(IRequest<TResult> request, Action<RequestContext>? actAs = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        if (actAs is null)
        {
            context.ActAsSystem(AccessChannel.Cli);
        }
        else
        {
            actAs(context);
        }

        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Brings the module's async projections and subscriptions up to date.</summary>
    public Task CatchUpAsync() => Services.GetRequiredService<ProjectionCatchUp>().CatchUpAsync(TimeSpan.FromSeconds(30));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }

    private static ServiceProvider BuildServices(IModule module, NpgsqlDataSource dataSource, TimeProvider clock, Action<IServiceCollection>? configure)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(clock)
            .AddSingleton(dataSource);
        var configuration = new ConfigurationBuilder().Build();
        module.Register(services, configuration);
        services.AddMessaging(module.GetType().Assembly);
        services.AddSingleton<InMemoryNotificationRecipients>();
        services.TryAddSingleton<INotificationRecipients>(sp => sp.GetRequiredService<InMemoryNotificationRecipients>());
        services.AddNotifications(configuration);
        services.AddSingleton<ProjectionCatchUp>();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static async Task MigrateAsync(IModule module, NpgsqlDataSource dataSource)
    {
        await using var services = BuildServices(module, dataSource, TimeProvider.System, null);
        var store = services.GetRequiredKeyedService<EventStore>(module.Schema);
        await SchemaMigrator.MigrateAsync(dataSource, [NotificationSchema.Migrations, store.Migrations, new MigrationSet(module.Schema, "module", module.Migrations)], NullLogger.Instance);
    }
}
