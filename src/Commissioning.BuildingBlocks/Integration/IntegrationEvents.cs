using System.Security.Cryptography;
using System.Text;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.BuildingBlocks.Integration;

/// <summary>
/// A fact one module tells the others. Records deriving from this live in Commissioning.Messages, a folder per
/// publishing module. <see cref="EventId"/> is derived from the stored event it came from, so a redelivery carries
/// the same id and consumers can recognise it.
/// </summary>
public abstract record IntegrationEvent : INotification
{
    /// <summary>Stable across redeliveries: consumers mark it processed (see <see cref="EventSession.MarkProcessed"/>).</summary>
    public Guid EventId { get; init; }

    /// <summary>When the underlying event was stored.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The owning organisation of the data, when there is one.</summary>
    public string? Scope { get; init; }
}

/// <summary>Turns a module's stored events into the integration events it publishes (none, for most events).</summary>
public interface IIntegrationEventMapper
{
    /// <summary>The integration events that one stored event gives rise to.</summary>
    IEnumerable<IntegrationEvent> Map(StoredEvent storedEvent);
}

/// <summary>
/// The store is the outbox: this subscription reads a module's stored events and publishes the mapped integration
/// events in-process, at least once. Consumers in other modules must be idempotent on <see cref="IntegrationEvent.EventId"/>.
/// </summary>
/// <typeparam name="TMapper">The publishing module's mapper.</typeparam>
public sealed class IntegrationEventPublisher<TMapper>(TMapper mapper, IMediator mediator, RequestContext context) : IEventSubscription
    where TMapper : IIntegrationEventMapper
{
    /// <inheritdoc />
    public string Name => "integration-events";

    /// <inheritdoc />
    public async Task HandleAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        context.ActAsSystem(AccessChannel.Background);
        foreach (var storedEvent in events)
        {
            var index = 0;
            foreach (var integrationEvent in mapper.Map(storedEvent))
            {
                var stamped = integrationEvent with
                {
                    EventId = DeterministicId(storedEvent, index++),
                    OccurredAt = storedEvent.RecordedAt,
                    Scope = integrationEvent.Scope ?? storedEvent.Scope,
                };
                context.CorrelationId = storedEvent.Metadata.CorrelationId ?? context.CorrelationId;
                await mediator.Publish(stamped, cancellationToken);
            }
        }
    }

    private static Guid DeterministicId(StoredEvent storedEvent, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{storedEvent.StreamId}/{storedEvent.Version}/{storedEvent.EventType}/{index}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}

/// <summary>Registration of a module's integration event publishing.</summary>
public static class IntegrationEventRegistration
{
    /// <summary>Publishes the module's integration events from its stored events, through <typeparamref name="TMapper"/>.</summary>
    public static EventStoreBuilder PublishIntegrationEvents<TMapper>(this EventStoreBuilder builder, IServiceCollection services)
        where TMapper : class, IIntegrationEventMapper
    {
        services.AddScoped<TMapper>();
        return builder.Subscription<IntegrationEventPublisher<TMapper>>("integration-events");
    }
}
