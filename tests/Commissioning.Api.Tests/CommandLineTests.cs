using Commissioning.TestKit;

namespace Commissioning.Api.Tests;

public sealed class CommandLineTests
{
    private TestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabase() => _database = await HostDatabase.CreateAsync();

    [TearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [Test]
    public async Task Migrate_is_idempotent()
    {
        var first = await HostProcess.RunCliAsync(["migrate"], _database.ConnectionString);
        var second = await HostProcess.RunCliAsync(["migrate"], _database.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Error);
            Assert.That(second.ExitCode, Is.Zero, second.Error);
            Assert.That(second.Error, Does.Contain("Migrations are up to date"));
            Assert.That(second.Error, Does.Not.Contain("Applied migration"));
        });
    }

    [Test]
    public async Task An_unknown_verb_is_refused_in_plain_English_with_a_usage_exit_code()
    {
        var result = await HostProcess.RunCliAsync(["make-tea"], _database.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain("'make-tea' is not a verb"));
            Assert.That(result.Output, Is.Empty);
        });
    }

    [Test]
    public async Task Rebuild_projections_rebuilds_all_of_them_and_refuses_an_unknown_name()
    {
        var all = await HostProcess.RunCliAsync(["rebuild-projections"], _database.ConnectionString);
        var unknown = await HostProcess.RunCliAsync(["rebuild-projections", "--projection", "brokerage/no-such-projection"], _database.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(all.ExitCode, Is.Zero, all.Error);
            Assert.That(all.Error, Does.Match(@"Rebuilt \d+ projection"));
            Assert.That(unknown.ExitCode, Is.EqualTo(2));
            Assert.That(unknown.Error, Does.Contain("No projection is called brokerage/no-such-projection"));
        });
    }

    [Test]
    public async Task Seed_demo_seeds_an_empty_database_once_and_then_leaves_it_alone()
    {
        var first = await HostProcess.RunCliAsync(["seed-demo"], _database.ConnectionString);
        var second = await HostProcess.RunCliAsync(["seed-demo"], _database.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Error);
            Assert.That(first.Error, Does.Contain("The demo partnership is ready"));
            Assert.That(second.ExitCode, Is.Zero, second.Error);
            Assert.That(second.Error, Does.Contain("already holds data"));
        });
    }
}
