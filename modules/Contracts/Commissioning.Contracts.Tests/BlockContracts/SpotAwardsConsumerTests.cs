using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Core;
using Commissioning.Contracts.Tests.Core;
using Commissioning.Messages.Brokerage;
using Commissioning.TestKit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts.Tests.BlockContracts;

/// <summary>Brokerage's spot award becomes a spot contract under the id Brokerage chose, once, whatever the redeliveries.</summary>
public sealed class SpotAwardsConsumerTests
{
    private ModuleTestHost _host = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await ModuleTestHost.StartAsync(new ContractsModule());
        await Given.ProviderWithHomeAsync(_host, "PRV-SPOT", "HOME-SPOT");
    }

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    private async Task PublishAsync(SpotBidAwarded award)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().ActAsSystem(AccessChannel.Background);
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(award);
    }

    private static SpotBidAwarded Award(Guid id, string home = "HOME-SPOT", string band = "high") =>
        new(id, Guid.NewGuid(), Guid.NewGuid(), "PRV-SPOT", home, "E09000025", band, 6350.75m, new DateOnly(2026, 4, 16)) { EventId = Guid.NewGuid() };

    [Test]
    public async Task An_award_is_agreed_as_a_spot_contract_under_brokerages_id_and_a_redelivery_agrees_nothing_more()
    {
        var id = Guid.NewGuid();
        var award = Award(id);

        await PublishAsync(award);
        await PublishAsync(award);
        await PublishAsync(award with { EventId = Guid.NewGuid() });
        var contract = await _host.SendAsync(new GetSpotContract(id), Given.ContractManager);
        var all = await _host.SendAsync(new ListSpotContracts(new PageRequest(1, 200)), Given.ContractManager);

        Assert.Multiple(() =>
        {
            Assert.That(contract, Is.EqualTo(contract with
            {
                ProviderCode = "PRV-SPOT", HomeCode = "HOME-SPOT", BoroughCode = "E09000025", Band = "high", WeeklyPrice = 6350.75m,
                StartsOn = new DateOnly(2026, 4, 16), EndsOn = null, Version = 1,
            }));
            Assert.That(all.Items.Count(c => c.Id == id), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_award_the_contract_rules_refuse_is_not_agreed_and_does_not_fail_the_delivery()
    {
        var id = Guid.NewGuid();

        await PublishAsync(Award(id, band: "specialist"));

        Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new GetSpotContract(id), Given.ContractManager));
    }
}
