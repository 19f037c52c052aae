using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Commissioning.BuildingBlocks.Tests.EventStore;

[EventType("test.counter-opened.v1")]
public sealed record CounterOpened(string Name);

[EventType("test.counter-incremented.v1")]
public sealed record CounterIncremented(int By);

/// <summary>A counter's state rebuilt by replay.</summary>
public sealed record CounterState(string? Name, int Total) : IAggregateState<CounterState>
{
    public static CounterState Initial => new(null, 0);

    public CounterState Apply(object @event) => @event switch
    {
        CounterOpened opened => this with { Name = opened.Name },
        CounterIncremented incremented => this with { Total = Total + incremented.By },
        _ => this,
    };
}

/// <summary>A read model of counters: one row per stream, and one row per event seen (to catch repeats).</summary>
public sealed class CounterProjection(string name) : Projection
{
    public override string Name => name;

    public override IReadOnlyList<string> OwnedTables => [$"test.{name}_totals", $"test.{name}_seen"];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        commands.Execute($"INSERT INTO test.{name}_seen (stream_id, version) VALUES ($1, $2)", storedEvent.StreamId, storedEvent.Version);
        switch (storedEvent.Data)
        {
            case CounterOpened opened:
                commands.Execute($"INSERT INTO test.{name}_totals (stream_id, name, total) VALUES ($1, $2, 0)", storedEvent.StreamId, opened.Name);
                break;
            case CounterIncremented incremented:
                commands.Execute($"UPDATE test.{name}_totals SET total = total + $2 WHERE stream_id = $1", storedEvent.StreamId, incremented.By);
                break;
        }
    }

    public static string Tables(string name) => $"""
        CREATE TABLE test.{name}_totals (stream_id text PRIMARY KEY, name text NOT NULL, total int NOT NULL);
        CREATE TABLE test.{name}_seen (stream_id text NOT NULL, version bigint NOT NULL, PRIMARY KEY (stream_id, version));
        """;
}

/// <summary>A test database with one event store in schema <c>test</c>: an inline and an async counter projection.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private TestStore(TestDatabase database, ServiceProvider services)
    {
        Database = database;
        Services = services;
        Store = services.GetRequiredKeyedService<BuildingBlocks.EventStore.EventStore>("test");
    }

    public TestDatabase Database { get; }

    public ServiceProvider Services { get; }

    public BuildingBlocks.EventStore.EventStore Store { get; }

    public static async Task<TestStore> CreateAsync(Action<IServiceCollection, EventStoreBuilder>? configure = null)
    {
        var database = await TestDatabase.CreateAsync("eventstore-tests", MigrateAsync);
        var services = Build(database.ConnectionString, configure);
        return new TestStore(database, services);
    }

    /// <summary>Another "host" on the same database: its own services, pools and daemon.</summary>
    public ServiceProvider NewHost(Action<IServiceCollection, EventStoreBuilder>? configure = null) => Build(Database.ConnectionString, configure);

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }

    private static ServiceProvider Build(string connectionString, Action<IServiceCollection, EventStoreBuilder>? configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddEventStore("test", store =>
        {
            store.Events(typeof(TestStore).Assembly)
                .InlineProjection(new CounterProjection("inline"))
                .AsyncProjection(new CounterProjection("async"));
            configure?.Invoke(services, store);
        });
        services.AddSingleton<ProjectionCatchUp>();
        return services.BuildServiceProvider();
    }

    private static async Task MigrateAsync(NpgsqlDataSource dataSource)
    {
        var registry = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(dataSource)
            .AddEventStore("test", _ => { })
            .BuildServiceProvider();
        var store = registry.GetRequiredKeyedService<BuildingBlocks.EventStore.EventStore>("test");
        await SchemaMigrator.MigrateAsync(dataSource,
        [
            store.Migrations,
            new MigrationSet("test", "read-models", [new Migration(1, "counters", CounterProjection.Tables("inline") + CounterProjection.Tables("async"))]),
        ], NullLogger.Instance);
    }
}
