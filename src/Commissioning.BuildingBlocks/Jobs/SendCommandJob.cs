using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Commissioning.BuildingBlocks.Jobs;

/// <summary>Every declared job, by name: what the one job type looks up when a trigger fires.</summary>
internal sealed class CommandJobCatalog(IEnumerable<CommandJobDefinition> definitions)
{
    private readonly Dictionary<string, CommandJobDefinition> _byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<CommandJobDefinition> All => _byName.Values;

    public bool TryGet(string name, out CommandJobDefinition definition) => _byName.TryGetValue(name, out definition!);
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
            // A node that does not know the job: during a rolling deployment, an older node picked up a job a newer
            // one declared, or the job was removed from the code and is still stored.
            throw new JobExecutionException(
                $"This node has no job named '{name}'. It was added by a newer deployment or removed from the code; " +
                "if removed, delete it from the scheduler.");
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
