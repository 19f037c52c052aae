using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Jobs;
using Commissioning.TestKit;
using Quartz;

namespace Commissioning.BuildingBlocks.Tests.Jobs;

public sealed class CommandJobTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private TestDatabase _database = null!;

    [SetUp]
    public async Task SetUp() => _database = await JobsTestDatabase.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _database.DisposeAsync();

    [Test]
    public async Task A_recurring_job_sends_its_command_through_the_pipeline_as_the_system_in_a_scope_of_its_own()
    {
        await using var host = await JobsTestHost.Create(_database.ConnectionString, jobs => jobs
            .Recurring<RecordFiring>("test.every-second", "* * * * * ?")).StartAsync();

        await Poll.UntilAsync(() => host.Log.Seen.Count >= 2, Timeout, "two firings of the recurring job");
        await host.StopAsync();

        var seen = host.Log.Seen;
        Assert.Multiple(() =>
        {
            Assert.That(seen.Select(s => s.IsSystem), Is.All.True);
            Assert.That(seen.Select(s => s.UserId), Is.All.EqualTo("system"));
            Assert.That(seen.Select(s => s.Role), Is.All.EqualTo(Roles.System));
            Assert.That(seen.Select(s => s.Channel), Is.All.EqualTo(AccessChannel.Background));
            Assert.That(seen.Select(s => s.CorrelationId), Is.Unique, "each firing gets a fresh scope, so a fresh request context");
        });
    }

    [Test]
    public async Task A_job_with_a_factory_makes_its_command_from_the_firing()
    {
        await using var host = await JobsTestHost.Create(_database.ConnectionString, jobs => jobs
            .Every("test.with-factory", TimeSpan.FromSeconds(1), firing => new RecordFiring
            {
                JobName = firing.JobName,
                ScheduledFireTime = firing.ScheduledFireTime,
                Node = firing.SchedulerInstanceId,
            })).StartAsync();

        var instanceId = (await host.SchedulerAsync()).SchedulerInstanceId;
        await Poll.UntilAsync(() => host.Log.Seen.Count >= 1, Timeout, "the first firing");
        await host.StopAsync();

        var command = host.Log.Seen[0].Command;
        Assert.Multiple(() =>
        {
            Assert.That(command.JobName, Is.EqualTo("test.with-factory"));
            Assert.That(command.ScheduledFireTime, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromSeconds(30)));
            Assert.That(command.Node, Is.EqualTo(instanceId));
        });
    }

    [Test]
    public async Task The_job_and_trigger_are_stored_under_the_declared_name_with_a_catch_up_once_misfire_policy()
    {
        await using var host = await JobsTestHost.Create(_database.ConnectionString, jobs => jobs
            .Recurring<RecordFiring>("test.nightly", "0 0 2 * * ?")).StartAsync();

        var scheduler = await host.SchedulerAsync();
        var trigger = (ICronTrigger?)await scheduler.GetTrigger(new TriggerKey("test.nightly", "commands"));

        Assert.That(trigger, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(trigger!.JobKey, Is.EqualTo(new JobKey("test.nightly", "commands")));
            Assert.That(trigger.CronExpressionString, Is.EqualTo("0 0 2 * * ?"));
            Assert.That(trigger.TimeZone.Id, Is.EqualTo("Europe/London"));
            Assert.That(trigger.MisfireInstruction, Is.EqualTo(CronTriggerMisfireInstruction.FireAndProceed));
        });
    }
}
