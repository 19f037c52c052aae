using Commissioning.Brokerage.Beds;
using Commissioning.Brokerage.Placements;
using Commissioning.Brokerage.Referrals;
using Commissioning.Brokerage.SpotPurchases;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Brokerage.Integration;

/// <summary>What Brokerage tells the other modules: each part maps its own stored events (the store is the outbox).</summary>
internal sealed class BrokerageIntegrationEvents : IIntegrationEventMapper
{
    public IEnumerable<IntegrationEvent> Map(StoredEvent storedEvent) =>
    [
        .. ReferralsSetup.Publish(storedEvent),
        .. BedsSetup.Publish(storedEvent),
        .. PlacementsSetup.Publish(storedEvent),
        .. SpotPurchasesSetup.Publish(storedEvent),
    ];
}
