using System.Collections.Concurrent;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.BuildingBlocks.Tests.EventStore;

public sealed record CounterWentUp(string CounterId, int By) : IntegrationEvent;

public sealed record CounterChanged(string CounterId) : IntegrationEvent;

/// <summary>Each increment is told as two integration events; an opening is not told at all.</summary>
public sealed class CounterIntegrationMapper : IIntegrationEventMapper
{
    public IEnumerable<IntegrationEvent> Map(StoredEvent storedEvent) => storedEvent.Data switch
    {
        CounterIncremented incremented => [new CounterWentUp(storedEvent.StreamId, incremented.By), new CounterChanged(storedEvent.StreamId)],
        _ => [],
    };
}

public sealed record Delivery(Guid EventId, string Kind, DateTimeOffset OccurredAt, bool AsSystem, string CorrelationId, SaveOutcome Outcome);

public sealed class DeliveryLog
{
    public ConcurrentQueue<Delivery> Deliveries { get; } = new();
}

/// <summary>Another module's consumer: idempotent on the event id, through the inbox.</summary>
public sealed class CounterIntegrationConsumer(BuildingBlocks.EventStore.EventStore store, RequestContext context, DeliveryLog log)
    : INotificationHandler<CounterWentUp>, INotificationHandler<CounterChanged>
{
    public const string Consumer = "test.counter-consumer";

    public Task Handle(CounterWentUp notification, CancellationToken cancellationToken) =>
        ConsumeAsync(notification, "went-up", notification.CounterId, cancellationToken);

    public Task Handle(CounterChanged notification, CancellationToken cancellationToken) =>
        ConsumeAsync(notification, "changed", notification.CounterId, cancellationToken);

    private async Task ConsumeAsync(IntegrationEvent integrationEvent, string kind, string counterId, CancellationToken cancellationToken)
    {
        var result = await store.OpenSession(context.ToEventMetadata())
            .MarkProcessed(Consumer, integrationEvent.EventId)
            .Execute("INSERT INTO test.integration_effects (event_id, kind, counter_id) VALUES ($1, $2, $3)", integrationEvent.EventId, kind, counterId)
            .SaveChangesAsync(cancellationToken);
        log.Deliveries.Enqueue(new Delivery(integrationEvent.EventId, kind, integrationEvent.OccurredAt, context.IsSystem, context.CorrelationId, result.Outcome));
    }
}

public sealed class IntegrationEventTests
{
    private TestStore _test = null!;

    [SetUp]
    public async Task SetUp() => _test = await TestStore.CreateAsync((services, store) =>
    {
        store.PublishIntegrationEvents<CounterIntegrationMapper>(services);
        services.AddMessaging(typeof(CounterIntegrationConsumer).Assembly);
        services.AddSingleton<DeliveryLog>();
    });

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    [Test]
    public async Task Integration_events_delivered_twice_reach_the_consumer_with_the_same_ids_and_leave_one_effect_each()
    {
        var recordedAt = new List<DateTimeOffset>();
        foreach (var (streamId, increments) in new[] { ("a", new[] { 1, 2 }), ("b", new[] { 3 }), ("c", new[] { 4, 5, 6 }) })
        {
            var session = _test.Store.OpenSession(new EventMetadata("u1", "E09000016", $"corr-{streamId}", null));
            session.Append(streamId, "counter", ExpectedVersion.NoStream, [new CounterOpened(streamId), .. increments.Select(by => new CounterIncremented(by))]);
            await session.SaveChangesAsync();
            recordedAt.Add((await _test.Store.ReadStreamAsync(streamId))[0].RecordedAt); // as stored: to the microsecond
        }

        var log = _test.Services.GetRequiredService<DeliveryLog>();
        var publisher = _test.Runner("subscription:integration-events");
        var firstRun = await publisher.RunBatchAsync(CancellationToken.None);
        var first = log.Deliveries.ToList();
        log.Deliveries.Clear();
        await _test.ResetCheckpointAsync(publisher.Name);
        var secondRun = await publisher.RunBatchAsync(CancellationToken.None);
        var second = log.Deliveries.ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(firstRun, Is.EqualTo(9), "stored events read");
            Assert.That(secondRun, Is.EqualTo(9), "the same stored events read again");
            Assert.That(first, Has.Count.EqualTo(12), "two integration events per increment, none per opening");
            Assert.That(first.Select(d => d.Kind), Is.EqualTo(Enumerable.Repeat(new[] { "went-up", "changed" }, 6).SelectMany(k => k)));
            Assert.That(first.Select(d => d.EventId).Distinct().Count(), Is.EqualTo(12), "every integration event has its own id");
            Assert.That(first.Select(d => d.Outcome), Has.All.EqualTo(SaveOutcome.Saved));
            Assert.That(second.Select(d => d.EventId), Is.EqualTo(first.Select(d => d.EventId)), "event ids are stable across redelivery");
            Assert.That(second.Select(d => d.Outcome), Has.All.EqualTo(SaveOutcome.AlreadyProcessed), "the consumer recognises every redelivery");
            Assert.That(first.Select(d => d.AsSystem), Has.All.True, "published as the system");
            Assert.That(first.Select(d => d.CorrelationId).Distinct(), Is.EqualTo(new[] { "corr-a", "corr-b", "corr-c" }), "the stored correlation id carries over");
            Assert.That(first.Select(d => d.OccurredAt).Distinct(), Is.EqualTo(recordedAt), "stamped with when the stored event was recorded");
            Assert.That(await _test.ScalarAsync("SELECT count(*) FROM test.integration_effects"), Is.EqualTo(12), "one effect per integration event");
            Assert.That(await _test.ScalarAsync("SELECT count(DISTINCT event_id) FROM test.integration_effects"), Is.EqualTo(12));
            Assert.That(await _test.ScalarAsync($"SELECT count(*) FROM test.inbox WHERE consumer = '{CounterIntegrationConsumer.Consumer}'"), Is.EqualTo(12));
        });
    }
}
