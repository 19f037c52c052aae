using Commissioning.TestKit;

namespace Commissioning.Partnership.Tests;

public sealed class PartnershipModuleTests
{
    [Test]
    public async Task The_module_migrates_its_own_schema_and_keeps_its_event_store_there()
    {
        await using var host = await ModuleTestHost.StartAsync(new PartnershipModule());

        Assert.Multiple(async () =>
        {
            Assert.That(host.Store.Schema, Is.EqualTo(PartnershipModule.SchemaName));
            Assert.That(await host.Store.CountAsync(), Is.Zero);
        });
    }
}
