using Commissioning.BuildingBlocks.Jobs;
using Commissioning.TestKit;

namespace Commissioning.BuildingBlocks.Tests.Jobs;

public sealed class SchemaProvisioningTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private TestDatabase _database = null!;

    [SetUp]
    public async Task SetUp() => _database = await JobsTestDatabase.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _database.DisposeAsync();

    [Test]
    public async Task The_scheduler_creates_its_tables_in_the_quartz_schema_of_an_empty_database()
    {
        Assert.That(await QuartzTablesAsync(), Is.Zero);

        await using (var host = await HostAsync())
        {
            await Poll.UntilAsync(() => host.Log.Seen.Count >= 1, Timeout, "the first firing");
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await QuartzTablesAsync(), Is.GreaterThanOrEqualTo(11), "Quartz's tables, all in the quartz schema");
            Assert.That(await _database.ScalarAsync(
                "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz%' AND table_schema <> 'quartz'"), Is.Zero);
        });
    }

    [Test]
    public async Task Starting_again_on_a_provisioned_database_keeps_the_schema_and_the_one_declared_job()
    {
        await using (var host = await HostAsync())
        {
            await Poll.UntilAsync(() => host.Log.Seen.Count >= 1, Timeout, "the first firing");
        }

        var tables = await QuartzTablesAsync();

        await using (var again = await HostAsync())
        {
            await Poll.UntilAsync(() => again.Log.Seen.Count >= 1, Timeout, "a firing after the restart");
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await QuartzTablesAsync(), Is.EqualTo(tables));
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM quartz.qrtz_job_details"), Is.EqualTo(1));
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM quartz.qrtz_triggers"), Is.EqualTo(1));
        });
    }

    private Task<JobsTestHost> HostAsync() => JobsTestHost.Create(_database.ConnectionString, jobs => jobs
        .Recurring<RecordFiring>("test.every-second", "* * * * * ?")).StartAsync();

    private Task<long> QuartzTablesAsync() => _database.ScalarAsync(
        $"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{JobsServiceCollectionExtensions.Schema}'");
}
