using Commissioning.BuildingBlocks.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.BuildingBlocks.Tests.EventStore;

public sealed class LeaderFailoverTests
{
    private const string LeaderBackend = """
        SELECT l.pid FROM pg_locks AS l JOIN pg_stat_activity AS a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'commissioning-leader' AND a.datname = current_database()
        """;

    private TestStore _test = null!;

    [SetUp]
    public async Task SetUp() => _test = await TestStore.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    [Test]
    public async Task When_the_leading_host_dies_the_other_takes_over_and_projects_and_the_two_never_lead_at_once()
    {
        var (hostA, hostB) = (NewHost(), NewHost());
        var (a, b) = (await _test.StartDaemonAsync(hostA), await _test.StartDaemonAsync(hostB));
        await using var sampler = LeadershipSampler.Start(a, b);

        await Eventually.UntilAsync(() => a.IsLeader || b.IsLeader, "one of the hosts leads");
        var (leader, follower, leaderHost) = a.IsLeader ? (a, b, hostA) : (b, a, hostB);
        await AppendAndWaitUntilProjectedAsync("before", 1);
        Assert.That(follower.IsLeader, Is.False, "the other host follows");
        Assert.That(await _test.ScalarAsync($"SELECT count(*) FROM ({LeaderBackend}) AS leaders"), Is.EqualTo(1), "one lock holder");

        // The leader's process dies: the server drops its lock connection, and the host is gone.
        var sampledBeforeKill = sampler.Count;
        var leaderPid = await _test.ScalarAsync(LeaderBackend);
        Assert.That(await _test.ScalarAsync($"SELECT pg_terminate_backend({leaderPid})::int"), Is.EqualTo(1));
        await leader.StopAsync(CancellationToken.None);
        await leaderHost.DisposeAsync();

        await Eventually.UntilAsync(() => follower.IsLeader, "the other host takes over");
        await AppendAndWaitUntilProjectedAsync("after", 2);
        var samples = await sampler.StopAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await _test.ScalarAsync(LeaderBackend), Is.Not.EqualTo(leaderPid), "the new leader holds the lock on its own connection");
            Assert.That(samples.Overlaps, Is.Zero, "both hosts led at the same moment");
            Assert.That(sampledBeforeKill, Is.Positive, "leadership was sampled before the kill");
            Assert.That(samples.Count, Is.GreaterThan(sampledBeforeKill), "and after it, across the hand-over");
            Assert.That(await _test.RowsAsync("test.async_totals"), Is.EqualTo(await _test.RowsAsync("test.inline_totals")));
            Assert.That(follower == a ? hostA.GetRequiredService<LogCollector>().Problems : hostB.GetRequiredService<LogCollector>().Problems, Is.Empty,
                "the new leader ran without errors");
        });
    }

    [Test]
    public async Task A_leader_cut_off_from_the_database_steps_down_before_another_host_leads()
    {
        var (a, b) = (await _test.StartDaemonAsync(NewHost()), await _test.StartDaemonAsync(NewHost()));
        await using var sampler = LeadershipSampler.Start(a, b);
        await Eventually.UntilAsync(() => a.IsLeader || b.IsLeader, "one of the hosts leads");
        await AppendAndWaitUntilProjectedAsync("before", 1);

        // Only the lock connection dies; the host goes on running, as it would behind a broken network link. Either
        // host may lead next (the old one may win the lock back), but never both at once.
        var sampledBeforeKill = sampler.Count;
        var leaderPid = await _test.ScalarAsync(LeaderBackend);
        Assert.That(await _test.ScalarAsync($"SELECT pg_terminate_backend({leaderPid})::int"), Is.EqualTo(1));
        await Eventually.UntilAsync(
            async () => await _test.ScalarAsync($"SELECT count(*) FROM ({LeaderBackend}) AS l WHERE pid <> {leaderPid}") == 1 && (a.IsLeader || b.IsLeader),
            "a host leads again on a new connection");
        await AppendAndWaitUntilProjectedAsync("after", 2);
        var samples = await sampler.StopAsync();

        Assert.Multiple(() =>
        {
            Assert.That(samples.Overlaps, Is.Zero, "both hosts led at the same moment");
            Assert.That(sampledBeforeKill, Is.Positive, "leadership was sampled before the kill");
            Assert.That(samples.Count, Is.GreaterThan(sampledBeforeKill), "and after it, across the hand-over");
        });
    }

    private ServiceProvider NewHost() => _test.NewHost();

    private async Task AppendAndWaitUntilProjectedAsync(string streamId, int increments)
    {
        await _test.AppendAsync(streamId, ExpectedVersion.NoStream,
            [new CounterOpened(streamId), .. Enumerable.Range(1, increments).Select(i => (object)new CounterIncremented(i))]);
        await Eventually.UntilAsync(
            async () => await _test.ScalarAsync($"SELECT count(*) FROM test.async_seen WHERE stream_id = '{streamId}'") == increments + 1,
            $"the leading daemon has projected '{streamId}'");
    }

    /// <summary>
    /// Reads both hosts' <see cref="AsyncDaemon.IsLeader"/> about every millisecond, in the order A, B, A, B: an
    /// overlap counts only when one host read as leader on both sides of a read of the other, so a hand-over
    /// between two reads is never mistaken for two leaders.
    /// </summary>
    private sealed class LeadershipSampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task<(int Count, int Overlaps)> _sampling = null!;
        private int _count;

        /// <summary>Samples taken so far.</summary>
        public int Count => Volatile.Read(ref _count);

        public static LeadershipSampler Start(AsyncDaemon a, AsyncDaemon b)
        {
            var sampler = new LeadershipSampler();
            sampler._sampling = Task.Run(async () =>
            {
                var overlaps = 0;
                while (!sampler._stop.IsCancellationRequested)
                {
                    var (a1, b1, a2, b2) = (a.IsLeader, b.IsLeader, a.IsLeader, b.IsLeader);
                    if ((a1 && b1 && a2) || (b1 && a2 && b2))
                    {
                        overlaps++;
                    }

                    Interlocked.Increment(ref sampler._count);
                    await Task.Delay(1, CancellationToken.None);
                }

                return (sampler.Count, overlaps);
            }, CancellationToken.None);
            return sampler;
        }

        public async Task<(int Count, int Overlaps)> StopAsync()
        {
            await _stop.CancelAsync();
            return await _sampling;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested)
            {
                await StopAsync();
            }

            _stop.Dispose();
        }
    }
}
