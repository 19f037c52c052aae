using Commissioning.BuildingBlocks.Jobs;
using Commissioning.TestKit;

namespace Commissioning.BuildingBlocks.Tests.Jobs;

public sealed class ClusteringTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private TestDatabase _database = null!;

    [SetUp]
    public async Task SetUp() => _database = await JobsTestDatabase.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _database.DisposeAsync();

    [Test]
    public async Task Two_hosts_on_one_database_run_each_firing_exactly_once_and_the_other_takes_over_when_the_busy_one_stops()
    {
        var nodes = new[] { Node(), Node() };
        try
        {
            // Started together, so they also race to provision the schema.
            await Task.WhenAll(nodes.Select(n => n.StartAsync()));
            var ids = new List<string>();
            foreach (var node in nodes)
            {
                ids.Add((await node.SchedulerAsync()).SchedulerInstanceId);
            }

            Assert.That(ids, Is.Unique, "each node generates its own instance id");

            await Poll.UntilAsync(async () => await RunsAsync() >= 4, Timeout, "four firings with both nodes up");

            // Quartz does not spread firings: the node that fired last usually fires next. Stop that one.
            var busy = ids.IndexOf(await LastNodeAsync());
            await nodes[busy].StopAsync();
            var runsWhenStopped = await RunsAsync();
            await Poll.UntilAsync(async () => await RunsAsync() >= runsWhenStopped + 3, Timeout, "three firings after the busy node stopped");
            await nodes[1 - busy].StopAsync();

            var scheduled = await ScheduledFireTimesAsync();
            Assert.Multiple(async () =>
            {
                Assert.That(scheduled, Is.Unique, "no firing ran twice");
                Assert.That(scheduled.Zip(scheduled.Skip(1), (a, b) => b - a), Is.All.EqualTo(TimeSpan.FromSeconds(1)),
                    "no firing was lost, even while a node stopped");
                Assert.That(await _database.ScalarAsync("SELECT count(DISTINCT node) FROM job_runs"), Is.EqualTo(2),
                    "the idle node took over");
            });
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task Two_hosts_that_start_together_with_a_new_job_add_it_once_and_fire_each_occurrence_once()
    {
        // The deployment that adds a job: the schema is there, the job is not, and every node starts at once.
        await using (await JobsTestHost.Create(_database.ConnectionString, _ => { }).StartAsync())
        {
        }

        var nodes = new[] { Node(), Node() };
        try
        {
            await Task.WhenAll(nodes.Select(n => n.StartAsync()));
            await Poll.UntilAsync(async () => await RunsAsync() >= 3, Timeout, "three firings");
            await Task.WhenAll(nodes.Select(n => n.StopAsync()));

            Assert.That(await ScheduledFireTimesAsync(), Is.Unique, "no firing ran twice");
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private JobsTestHost Node() => JobsTestHost.Create(_database.ConnectionString, jobs => jobs
        .Recurring("test.cluster-every-second", "* * * * * ?", firing => new RecordFiring
        {
            JobName = firing.JobName,
            ScheduledFireTime = firing.ScheduledFireTime,
            Node = firing.SchedulerInstanceId,
        }));

    private async Task<string> LastNodeAsync()
    {
        await using var command = _database.DataSource.CreateCommand("SELECT node FROM job_runs ORDER BY scheduled_fire_time DESC LIMIT 1");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private Task<long> RunsAsync() => _database.ScalarAsync("SELECT count(*) FROM job_runs");

    private async Task<List<DateTimeOffset>> ScheduledFireTimesAsync()
    {
        await using var command = _database.DataSource.CreateCommand("SELECT scheduled_fire_time FROM job_runs ORDER BY scheduled_fire_time");
        await using var reader = await command.ExecuteReaderAsync();
        var times = new List<DateTimeOffset>();
        while (await reader.ReadAsync())
        {
            times.Add(reader.GetFieldValue<DateTimeOffset>(0));
        }

        return times;
    }
}
