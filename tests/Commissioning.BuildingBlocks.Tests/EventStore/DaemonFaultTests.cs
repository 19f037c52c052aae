using Commissioning.BuildingBlocks.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.BuildingBlocks.Tests.EventStore;

/// <summary>A projection whose SQL the database refuses: it writes to a table that does not exist.</summary>
public sealed class BrokenProjection : Projection
{
    public override string Name => "broken";

    public override IReadOnlyList<string> OwnedTables => [];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands) =>
        commands.Execute("INSERT INTO test.no_such_table (stream_id) VALUES ($1)", storedEvent.StreamId);
}

public sealed class DaemonFaultTests
{
    private TestStore _test = null!;

    [SetUp]
    public async Task SetUp() => _test = await TestStore.CreateAsync((services, store) =>
    {
        store.AsyncProjection(new BrokenProjection()).Subscription<EffectSubscription>("effects");
        services.AddSingleton<SubscriptionKiller>();
    });

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    [Test]
    public async Task A_projection_whose_sql_fails_is_backed_off_without_holding_back_the_runners_after_it()
    {
        await _test.StartDaemonAsync();
        var writer = new CounterWriter(_test, 3);
        await writer.WriteAsync(50);

        // The subscription runs after the broken projection in every round.
        await Eventually.UntilAsync(async () => await _test.ScalarAsync("SELECT count(*) FROM test.effects") == 50,
            "the subscription after the broken projection has handled every event", TimeSpan.FromSeconds(10));
        await Eventually.UntilAsync(async () => await _test.ScalarAsync("SELECT count(*) FROM test.async_seen") == 50,
            "the projection before it has too", TimeSpan.FromSeconds(10));

        var problems = _test.Services.GetRequiredService<LogCollector>().Problems.ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(await _test.CheckpointAsync("projection:broken"), Is.EqualTo(LogPosition.Start), "the broken projection applied nothing");
            Assert.That(problems, Has.Some.Contains("broken").And.Contains("42P01"), "the broken projection's failure was logged");
            Assert.That(problems, Has.None.Contains("steps down"), "the daemon kept its leadership");
        });
    }
}
