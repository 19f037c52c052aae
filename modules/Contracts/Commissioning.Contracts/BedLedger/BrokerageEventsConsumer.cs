using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.Messages.Brokerage;
using Commissioning.Messages.Partnership;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commissioning.Contracts.BedLedger;

/// <summary>
/// Brokerage's holds and placements into the bed ledger. Delivery is at least once: each event is marked in the
/// inbox in the same transaction as the ledger's events, so a redelivery stores nothing. What cannot be true (a second
/// holder, an unknown placement) is stored as a flag and logged as an error, never applied.
/// </summary>
internal sealed class BrokerageEventsConsumer(
    [FromKeyedServices(ContractsModule.SchemaName)] EventStore store,
    NpgsqlDataSource dataSource,
    TimeProvider clock,
    ILogger<BrokerageEventsConsumer> logger) :
    INotificationHandler<BedHeld>,
    INotificationHandler<BedHoldReleased>,
    INotificationHandler<PlacementStarted>,
    INotificationHandler<PlacementRebanded>,
    INotificationHandler<PlacementEnded>,
    INotificationHandler<PooledBudgetContributionSet>
{
    private const string Consumer = "bed-ledger";

    public async Task Handle(BedHeld notification, CancellationToken cancellationToken)
    {
        if (!await IsContractedBedAsync(notification.BedId, cancellationToken))
        {
            await FlagUnmatchedAsync(notification, null,
                $"Offer {notification.OfferId} holds bed '{notification.BedId}', which is not a contracted bed; it was not recorded.", cancellationToken);
            return;
        }

        await DecideAsync(notification, BedLedgerStreams.Bed(notification.BedId), BedLedgerStreams.BedStreamType,
            state => BedOccupancyDecisions.Hold(state, notification, clock.GetUtcNow()), cancellationToken);
    }

    public Task Handle(BedHoldReleased notification, CancellationToken cancellationToken) =>
        DecideAsync(notification, BedLedgerStreams.Bed(notification.BedId), BedLedgerStreams.BedStreamType,
            state => BedOccupancyDecisions.Release(state, notification, clock.GetUtcNow()), cancellationToken);

    public async Task Handle(PlacementStarted notification, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if ((notification.BedId is null) == (notification.SpotContractId is null) || !Codes.TryParse<NeedBand>(notification.Band, out var band)
            || (notification.BedId is { } known && !await IsContractedBedAsync(known, cancellationToken)))
        {
            await FlagUnmatchedAsync(notification, notification.PlacementId,
                $"Placement {notification.PlacementId} started with bed '{notification.BedId}', spot contract '{notification.SpotContractId}' and band '{notification.Band}': it needs exactly one of a contracted bed or a spot contract, and a band code; it was not recorded.",
                cancellationToken);
            return;
        }

        var (stream, type) = notification.BedId is { } bedId
            ? (BedLedgerStreams.Bed(bedId), BedLedgerStreams.BedStreamType)
            : (BedLedgerStreams.SpotPlacement(notification.PlacementId), BedLedgerStreams.SpotPlacementStreamType);
        await DecideAsync(notification, stream, type, state => BedOccupancyDecisions.Start(state, notification, band, now), cancellationToken);
    }

    public async Task Handle(PlacementRebanded notification, CancellationToken cancellationToken)
    {
        if (!Codes.TryParse<NeedBand>(notification.Band, out var band))
        {
            await FlagUnmatchedAsync(notification, notification.PlacementId,
                $"Placement {notification.PlacementId} was re-banded to '{notification.Band}', which is not a band code; nothing changed.", cancellationToken);
            return;
        }

        if (await PlaceOfAsync(notification.PlacementId, cancellationToken) is not { } place)
        {
            await FlagUnmatchedAsync(notification, notification.PlacementId,
                $"Placement {notification.PlacementId} was re-banded, but the ledger never saw it start; nothing changed.", cancellationToken);
            return;
        }

        await DecideAsync(notification, place.Stream, place.Type,
            state => BedOccupancyDecisions.Reband(state, place.BedId, notification, band, clock.GetUtcNow()), cancellationToken);
    }

    public async Task Handle(PlacementEnded notification, CancellationToken cancellationToken)
    {
        if (await PlaceOfAsync(notification.PlacementId, cancellationToken) is not { } place)
        {
            await FlagUnmatchedAsync(notification, notification.PlacementId,
                $"Placement {notification.PlacementId} ended, but the ledger never saw it start; nothing changed.", cancellationToken);
            return;
        }

        await DecideAsync(notification, place.Stream, place.Type,
            state => BedOccupancyDecisions.End(state, place.BedId, notification, clock.GetUtcNow()), cancellationToken);
    }

    public async Task Handle(PooledBudgetContributionSet notification, CancellationToken cancellationToken) =>
        await store.OpenSession(EventMetadata.System())
            .MarkProcessed(Consumer, notification.EventId)
            .Append(BedLedgerStreams.PooledBudget(notification.BoroughCode), BedLedgerStreams.PooledBudgetStreamType, ExpectedVersion.Any,
                [new PooledBudgetContributionCopied(notification.BoroughCode, notification.FinancialYear, notification.Amount, notification.OccurredAt, notification.EventId)])
            .SaveChangesAsync(cancellationToken);

    private async Task DecideAsync(IntegrationEvent message, string stream, string streamType,
        Func<BedOccupancyState, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
    {
        // Two deliveries about one bed can race (a redelivery, a second leader finishing): reload and decide again.
        for (var attempt = 1; ; attempt++)
        {
            var (state, version) = await store.LoadAsync<BedOccupancyState>(stream, cancellationToken);
            var events = decide(state);
            var session = store.OpenSession(EventMetadata.System()).MarkProcessed(Consumer, message.EventId);
            if (events.Count > 0)
            {
                session.Append(stream, streamType, version, events);
            }

            try
            {
                var result = await session.SaveChangesAsync(cancellationToken);
                if (result.Outcome == SaveOutcome.Saved)
                {
                    foreach (var flag in events.OfType<BedLedgerInconsistencyFlagged>())
                    {
                        logger.LogError("Bed ledger inconsistency from Brokerage's {EventType} {EventId}: {Message}", message.GetType().Name, message.EventId, flag.Message);
                    }
                }

                return;
            }
            catch (StreamVersionConflictException) when (attempt < 5)
            {
            }
        }
    }

    private async Task FlagUnmatchedAsync(IntegrationEvent message, Guid? placementId, string text, CancellationToken cancellationToken)
    {
        var result = await store.OpenSession(EventMetadata.System())
            .MarkProcessed(Consumer, message.EventId)
            .Append(BedLedgerStreams.Unmatched, BedLedgerStreams.Unmatched, ExpectedVersion.Any,
                [new BedLedgerInconsistencyFlagged(null, placementId, null, text, clock.GetUtcNow(), message.EventId)])
            .SaveChangesAsync(cancellationToken);
        if (result.Outcome == SaveOutcome.Saved)
        {
            logger.LogError("Bed ledger inconsistency from Brokerage's {EventType} {EventId}: {Message}", message.GetType().Name, message.EventId, text);
        }
    }

    private async Task<bool> IsContractedBedAsync(string bedId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM contracts.contract_beds WHERE bed_id = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = bedId });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private async Task<(string Stream, string Type, string? BedId)?> PlaceOfAsync(Guid placementId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT bed_id FROM contracts.ledger_placements WHERE placement_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = placementId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return reader.IsDBNull(0)
            ? (BedLedgerStreams.SpotPlacement(placementId), BedLedgerStreams.SpotPlacementStreamType, null)
            : (BedLedgerStreams.Bed(reader.GetString(0)), BedLedgerStreams.BedStreamType, reader.GetString(0));
    }
}
