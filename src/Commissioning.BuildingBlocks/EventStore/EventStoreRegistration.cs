using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Commissioning.BuildingBlocks.EventStore;

/// <summary>How a module describes its store: its event types, projections and subscriptions.</summary>
public sealed class EventStoreBuilder
{
    internal EventStoreBuilder(string schema) => Schema = schema;

    /// <summary>The module's schema.</summary>
    public string Schema { get; }

    internal EventTypeRegistry Types { get; } = new();
    internal List<Projection> Inline { get; } = [];
    internal List<Projection> Async { get; } = [];
    internal List<(Type Type, string Name)> Subscriptions { get; } = [];

    /// <summary>Registers every <see cref="EventTypeAttribute"/> type in the assembly.</summary>
    public EventStoreBuilder Events(Assembly assembly)
    {
        Types.RegisterAssembly(assembly);
        return this;
    }

    /// <summary>Registers one event type.</summary>
    public EventStoreBuilder Event<TEvent>(string alias)
    {
        Types.Register(typeof(TEvent), alias);
        return this;
    }

    /// <summary>Access to upcasters and other registry settings.</summary>
    public EventStoreBuilder ConfigureTypes(Action<EventTypeRegistry> configure)
    {
        configure(Types);
        return this;
    }

    /// <summary>A projection written in the same transaction as each append.</summary>
    public EventStoreBuilder InlineProjection(Projection projection)
    {
        Inline.Add(projection);
        return this;
    }

    /// <summary>A projection the leader's daemon keeps up to date from the log.</summary>
    public EventStoreBuilder AsyncProjection(Projection projection)
    {
        Async.Add(projection);
        return this;
    }

    /// <summary>A subscription fed from the log at least once; <paramref name="name"/> keys its checkpoint.</summary>
    public EventStoreBuilder Subscription<TSubscription>(string name) where TSubscription : class, IEventSubscription
    {
        Subscriptions.Add((typeof(TSubscription), name));
        return this;
    }
}

/// <summary>All module stores of this host, for the daemon, migrations and the rebuild verb.</summary>
public sealed class EventStoreCatalog(IEnumerable<EventStore> stores, IServiceScopeFactory scopes)
{
    /// <summary>Every store, in registration order.</summary>
    public IReadOnlyList<EventStore> Stores { get; } = stores.ToList();

    /// <summary>The store of one schema.</summary>
    public EventStore this[string schema] => Stores.FirstOrDefault(s => s.Schema == schema)
        ?? throw new KeyNotFoundException($"No event store is registered for schema '{schema}'.");

    /// <summary>A runner per async projection and subscription of every store.</summary>
    public IReadOnlyList<LogRunner> CreateRunners() =>
    [
        .. Stores.SelectMany(store => store.AsyncProjections.Select(p => (LogRunner)new ProjectionRunner(store, p))),
        .. Stores.SelectMany(store => store.SubscriptionNames.Select(s => (LogRunner)new SubscriptionRunner(store, s.Type, s.Name, scopes))),
    ];
}

/// <summary>Registration of module event stores.</summary>
public static class EventStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers a module's store under its schema name (resolve it with <c>[FromKeyedServices("schema")]</c>).
    /// Needs an <see cref="NpgsqlDataSource"/> and a <see cref="TimeProvider"/> in the container.
    /// </summary>
    public static IServiceCollection AddEventStore(this IServiceCollection services, string schema, Action<EventStoreBuilder> configure)
    {
        var builder = new EventStoreBuilder(schema);
        configure(builder);
        foreach (var (type, _) in builder.Subscriptions)
        {
            services.AddScoped(type);
        }

        services.AddKeyedSingleton(schema, (sp, _) => new EventStore(
            schema,
            sp.GetRequiredService<NpgsqlDataSource>(),
            builder.Types,
            sp.GetRequiredService<TimeProvider>(),
            builder.Inline,
            builder.Async,
            builder.Subscriptions.Select(s => s.Type).ToList())
        {
            SubscriptionNames = builder.Subscriptions,
        });
        services.AddSingleton(sp => sp.GetRequiredKeyedService<EventStore>(schema));
        services.TryAddSingleton<EventStoreCatalog>();
        return services;
    }
}
