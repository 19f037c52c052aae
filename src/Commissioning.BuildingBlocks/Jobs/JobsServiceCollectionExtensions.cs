using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;
using Quartz.Impl;

namespace Commissioning.BuildingBlocks.Jobs;

/// <summary>
/// Quartz wiring. It lives here only: modules declare jobs through <see cref="JobsBuilder"/> and never see Quartz.
/// </summary>
public static class JobsServiceCollectionExtensions
{
    /// <summary>The PostgreSQL schema that holds Quartz's tables.</summary>
    public const string Schema = "quartz";

    /// <summary>The scheduler's name. Every node of one deployment must share it: it keys the rows they share.</summary>
    public const string SchedulerName = "commissioning";

    /// <summary>
    /// Registers the scheduler (once, in the host): Quartz on the PostgreSQL store at <paramref name="connectionString"/>,
    /// clustered with every other host on the same database, its tables created by Quartz itself in the
    /// <c>quartz</c> schema, started and stopped with the host. Needs <c>AddMessaging</c>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">The database; the account needs to create tables the first time.</param>
    /// <param name="configure">Declares jobs, as <see cref="AddJobs(IServiceCollection, Action{JobsBuilder})"/> does.</param>
    public static IServiceCollection AddJobs(this IServiceCollection services, string connectionString, Action<JobsBuilder>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (services.Any(d => d.ServiceType == typeof(JobsRegistered)))
        {
            throw new InvalidOperationException(
                "The job scheduler is already registered. Call AddJobs(connectionString, …) once, in the host; " +
                "modules declare their jobs with AddJobs(jobs => …).");
        }

        services.AddSingleton<JobsRegistered>();
        services.AddSingleton(new JobStoreSettings(connectionString));
        services.TryAddSingleton<CommandJobCatalog>();
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                // Each declared trigger states its own; this covers any trigger made some other way.
                scheduler.DefaultMisfireHandling = DefaultMisfireHandling.FireAndProceed;
            });

            // Scheduling runs on the wall clock: a TimeProvider the application registers (a test's frozen clock, a
            // demo's shifted one) is for the commands to read, and must not stop triggers firing.
            quartz.UseTimeProvider(TimeProvider.System);

            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.ConfigureStore(options =>
                {
                    options.TablePrefix = Schema + ".qrtz_";
                    // Jobs carry no data (a job only sends a command), and strings keep the rows readable if one ever does.
                    options.StoreJobDataAsStrings = true;
                });
                // Creates missing tables at start, never alters or drops; safe when several nodes start at once.
                // The schema itself is JobsHostedService's to create: Quartz creates only tables.
                store.ProvisionSchema();
                // Database row locks, and an instance id generated per node (host name and time, Quartz's "AUTO").
                store.UseClustering(_ => { });
                // JSON is Quartz 4's default; stated so that it cannot silently change.
                store.UseSerializer<SystemTextJsonObjectSerializer>();
            });

            // Our jobs are stored by JobsHostedService, not declared to Quartz: Quartz replaces a declared job on every
            // start, reading and writing in two steps, and when two nodes start together the loser of the insert
            // "reschedules instead", which re-fires the occurrence the winner has just fired. See CommandJobCatalog.
            quartz.AddJobType<SendCommandJob>();
        });
        services.AddQuartzHostedService<JobsHostedService>(options => options.WaitForJobsToComplete = true);

        if (configure is not null)
        {
            services.AddJobs(configure);
        }

        return services;
    }

    /// <summary>
    /// Declares jobs (from a module's registration, before or after the host's
    /// <see cref="AddJobs(IServiceCollection, string, Action{JobsBuilder})"/>). When a host starts, a declared job
    /// that is not stored yet is added, one whose schedule changed is rescheduled, and a stored job no longer
    /// declared is deleted.
    /// </summary>
    /// <example><code>
    /// services.AddJobs(jobs => jobs
    ///     .Recurring&lt;LapseUnconfirmedVacancies&gt;("contracts.vacancy-lapse", "0 0 2 * * ?")
    ///     .Every&lt;AdvanceReferralClocks&gt;("brokerage.referral-clocks", TimeSpan.FromMinutes(5)));
    /// </code></example>
    public static IServiceCollection AddJobs(this IServiceCollection services, Action<JobsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new JobsBuilder();
        configure(builder);

        var declared = services
            .Where(d => d.ServiceType == typeof(CommandJobDefinition) && d.ImplementationInstance is not null)
            .Select(d => ((CommandJobDefinition)d.ImplementationInstance!).Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var definition in builder.Definitions)
        {
            if (!declared.Add(definition.Name))
            {
                throw new InvalidOperationException($"A job named '{definition.Name}' is already declared; give each job its own name.");
            }

            services.AddSingleton(definition);
        }

        services.TryAddSingleton<CommandJobCatalog>();
        return services;
    }

    /// <summary>Marks that the scheduler is registered, so a second registration fails loudly.</summary>
    private sealed class JobsRegistered;
}
