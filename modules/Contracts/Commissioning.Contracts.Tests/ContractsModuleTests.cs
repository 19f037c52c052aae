using Commissioning.TestKit;

namespace Commissioning.Contracts.Tests;

public sealed class ContractsModuleTests
{
    [Test]
    public async Task The_module_migrates_its_own_schema_and_keeps_its_event_store_there()
    {
        await using var host = await ModuleTestHost.StartAsync(new ContractsModule());

        Assert.Multiple(async () =>
        {
            Assert.That(host.Store.Schema, Is.EqualTo(ContractsModule.SchemaName));
            Assert.That(await host.Store.CountAsync(), Is.Zero);
        });
    }
}
