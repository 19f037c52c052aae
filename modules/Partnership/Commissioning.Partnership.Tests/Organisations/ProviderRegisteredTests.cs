using Commissioning.BuildingBlocks.Identity;
using Commissioning.Messages.Contracts;
using Commissioning.Partnership.Organisations;
using Commissioning.TestKit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Tests.Organisations;

public sealed class ProviderRegisteredTests
{
    [Test]
    public async Task A_provider_registered_under_a_contract_becomes_an_organisation_once_however_often_it_is_delivered()
    {
        await using var host = await ModuleTestHost.StartAsync(new PartnershipModule());
        var registered = new ProviderRegistered("PRV-Z", "Zephyr Homes") { EventId = Guid.NewGuid() };

        for (var delivery = 0; delivery < 3; delivery++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<RequestContext>().ActAsSystem(AccessChannel.Background);
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(registered);
        }

        var providers = await host.SendAsync(new ListOrganisations(OrganisationKinds.Provider));
        Assert.Multiple(async () =>
        {
            Assert.That(providers.Select(p => (p.Code, p.Name)), Is.EqualTo(new[] { ("PRV-Z", "Zephyr Homes") }));
            Assert.That((await host.Store.ReadStreamAsync("organisation-PRV-Z")).Count, Is.EqualTo(1));
        });
    }
}
