using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Partnership.Organisations;

namespace Commissioning.Partnership.Tests.Organisations;

public sealed class PartnershipIntegrationEventsTests
{
    private static StoredEvent Stored(object data) =>
        new(1, "organisation-E09000016", "organisation", 1, "test", data, null, EventMetadata.System(), DateTimeOffset.UnixEpoch);

    [Test]
    public void A_pooled_budget_contribution_is_published_for_the_contracts_module_to_share_void_costs()
    {
        var published = new PartnershipIntegrationEvents().Map(Stored(new PooledBudgetContributionSet("E09000016", "2026-27", 123_456.78m)));

        Assert.That(published, Is.EqualTo(new[] { new Messages.Partnership.PooledBudgetContributionSet("E09000016", "2026-27", 123_456.78m) }));
    }

    [Test]
    public void Other_organisation_events_are_not_published()
    {
        Assert.That(new PartnershipIntegrationEvents().Map(Stored(new PartnershipAgreementSigned("E09000016", new DateOnly(2026, 4, 1), "DSA-1"))), Is.Empty);
    }
}
