using Commissioning.BuildingBlocks.Jobs;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.BuildingBlocks.Tests.Jobs;

public sealed record NotACommand;

public sealed record CommandWithoutPolicy : ICommand<Unit>;

public sealed class JobDeclarationTests
{
    [Test]
    public void A_cron_expression_that_does_not_parse_is_refused_when_declared_naming_the_job()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new ServiceCollection().AddJobs(jobs => jobs.Recurring<RecordFiring>("test.nightly", "0 0 25 * * ?")));

        Assert.That(error!.Message, Does.Contain("'test.nightly'").And.Contain("'0 0 25 * * ?'"));
    }

    [TestCase("")]
    [TestCase("nightly")]
    [TestCase("Test.Nightly")]
    [TestCase("test.nightly run")]
    public void A_job_name_that_is_not_module_dot_kebab_case_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddJobs(jobs => jobs.Recurring<RecordFiring>(name, "0 0 2 * * ?")));
    }

    [Test]
    public void A_job_may_only_send_a_command()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new ServiceCollection().AddJobs(jobs => jobs.Recurring<NotACommand>("test.not-a-command", "0 0 2 * * ?")));

        Assert.That(error!.Message, Does.Contain("not a command"));
    }

    [Test]
    public void A_command_that_declares_no_policy_is_refused_when_declared_rather_than_when_it_first_fires()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new ServiceCollection().AddJobs(jobs => jobs.Every<CommandWithoutPolicy>("test.no-policy", TimeSpan.FromMinutes(5))));

        Assert.That(error!.Message, Does.Contain("[SystemOnly]"));
    }

    [Test]
    public void An_interval_under_a_second_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ServiceCollection().AddJobs(jobs => jobs.Every<RecordFiring>("test.too-often", TimeSpan.FromMilliseconds(500))));
    }

    [Test]
    public void Two_modules_cannot_declare_jobs_with_the_same_name()
    {
        var services = new ServiceCollection().AddJobs(jobs => jobs.Recurring<RecordFiring>("test.nightly", "0 0 2 * * ?"));

        var error = Assert.Throws<InvalidOperationException>(() =>
            services.AddJobs(jobs => jobs.Every<RecordFiring>("test.nightly", TimeSpan.FromMinutes(5))));

        Assert.That(error!.Message, Does.Contain("'test.nightly'"));
    }

    [Test]
    public void The_scheduler_is_registered_once()
    {
        var services = new ServiceCollection().AddJobs("Host=localhost");

        Assert.Throws<InvalidOperationException>(() => services.AddJobs("Host=localhost"));
    }
}
