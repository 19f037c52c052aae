using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commissioning.BuildingBlocks.EventStore;

/// <summary>Settings of the async projection daemon.</summary>
public sealed class AsyncDaemonOptions
{
    /// <summary>Whether this host takes part in the leader election at all (a CLI verb does not).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a follower tries to take over, and a leader checks it still leads.</summary>
    public TimeSpan LeadershipCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the leader waits when every runner is caught up.</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a failing runner is left alone before it is retried.</summary>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Runs every async projection and subscription of every module store, on the one host instance that holds the
/// leader lock. Followers wait and take over when the leader goes.
/// </summary>
public sealed class AsyncDaemon(
    EventStoreCatalog catalog,
    NpgsqlDataSource dataSource,
    IOptions<AsyncDaemonOptions> options,
    TimeProvider clock,
    ILogger<AsyncDaemon> logger) : BackgroundService
{
    /// <summary>The advisory lock key of the daemon's leadership ("CommDaem").</summary>
    public const long LeaderLockKey = 0x436f6d6d_4461656d;

    private readonly IReadOnlyList<LogRunner> _runners = catalog.CreateRunners();
    private readonly Dictionary<string, DateTimeOffset> _backoffUntil = [];
    private volatile bool _isLeader;

    /// <summary>True while this instance leads the async projections.</summary>
    public bool IsLeader => _isLeader;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || _runners.Count == 0)
        {
            return;
        }

        await using var election = new LeaderElection(dataSource, LeaderLockKey);
        var lastCheck = TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_isLeader || watch.Elapsed - lastCheck >= options.Value.LeadershipCheckInterval)
                {
                    lastCheck = watch.Elapsed;
                    var leads = await election.TryLeadAsync(stoppingToken);
                    if (leads != _isLeader)
                    {
                        logger.LogInformation("Leadership of the async projections changed: this instance leads = {Leads}", leads);
                    }

                    _isLeader = leads;
                }

                if (!_isLeader)
                {
                    await Task.Delay(options.Value.LeadershipCheckInterval, clock, stoppingToken);
                    continue;
                }

                var processed = await RunAllOnceAsync(stoppingToken);
                if (processed == 0)
                {
                    await Task.Delay(options.Value.IdlePollInterval, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The async daemon hit an error; it steps down and retries");
                _isLeader = false;
                await election.ResignAsync();
                await Task.Delay(options.Value.LeadershipCheckInterval, clock, CancellationToken.None);
            }
        }

        _isLeader = false;
    }

    /// <summary>One batch for every runner that is not backing off; returns how many events were handled.</summary>
    private async Task<int> RunAllOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var runner in _runners)
        {
            var key = runner.Store.Schema + "/" + runner.Name;
            if (_backoffUntil.TryGetValue(key, out var until) && clock.GetUtcNow() < until)
            {
                continue;
            }

            try
            {
                total += await runner.RunBatchAsync(cancellationToken);
                _backoffUntil.Remove(key);
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not NpgsqlException)
            {
                // One failing projection or subscription must not hold the others back; it is retried later.
                logger.LogError(e, "{Runner} in {Schema} failed; retrying in {Backoff}", runner.Name, runner.Store.Schema, options.Value.FailureBackoff);
                _backoffUntil[key] = clock.GetUtcNow() + options.Value.FailureBackoff;
            }
        }

        return total;
    }
}

/// <summary>
/// Brings every async projection and subscription up to the events committed when it is called, by running the
/// runners itself. Tests use it instead of sleeping; it is safe beside a running daemon because checkpoints only
/// move from where their reader found them.
/// </summary>
public sealed class ProjectionCatchUp(EventStoreCatalog catalog)
{
    private readonly IReadOnlyList<LogRunner> _runners = catalog.CreateRunners();

    /// <summary>Runs until caught up, or throws <see cref="TimeoutException"/>.</summary>
    public async Task CatchUpAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var targets = new Dictionary<EventStore, long>();
        foreach (var store in catalog.Stores)
        {
            targets[store] = await store.HighestSequenceAsync(cancellationToken);
        }

        try
        {
            foreach (var runner in _runners)
            {
                while (!await runner.HasReachedAsync(targets[runner.Store], deadline.Token))
                {
                    if (await runner.RunBatchAsync(deadline.Token) == 0)
                    {
                        await Task.Delay(20, deadline.Token); // an older transaction is still open, or another reader moved first
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Async projections did not catch up within {timeout}.");
        }
    }
}
