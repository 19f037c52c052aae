using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Messages.Brokerage;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commissioning.Contracts.BlockContracts;

/// <summary>
/// Brokerage awarded a spot-purchase bid: agree the spot contract under the id Brokerage chose, through the same
/// <see cref="AgreeSpotContract"/> decisions as the contract manager's page (provider, home, borough, band, price).
/// Idempotent: the event is marked in the inbox in the same transaction as the contract, and a contract that already
/// exists under the id is left alone. A refusal is logged as an error and marked, never retried for ever: it would
/// hold back every later Brokerage event.
/// </summary>
internal sealed class SpotAwardsConsumer(
    [FromKeyedServices(ContractsModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, IMediator mediator, ILogger<SpotAwardsConsumer> logger)
    : INotificationHandler<SpotBidAwarded>
{
    private const string Consumer = "spot-awards";

    public async Task Handle(SpotBidAwarded notification, CancellationToken cancellationToken)
    {
        if (await store.CurrentVersionAsync(SpotContractStreams.For(notification.SpotContractId), cancellationToken) is > 0)
        {
            return;
        }

        unitOfWork.For(store).MarkProcessed(Consumer, notification.EventId);
        try
        {
            await mediator.Send(new AgreeSpotContract(notification.ProviderCode, notification.HomeCode, notification.BoroughCode, notification.Band,
                notification.WeeklyPrice, notification.StartsOn, null, notification.SpotContractId), cancellationToken);
        }
        catch (RequestValidationException e)
        {
            await unitOfWork.CommitAsync(cancellationToken);
            logger.LogError("Brokerage's spot award {SpotContractId} (event {EventId}) could not be agreed as a spot contract: {Errors}",
                notification.SpotContractId, notification.EventId, string.Join(" ", e.Errors.SelectMany(x => x.Value)));
        }
    }
}
