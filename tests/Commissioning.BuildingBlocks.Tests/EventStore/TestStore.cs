using System.Collections.Concurrent;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

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

/// <summary>
/// A test database with one event store in schema <c>test</c>: an inline and an async counter projection, and
/// effect tables (deliberately without keys, so a repeated effect shows up as a second row).
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly List<ServiceProvider> _hosts = [];
    private readonly List<AsyncDaemon> _daemons = [];

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

    /// <summary>Another "host" on the same database: its own services, pools and daemon. Disposed with the test store.</summary>
    public ServiceProvider NewHost(Action<IServiceCollection, EventStoreBuilder>? configure = null)
    {
        var host = Build(Database.ConnectionString, configure);
        _hosts.Add(host);
        return host;
    }

    /// <summary>Starts the daemon of <paramref name="host"/> (this store's own services when null); it is stopped on dispose.</summary>
    public async Task<AsyncDaemon> StartDaemonAsync(IServiceProvider? host = null)
    {
        var daemon = (host ?? Services).GetRequiredService<AsyncDaemon>();
        _daemons.Add(daemon);
        await daemon.StartAsync(CancellationToken.None);
        return daemon;
    }

    /// <summary>The runner of one async projection or subscription, by checkpoint name (<c>projection:async</c>).</summary>
    public LogRunner Runner(string checkpointName) =>
        Services.GetRequiredService<EventStoreCatalog>().CreateRunners().Single(r => r.Name == checkpointName);

    /// <summary>Brings every async projection and subscription up to date, or fails after 20 seconds.</summary>
    public Task CatchUpAsync() => Services.GetRequiredService<ProjectionCatchUp>().CatchUpAsync(TimeSpan.FromSeconds(20));

    /// <summary>Appends through a session and returns what it stored.</summary>
    public async Task<SaveResult> AppendAsync(string streamId, long expectedVersion, params object[] events)
    {
        var session = Store.OpenSession(EventMetadata.System());
        session.Append(streamId, "counter", expectedVersion, events);
        return await session.SaveChangesAsync();
    }

    /// <summary>Where a checkpoint stands (the start of the log when it has no row yet).</summary>
    public async Task<LogPosition> CheckpointAsync(string name)
    {
        await using var command = Database.DataSource.CreateCommand("SELECT tx_id, seq FROM test.checkpoints WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new LogPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : LogPosition.Start;
    }

    /// <summary>Puts a checkpoint back to the start of the log, as if the reader had never run.</summary>
    public async Task ResetCheckpointAsync(string name)
    {
        await using var command = Database.DataSource.CreateCommand("UPDATE test.checkpoints SET tx_id = '0', seq = 0 WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name, NpgsqlDbType = NpgsqlDbType.Text });
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1), $"checkpoint {name} should exist");
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every row of a table as text, sorted: two tables with the same columns compare equal when their rows do.</summary>
    public async Task<IReadOnlyList<string>> RowsAsync(string table)
    {
        await using var command = Database.DataSource.CreateCommand($"SELECT t::text FROM {table} AS t ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var daemon in _daemons)
        {
            await daemon.StopAsync(CancellationToken.None);
        }

        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }

    private static ServiceProvider Build(string connectionString, Action<IServiceCollection, EventStoreBuilder>? configure)
    {
        var services = new ServiceCollection();
        var logs = new LogCollector();
        services.AddSingleton(logs);
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<AsyncDaemon>();
        services.Configure<AsyncDaemonOptions>(options =>
        {
            // Fast enough for tests; a test that needs other values configures them after these.
            options.LeadershipCheckInterval = TimeSpan.FromMilliseconds(100);
            options.IdlePollInterval = TimeSpan.FromMilliseconds(10);
            options.FailureBackoff = TimeSpan.FromMilliseconds(200);
        });
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
            new MigrationSet("test", "read-models",
            [
                new Migration(1, "counters", CounterProjection.Tables("inline") + CounterProjection.Tables("async")),
                new Migration(2, "effects", """
                    CREATE TABLE test.effects (stream_id text NOT NULL, version bigint NOT NULL);
                    CREATE TABLE test.integration_effects (event_id uuid NOT NULL, kind text NOT NULL, counter_id text NOT NULL);
                    """),
            ]),
        ], NullLogger.Instance);
    }
}

/// <summary>Polling with a deadline, for conditions no catch-up helper can wait for (who leads, what a daemon did).</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout);
}

/// <summary>Keeps every warning and error a host logs, so a test can see that a background service did not fail quietly.</summary>
public sealed class LogCollector : ILoggerProvider
{
    public ConcurrentQueue<string> Problems { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector collector, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                collector.Problems.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
