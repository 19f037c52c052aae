using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Jobs;
using Commissioning.TestKit;
using Microsoft.Extensions.DependencyInjection;
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

    [Test]
    public async Task Jobs_a_module_declares_before_the_host_registers_the_scheduler_are_scheduled_too()
    {
        await using var host = await JobsTestHost.Create(
            _database.ConnectionString,
            jobs => jobs.Recurring<RecordFiring>("test.from-the-host", "0 0 2 * * ?"),
            registerFirst: services => services.AddJobs(jobs => jobs.Recurring<RecordFiring>("test.from-a-module", "0 0 3 * * ?"))).StartAsync();

        var scheduler = await host.SchedulerAsync();
        var jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals("commands"));

        Assert.That(jobs.Select(j => j.Name), Is.EquivalentTo(new[] { "test.from-the-host", "test.from-a-module" }));
    }

    [Test]
    public async Task A_frozen_application_clock_does_not_stop_jobs_firing()
    {
        await using var host = await JobsTestHost.Create(
            _database.ConnectionString,
            jobs => jobs.Recurring<RecordFiring>("test.every-second", "* * * * * ?"),
            registerFirst: services => services.AddSingleton<TimeProvider>(new TestClock())).StartAsync();

        // Were Quartz on the frozen clock, it would stall after a firing or two, waiting for a time that never comes.
        await Poll.UntilAsync(() => host.Log.Seen.Count >= 3, Timeout, "three firings while the application's clock stands still");
    }

    [Test]
    public async Task Restarting_a_host_keeps_an_interval_job_on_its_schedule_instead_of_firing_it_again_at_once()
    {
        DateTimeOffset firstFiring;
        await using (var host = await HostWithHourlyJobAsync())
        {
            await Poll.UntilAsync(() => host.Log.Seen.Count >= 1, Timeout, "the first firing, at start");
            firstFiring = host.Log.Seen[0].Command.ScheduledFireTime!.Value;
        }

        await using var restarted = await HostWithHourlyJobAsync();
        var trigger = await (await restarted.SchedulerAsync()).GetTrigger(new TriggerKey("test.hourly", "commands"));

        Assert.Multiple(() =>
        {
            Assert.That(trigger!.PreviousFireTimeUtc, Is.EqualTo(firstFiring));
            Assert.That(trigger.NextFireTimeUtc, Is.EqualTo(firstFiring.AddHours(1)));
            Assert.That(restarted.Log.Seen, Is.Empty);
        });
    }

    [Test]
    public async Task A_host_with_a_changed_schedule_replaces_the_stored_trigger_and_deletes_jobs_no_longer_declared()
    {
        await using (await JobsTestHost.Create(_database.ConnectionString, jobs => jobs
            .Recurring<RecordFiring>("test.nightly", "0 0 2 * * ?")
            .Recurring<RecordFiring>("test.retired", "0 0 4 * * ?")).StartAsync())
        {
        }

        await using var changed = await JobsTestHost.Create(_database.ConnectionString, jobs => jobs
            .Recurring<RecordFiring>("test.nightly", "0 30 3 * * ?")).StartAsync();
        var scheduler = await changed.SchedulerAsync();
        var trigger = (ICronTrigger?)await scheduler.GetTrigger(new TriggerKey("test.nightly", "commands"));
        var jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals("commands"));

        Assert.Multiple(() =>
        {
            Assert.That(trigger!.CronExpressionString, Is.EqualTo("0 30 3 * * ?"));
            Assert.That(jobs.Select(j => j.Name), Is.EquivalentTo(new[] { "test.nightly" }));
        });
    }

    private Task<JobsTestHost> HostWithHourlyJobAsync() => JobsTestHost.Create(_database.ConnectionString, jobs => jobs
        .Every("test.hourly", TimeSpan.FromHours(1), firing => new RecordFiring { ScheduledFireTime = firing.ScheduledFireTime })).StartAsync();
}
