using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Partnership.Organisations;

/// <summary>What the Partnership module tells the others: the pooled budget, whose copy Contracts keeps to share void costs.</summary>
internal sealed class PartnershipIntegrationEvents : IIntegrationEventMapper
{
    public IEnumerable<IntegrationEvent> Map(StoredEvent storedEvent) => storedEvent.Data switch
    {
        PooledBudgetContributionSet e => [new Messages.Partnership.PooledBudgetContributionSet(e.BoroughCode, e.FinancialYear, e.Amount)],
        _ => [],
    };
}
