using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Commissioning.BuildingBlocks.Jobs;

/// <summary>Every declared job, by name: what the one job type looks up when a trigger fires.</summary>
internal sealed class CommandJobCatalog(IEnumerable<CommandJobDefinition> definitions, ILogger<CommandJobCatalog> logger)
{
    private readonly Dictionary<string, CommandJobDefinition> _byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public bool TryGet(string name, out CommandJobDefinition definition) => _byName.TryGetValue(name, out definition!);

    /// <summary>
    /// Brings the store in line with the code: a declared job not yet stored is added, one whose schedule changed is
    /// rescheduled, and a stored job no longer declared is deleted.
    /// </summary>
    /// <remarks>
    /// Each add is one store operation under Quartz's cluster lock, so nodes starting together cannot both add a job,
    /// and the one that loses leaves the winner's trigger alone. Rescheduling cannot be made atomic with firing, so it
    /// is done only when a schedule really changed: around such a deployment the job may fire once more than it should.
    /// </remarks>
    public async Task SynchroniseAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        foreach (var definition in _byName.Values)
        {
            var stored = await scheduler.GetTrigger(definition.TriggerKey, cancellationToken);
            if (stored is null)
            {
                await AddAsync(scheduler, definition, cancellationToken);
            }
            else if (stored.Description != definition.TriggerDescription)
            {
                await scheduler.RescheduleJob(definition.TriggerKey, BuildTrigger(definition), cancellationToken);
                logger.LogInformation("Job {Job} rescheduled: was '{Was}', now '{Now}'", definition.Name, stored.Description, definition.TriggerDescription);
            }
        }

        foreach (var stale in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(CommandJobDefinition.Group), cancellationToken))
        {
            if (!_byName.ContainsKey(stale.Name))
            {
                await scheduler.DeleteJob(stale, cancellationToken);
                logger.LogWarning("Job {Job} is no longer declared and was deleted from the scheduler", stale.Name);
            }
        }
    }

    private async Task AddAsync(IScheduler scheduler, CommandJobDefinition definition, CancellationToken cancellationToken)
    {
        var job = JobBuilder.Create<SendCommandJob>()
            .WithIdentity(definition.JobKey)
            .WithDescription($"Sends {definition.CommandType.Name}")
            .Build();
        try
        {
            await scheduler.ScheduleJob(job, BuildTrigger(definition), options: default, cancellationToken);
            logger.LogInformation("Job {Job} added: {Schedule}", definition.Name, definition.TriggerDescription);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node added it at the same moment; its trigger stands (jobs are not durable, so a stored job
            // always has its trigger).
        }
    }

    private static ITrigger BuildTrigger(CommandJobDefinition definition)
    {
        var trigger = TriggerBuilder.Create<SendCommandJob>();
        definition.ConfigureTrigger(trigger);
        return trigger.Build();
    }
}

/// <summary>
/// The only job type: it sends the command declared under the firing job's name, as the system, in a scope of its
/// own. Only its name and the job's name are stored, never the command's CLR type, so commands can move or be renamed.
/// </summary>
/// <remarks>
/// Concurrent execution is disallowed per job (across the cluster, since the store is shared): a run that takes
/// longer than its interval delays the next one instead of overlapping it.
/// </remarks>
[DisallowConcurrentExecution]
internal sealed class SendCommandJob(CommandJobCatalog catalog, IServiceScopeFactory scopes, ILogger<SendCommandJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var name = context.JobDetail.Key.Name;
        if (!catalog.TryGet(name, out var job))
        {
            // During a rolling deployment an older node can pick up a job a newer one declared. (A job removed from
            // the code is deleted from the store when a node with the new code starts.)
            throw new JobExecutionException(
                $"This node has no job named '{name}': a newer deployment declared it. It runs once every node has that deployment.");
        }

        var firing = new JobFiring(
            name,
            context.ScheduledFireTimeUtc ?? context.FireTimeUtc,
            context.FireTimeUtc,
            context.FireInstanceId,
            context.Scheduler.SchedulerInstanceId);

        // A scope of our own, so the system identity set here cannot leak into or out of anything else.
        await using var scope = scopes.CreateAsyncScope();
        var requestContext = scope.ServiceProvider.GetRequiredService<RequestContext>();
        requestContext.ActAsSystem(AccessChannel.Background);

        using (logger.BeginScope(new Dictionary<string, object>
        {
            ["Job"] = name,
            ["FireInstanceId"] = firing.FireInstanceId,
            ["CorrelationId"] = requestContext.CorrelationId,
        }))
        {
            logger.LogDebug("Job {Job} sends {Command} for {ScheduledFireTime:O}", name, job.CommandType.Name, firing.ScheduledFireTime);
            var command = job.Create(firing);
            await job.Send(scope.ServiceProvider.GetRequiredService<IMediator>(), command, cancellationToken);
        }
    }
}
