using Commissioning.TestKit;

namespace Commissioning.Partnership.Tests;

public sealed class PartnershipModuleTests
{
    [Test]
    public async Task The_module_migrates_its_own_schema_keeps_its_event_store_there_and_starts_with_only_reference_data()
    {
        await using var host = await ModuleTestHost.StartAsync(new PartnershipModule());

        Assert.Multiple(async () =>
        {
            Assert.That(host.Store.Schema, Is.EqualTo(PartnershipModule.SchemaName));
            Assert.That((await host.Store.ReadLogAsync(BuildingBlocks.EventStore.LogPosition.Start, 100)).Select(e => e.StreamType).Distinct(),
                Is.EqualTo(new[] { "reference-data" }), "a new installation holds only the default boroughs and the lead");
        });
    }
}
