using System.Security.Cryptography;
using System.Text;
using Commissioning.BuildingBlocks.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.BuildingBlocks.Tests.EventStore;

public enum Kill
{
    Throws,
    Cancelled,
}

/// <summary>How the effect subscription is made to die part-way through a batch.</summary>
public sealed class SubscriptionKiller
{
    private int _effectsThisRun;

    public int? AfterEffects { get; private set; }

    public Kill How { get; private set; }

    public CancellationTokenSource? Cancellation { get; private set; }

    public List<SaveOutcome> Outcomes { get; } = [];

    public void Arm(int afterEffects, Kill how, CancellationTokenSource cancellation)
    {
        (AfterEffects, How, Cancellation, _effectsThisRun) = (afterEffects, how, cancellation, 0);
    }

    public void Disarm() => AfterEffects = null;

    /// <summary>Called before each effect: dies once <see cref="AfterEffects"/> effects were made in this run.</summary>
    public void BeforeEffect()
    {
        if (AfterEffects is { } limit && _effectsThisRun++ == limit)
        {
            if (How == Kill.Throws)
            {
                throw new InvalidOperationException("The subscription was killed mid-batch.");
            }

            Cancellation!.Cancel(); // the host is shutting down: the next save sees the cancelled token
        }
    }
}

/// <summary>Records one effect per event, idempotently: an inbox mark and the effect in one transaction.</summary>
public sealed class EffectSubscription(BuildingBlocks.EventStore.EventStore store, SubscriptionKiller killer) : IEventSubscription
{
    public const string Consumer = "test.effects";

    public string Name => "effects";

    public async Task HandleAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        foreach (var storedEvent in events)
        {
            killer.BeforeEffect();
            var result = await store.OpenSession(EventMetadata.System())
                .MarkProcessed(Consumer, MessageId(storedEvent))
                .Execute("INSERT INTO test.effects (stream_id, version) VALUES ($1, $2)", storedEvent.StreamId, storedEvent.Version)
                .SaveChangesAsync(cancellationToken);
            killer.Outcomes.Add(result.Outcome);
        }
    }

    /// <summary>The event's identity as an inbox message id: stream and version name it for good.</summary>
    private static Guid MessageId(StoredEvent storedEvent) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{storedEvent.StreamId}/{storedEvent.Version}")).AsSpan(0, 16));
}

public sealed class SubscriptionTests
{
    private const int Events = 60;
    private const int KilledAfter = 23;
    private TestStore _test = null!;

    [SetUp]
    public async Task SetUp() => _test = await TestStore.CreateAsync((services, store) =>
    {
        store.Subscription<EffectSubscription>("effects");
        services.AddSingleton<SubscriptionKiller>();
    });

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    [TestCase(Kill.Throws, TestName = "A_subscription_that_throws_mid_batch_resumes_from_its_checkpoint_with_each_effect_made_once")]
    [TestCase(Kill.Cancelled, TestName = "A_subscription_cancelled_mid_batch_resumes_from_its_checkpoint_with_each_effect_made_once")]
    public async Task A_subscription_killed_mid_batch_resumes_with_each_effect_made_once(Kill how)
    {
        var writer = new CounterWriter(_test, 7, streams: 4);
        await writer.WriteAsync(Events);
        var killer = _test.Services.GetRequiredService<SubscriptionKiller>();
        var runner = _test.Runner("subscription:effects");
        var lastEvent = (await _test.Store.ReadLogAsync(LogPosition.Start, 1000))[^1].Position;

        using var shutdown = new CancellationTokenSource();
        killer.Arm(KilledAfter, how, shutdown);
        var killed = Assert.CatchAsync(() => runner.RunBatchAsync(shutdown.Token));
        var effectsWhenKilled = await _test.ScalarAsync("SELECT count(*) FROM test.effects");
        var checkpointWhenKilled = await _test.CheckpointAsync(runner.Name);

        killer.Disarm();
        killer.Outcomes.Clear();
        var handledOnResume = await runner.RunBatchAsync(CancellationToken.None);
        var handledAfterwards = await runner.RunBatchAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(killed, how == Kill.Throws ? Is.InstanceOf<InvalidOperationException>() : Is.InstanceOf<OperationCanceledException>());
            Assert.That(effectsWhenKilled, Is.EqualTo(KilledAfter), "effects made before the kill stay made");
            Assert.That(checkpointWhenKilled, Is.EqualTo(LogPosition.Start), "the checkpoint did not move for a batch that failed");
            Assert.That(handledOnResume, Is.EqualTo(Events), "the whole batch is delivered again");
            Assert.That(killer.Outcomes.Count(o => o == SaveOutcome.AlreadyProcessed), Is.EqualTo(KilledAfter), "redelivered events are recognised");
            Assert.That(killer.Outcomes.Count(o => o == SaveOutcome.Saved), Is.EqualTo(Events - KilledAfter));
            Assert.That(handledAfterwards, Is.Zero);
            Assert.That(await _test.CheckpointAsync(runner.Name), Is.EqualTo(lastEvent), "the checkpoint advanced to the last event");
            Assert.That(await _test.ScalarAsync("SELECT count(*) FROM test.effects"), Is.EqualTo(Events), "one effect per event");
            Assert.That(await _test.ScalarAsync("SELECT count(DISTINCT (stream_id, version)) FROM test.effects"), Is.EqualTo(Events), "no effect twice");
            Assert.That(await _test.ScalarAsync($"SELECT count(*) FROM test.inbox WHERE consumer = '{EffectSubscription.Consumer}'"), Is.EqualTo(Events));
        });
    }
}
