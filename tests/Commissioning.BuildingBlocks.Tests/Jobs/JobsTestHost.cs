using System.Collections.Concurrent;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Jobs;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.TestKit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;

namespace Commissioning.BuildingBlocks.Tests.Jobs;

/// <summary>A job's command for the tests: it records who sent it and for which firing.</summary>
[SystemOnly]
public sealed record RecordFiring : ICommand<Unit>
{
    public string? JobName { get; init; }

    public DateTimeOffset? ScheduledFireTime { get; init; }

    public string? Node { get; init; }
}

/// <summary>What a handler saw of one command.</summary>
public sealed record ObservedFiring(RecordFiring Command, string? UserId, string? Role, bool IsSystem, AccessChannel Channel, string CorrelationId);

/// <summary>Every <see cref="RecordFiring"/> handled in one host.</summary>
public sealed class FiringLog
{
    private readonly ConcurrentQueue<ObservedFiring> _seen = new();

    public IReadOnlyList<ObservedFiring> Seen => [.. _seen];

    public void Add(ObservedFiring firing) => _seen.Enqueue(firing);
}

internal sealed class RecordFiringHandler(FiringLog log, RequestContext context, NpgsqlDataSource dataSource) : IRequestHandler<RecordFiring, Unit>
{
    public async Task<Unit> Handle(RecordFiring request, CancellationToken cancellationToken)
    {
        log.Add(new ObservedFiring(request, context.UserId, context.Role, context.IsSystem, context.Channel, context.CorrelationId));
        if (request.ScheduledFireTime is { } scheduled)
        {
            await using var command = dataSource.CreateCommand(
                "INSERT INTO job_runs (job_name, scheduled_fire_time, node) VALUES ($1, $2, $3)");
            command.Parameters.Add(new NpgsqlParameter { Value = request.JobName });
            command.Parameters.Add(new NpgsqlParameter { Value = scheduled });
            command.Parameters.Add(new NpgsqlParameter { Value = request.Node });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return Unit.Value;
    }
}

/// <summary>A database for job tests: empty, because Quartz creates its own tables; plus a table the handler writes to.</summary>
internal static class JobsTestDatabase
{
    public static async Task<TestDatabase> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync("jobs-tests", _ => Task.CompletedTask);
        await using var command = database.DataSource.CreateCommand(
            "CREATE TABLE job_runs (job_name text NOT NULL, scheduled_fire_time timestamptz NOT NULL, node text NOT NULL)");
        await command.ExecuteNonQueryAsync();
        return database;
    }

    public static async Task<long> ScalarAsync(this TestDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>One host of the application, as far as jobs go: messaging, this test assembly's handlers and the scheduler.</summary>
internal sealed class JobsTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private JobsTestHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public FiringLog Log => _host.Services.GetRequiredService<FiringLog>();

    public static JobsTestHost Create(string connectionString, Action<JobsBuilder> jobs, Action<IServiceCollection>? registerFirst = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        registerFirst?.Invoke(builder.Services);
        builder.Services.AddLogging();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<FiringLog>();
        builder.Services.AddMessaging(typeof(JobsTestHost).Assembly);
        builder.Services.AddJobs(connectionString, jobs);

        // An idle node looks for due triggers every 30 s by default; every second lets a test see another node take
        // over without waiting that long. Correctness does not depend on it.
        builder.Services.ConfigureAllQuartzSchedulers(quartz => quartz.ConfigureScheduler(scheduler => scheduler.IdleWaitTime = TimeSpan.FromSeconds(1)));
        return new JobsTestHost(builder.Build());
    }

    public async Task<JobsTestHost> StartAsync()
    {
        await _host.StartAsync();
        return this;
    }

    public async Task<IScheduler> SchedulerAsync() =>
        await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}

/// <summary>Waits for a condition instead of sleeping a fixed time.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string waitingFor)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Gave up after {timeout.TotalSeconds} s waiting for {waitingFor}.");
            }

            await Task.Delay(100);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string waitingFor) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, waitingFor);
}
