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

    /// <summary>
    /// How often a follower tries to take over, and the length of the leader's lease: a leader confirms its lock every
    /// half interval and counts itself leader for one interval after its last confirmation; a newly elected instance
    /// holds the lock for one interval before it leads, so two instances never lead at once.
    /// </summary>
    public TimeSpan LeadershipCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the leader waits when every runner is caught up (at most a quarter of <see cref="LeadershipCheckInterval"/>).</summary>
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
    private long _confirmedAt; // Stopwatch timestamp taken just before the lock was last confirmed held

    /// <summary>
    /// True while this instance leads the async projections: it holds the leader lock and confirmed so less than one
    /// <see cref="AsyncDaemonOptions.LeadershipCheckInterval"/> ago. Never true on two instances at the same moment
    /// (so long as their clocks run at the same rate, which a lease always assumes).
    /// </summary>
    public bool IsLeader => _isLeader && LeaseHolds;

    private TimeSpan Interval => options.Value.LeadershipCheckInterval;

    private bool LeaseHolds => Stopwatch.GetElapsedTime(Interlocked.Read(ref _confirmedAt)) < Interval;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The election runs even with nothing to run yet, so leadership and fail-over behave the same in every installation.
        if (!options.Value.Enabled)
        {
            return;
        }

        await using var election = new LeaderElection(dataSource, LeaderLockKey);
        var idle = TimeSpan.FromTicks(Math.Min(options.Value.IdlePollInterval.Ticks, Interval.Ticks / 4));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_isLeader)
                {
                    if (!await election.TryLeadAsync(stoppingToken))
                    {
                        await Task.Delay(Interval, clock, stoppingToken);
                        continue;
                    }

                    // The lock can be free because the last leader's connection died while that leader runs on; it
                    // goes on counting itself leader until its lease (one interval from its last confirmation) runs
                    // out. A leader that took over at once would overlap it, so hold the lock that long first.
                    await Task.Delay(Interval, clock, stoppingToken);
                    if (!await ConfirmLeadershipAsync(election, stoppingToken))
                    {
                        continue;
                    }

                    _isLeader = true;
                    logger.LogInformation("This instance now leads the async projections");
                }
                else if (!await KeepLeadershipAsync(election, stoppingToken))
                {
                    await Task.Delay(Interval, clock, stoppingToken);
                    continue;
                }

                var processed = await RunAllOnceAsync(election, stoppingToken);
                if (processed == 0)
                {
                    await Task.Delay(idle, clock, stoppingToken);
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
                await Task.Delay(Interval, clock, CancellationToken.None);
            }
        }

        _isLeader = false;
    }

    /// <summary>Checks the lock connection still holds the lock and, if so, renews the lease from the moment the check was sent.</summary>
    private async Task<bool> ConfirmLeadershipAsync(LeaderElection election, CancellationToken cancellationToken)
    {
        var askedAt = Stopwatch.GetTimestamp();
        // Only the connection that already holds the lock may confirm: a lock taken afresh must wait out the grace.
        if (!election.IsLeader || !await election.TryLeadAsync(cancellationToken))
        {
            return false;
        }

        Interlocked.Exchange(ref _confirmedAt, askedAt);
        return true;
    }

    /// <summary>Renews the lease once half of it has gone; false (and no longer leader) when the lock was lost.</summary>
    private async Task<bool> KeepLeadershipAsync(LeaderElection election, CancellationToken cancellationToken)
    {
        if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _confirmedAt)) < Interval / 2 || await ConfirmLeadershipAsync(election, cancellationToken))
        {
            return true;
        }

        _isLeader = false;
        logger.LogWarning("This instance lost the leader lock and no longer leads the async projections");
        return false;
    }

    /// <summary>One batch for every runner that is not backing off; returns how many events were handled.</summary>
    private async Task<int> RunAllOnceAsync(LeaderElection election, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var runner in _runners)
        {
            if (!await KeepLeadershipAsync(election, cancellationToken))
            {
                break; // a leader that lost its lock may already have been replaced
            }

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
            catch (Exception e) when (IsRunnerFault(e))
            {
                // One failing projection or subscription must not hold the others back; it is retried later.
                logger.LogError(e, "{Runner} in {Schema} failed; retrying in {Backoff}", runner.Name, runner.Store.Schema, options.Value.FailureBackoff);
                _backoffUntil[key] = clock.GetUtcNow() + options.Value.FailureBackoff;
            }
        }

        return total;
    }

    /// <summary>
    /// True for a failure of the runner itself, which backs that runner off; false for a lost database, which ends
    /// the round and makes this instance step down. A statement the server refuses (a missing table, a broken
    /// constraint) is the runner's: it arrives as a PostgresException, which is also an NpgsqlException, so testing
    /// for NpgsqlException alone (as this once did) made one broken projection hold back every runner after it.
    /// </summary>
    private static bool IsRunnerFault(Exception e) => e switch
    {
        OperationCanceledException => false,
        PostgresException postgres => postgres.SqlState[..2] is not ("08" or "53" or "57" or "58"), // connection, resources, operator, system
        NpgsqlException => false,
        _ => true,
    };
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
