using System.Reflection;
using System.Text.RegularExpressions;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;
using Quartz;

namespace Commissioning.BuildingBlocks.Jobs;

/// <summary>
/// One firing of a job, handed to a command factory so a command can say which occurrence it is for (an "as of"
/// instant or an idempotency key), not only when it happened to run.
/// </summary>
/// <param name="JobName">The job's name, as declared.</param>
/// <param name="ScheduledFireTime">When the schedule said it should fire; the same on every node and after a late start.</param>
/// <param name="FireTime">When it actually fired.</param>
/// <param name="FireInstanceId">Quartz's id of this firing, unique across the cluster.</param>
/// <param name="SchedulerInstanceId">The cluster node that runs it.</param>
public sealed record JobFiring(
    string JobName,
    DateTimeOffset ScheduledFireTime,
    DateTimeOffset FireTime,
    string FireInstanceId,
    string SchedulerInstanceId);

/// <summary>
/// Declares jobs. A job only sends a command: it names the command, when to send it and, if the command is not
/// made with <c>new()</c>, how to make it. The command runs as the system, through the whole MediatR pipeline.
/// </summary>
/// <remarks>
/// Names are persisted by Quartz and say which job a stored trigger belongs to, so they follow the event-alias
/// style (<c>brokerage.referral-clocks</c>). Renaming a job deletes the old one and adds a new one, whose schedule
/// starts afresh. The command type is not stored, so commands can move or be renamed freely.
/// </remarks>
public sealed partial class JobsBuilder
{
    private static readonly MethodInfo SendMethod =
        typeof(JobsBuilder).GetMethod(nameof(SendAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    internal JobsBuilder()
    {
    }

    /// <summary>
    /// The zone cron expressions declared after this is set are read in. Defaults to UK time (<c>Europe/London</c>),
    /// so "02:00 every day" stays 02:00 across the clock changes.
    /// </summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    internal List<CommandJobDefinition> Definitions { get; } = [];

    /// <summary>Sends <c>new TCommand()</c> on a Quartz cron schedule (six or seven fields, seconds first).</summary>
    /// <param name="name">The job's persisted name, <c>module.what-it-does</c>.</param>
    /// <param name="cronExpression">For example <c>0 0 2 * * ?</c> for 02:00 every day, in <see cref="TimeZone"/>.</param>
    public JobsBuilder Recurring<TCommand>(string name, string cronExpression)
        where TCommand : class, new() =>
        Recurring(name, cronExpression, _ => new TCommand());

    /// <summary>Sends the command <paramref name="create"/> makes for each firing, on a Quartz cron schedule.</summary>
    /// <param name="name">The job's persisted name, <c>module.what-it-does</c>.</param>
    /// <param name="cronExpression">For example <c>0 0 2 * * ?</c> for 02:00 every day, in <see cref="TimeZone"/>.</param>
    /// <param name="create">Makes the command for one firing.</param>
    public JobsBuilder Recurring<TCommand>(string name, string cronExpression, Func<JobFiring, TCommand> create)
        where TCommand : class
    {
        ArgumentNullException.ThrowIfNull(create);
        try
        {
            CronExpression.Parse(cronExpression);
        }
        catch (FormatException e)
        {
            throw new ArgumentException(
                $"The job '{name}' has the cron expression '{cronExpression}', which is not valid: {e.Message} " +
                "Write it in Quartz's form, seconds first, for example '0 0 2 * * ?' for 02:00 every day.",
                nameof(cronExpression), e);
        }

        var zone = TimeZone;
        return Add(name, create, $"cron '{cronExpression}' in {zone.Id}", trigger => trigger
            .WithCronSchedule(cronExpression, cron => cron
                .InTimeZone(zone)
                // After downtime, catch up once rather than once per missed firing or not until the next one:
                // every job command is a sweep of what is due "now", so one late run covers all it missed.
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }

    /// <summary>Sends <c>new TCommand()</c> every <paramref name="interval"/>, starting when first deployed.</summary>
    /// <param name="name">The job's persisted name, <c>module.what-it-does</c>.</param>
    /// <param name="interval">How often; at least one second.</param>
    public JobsBuilder Every<TCommand>(string name, TimeSpan interval)
        where TCommand : class, new() =>
        Every(name, interval, _ => new TCommand());

    /// <summary>Sends the command <paramref name="create"/> makes for each firing, every <paramref name="interval"/>.</summary>
    /// <param name="name">The job's persisted name, <c>module.what-it-does</c>.</param>
    /// <param name="interval">How often; at least one second.</param>
    /// <param name="create">Makes the command for one firing.</param>
    public JobsBuilder Every<TCommand>(string name, TimeSpan interval, Func<JobFiring, TCommand> create)
        where TCommand : class
    {
        ArgumentNullException.ThrowIfNull(create);
        if (interval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval,
                $"The job '{name}' must repeat at most once a second; give an interval of at least 00:00:01.");
        }

        return Add(name, create, $"every {interval}", trigger => trigger
            .StartNow()
            .WithSimpleSchedule(simple => simple
                .WithInterval(interval)
                .RepeatForever()
                // Fire once now and keep the interval from there (see the cron misfire note above).
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithRemainingCount)));
    }

    private JobsBuilder Add<TCommand>(string name, Func<JobFiring, TCommand> create, string schedule,
        Action<ITriggerConfigurator<SendCommandJob>> configureTrigger)
        where TCommand : class
    {
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"The job name '{name}' is not valid. Name it 'module.what-it-does' in lower case with hyphens, " +
                "for example 'brokerage.referral-clocks'.", nameof(name));
        }

        if (Definitions.Any(d => d.Name == name))
        {
            throw new ArgumentException($"A job named '{name}' is already declared; give each job its own name.", nameof(name));
        }

        var commandType = typeof(TCommand);
        var resultType = commandType.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>))
            .Select(i => i.GetGenericArguments()[0])
            .FirstOrDefault()
            ?? throw new ArgumentException(
                $"The job '{name}' sends {commandType.Name}, which is not a command. A job only sends an ICommand<TResult>.");

        if (commandType.GetCustomAttribute<SystemOnlyAttribute>() is null && commandType.GetCustomAttribute<AllowedRolesAttribute>() is null)
        {
            throw new ArgumentException(
                $"The job '{name}' sends {commandType.Name}, which declares no policy. Mark it [SystemOnly] (or [AllowedRoles(...)] " +
                "if people may send it too).");
        }

        var send = SendMethod.MakeGenericMethod(resultType)
            .CreateDelegate<Func<IMediator, object, CancellationToken, Task>>();
        Definitions.Add(new CommandJobDefinition(name, commandType, schedule, firing => create(firing), send, configureTrigger));
        return this;
    }

    private static async Task SendAsync<TResult>(IMediator mediator, object command, CancellationToken cancellationToken) =>
        await mediator.Send((IRequest<TResult>)command, cancellationToken);

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

/// <summary>One declared job: the command it sends and its trigger.</summary>
internal sealed record CommandJobDefinition(
    string Name,
    Type CommandType,
    string Schedule,
    Func<JobFiring, object> Create,
    Func<IMediator, object, CancellationToken, Task> Send,
    Action<ITriggerConfigurator<SendCommandJob>> ConfigureSchedule)
{
    /// <summary>The Quartz group of every declared job and trigger.</summary>
    public const string Group = "commands";

    public JobKey JobKey => new(Name, Group);

    public TriggerKey TriggerKey => new(Name, Group);

    /// <summary>Stored as the trigger's description, and compared at start to tell whether the declaration changed.</summary>
    public string TriggerDescription => $"Sends {CommandType.Name}, {Schedule}";

    /// <summary>Everything about the trigger: its key, its job, its description and its schedule.</summary>
    public void ConfigureTrigger(ITriggerConfigurator<SendCommandJob> trigger)
    {
        trigger.WithIdentity(TriggerKey).ForJob(JobKey).WithDescription(TriggerDescription);
        ConfigureSchedule(trigger);
    }
}
