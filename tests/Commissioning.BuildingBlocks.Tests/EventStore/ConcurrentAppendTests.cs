using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.BuildingBlocks.Tests.EventStore;

public sealed class ConcurrentAppendTests
{
    private const int Writers = 20;
    private TestStore _test = null!;

    [SetUp]
    public async Task SetUp() => _test = await TestStore.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    [TestCase(0, TestName = "Twenty_writers_racing_to_create_one_stream_leave_exactly_one_winner_and_only_its_events")]
    [TestCase(3, TestName = "Twenty_writers_racing_at_the_same_version_of_a_stream_leave_exactly_one_winner_and_only_its_events")]
    public async Task Racing_writers_at_one_expected_version_leave_one_winner(int startVersion)
    {
        if (startVersion > 0)
        {
            await _test.AppendAsync("contended", ExpectedVersion.NoStream,
                [new CounterOpened("start"), .. Enumerable.Range(0, startVersion - 1).Select(_ => (object)new CounterIncremented(1000))]);
        }

        // Every writer appends two events that name it, so the stream shows whose append won.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(1, Writers).Select(async writer =>
        {
            var session = _test.Store.OpenSession(EventMetadata.System());
            object first = startVersion == 0 ? new CounterOpened($"writer-{writer}") : new CounterIncremented(writer);
            session.Append("contended", "counter", startVersion, [first, new CounterIncremented(writer)]);
            await gate.Task;
            try
            {
                await session.SaveChangesAsync();
                return (Writer: writer, Error: (StreamVersionConflictException?)null);
            }
            catch (StreamVersionConflictException e)
            {
                return (Writer: writer, Error: e);
            }
        }).ToList();
        gate.SetResult();
        var outcomes = await Task.WhenAll(attempts);

        var winners = outcomes.Where(o => o.Error is null).Select(o => o.Writer).ToList();
        var stream = await _test.Store.ReadStreamAsync("contended");
        Assert.That(winners, Has.Count.EqualTo(1), "exactly one append succeeds");
        var winner = winners[0];
        object[] winnersEvents = startVersion == 0
            ? [new CounterOpened($"writer-{winner}"), new CounterIncremented(winner)]
            : [new CounterIncremented(winner), new CounterIncremented(winner)];
        Assert.Multiple(async () =>
        {
            Assert.That(outcomes.Count(o => o.Error is not null), Is.EqualTo(Writers - 1), "every other writer gets a conflict");
            Assert.That(outcomes.Where(o => o.Error is not null).Select(o => o.Error!.ExpectedVersion), Has.All.EqualTo(startVersion));
            Assert.That(outcomes.Where(o => o.Error is not null).Select(o => o.Error!.ActualVersion), Has.All.EqualTo(startVersion + 2));
            Assert.That(stream.Skip(startVersion).Select(e => e.Data), Is.EqualTo(winnersEvents), "the stream holds the winner's events only");
            Assert.That(stream.Select(e => e.Version), Is.EqualTo(Enumerable.Range(1, startVersion + 2).Select(v => (long)v)));
            Assert.That(await _test.Store.CurrentVersionAsync("contended"), Is.EqualTo(startVersion + 2));
            Assert.That(await _test.ScalarAsync("SELECT count(*) FROM test.events"), Is.EqualTo(startVersion + 2), "losers wrote no events");
            Assert.That(await _test.ScalarAsync("SELECT count(*) FROM test.inline_seen"), Is.EqualTo(startVersion + 2), "losers wrote no inline projection rows");
        });
    }
}
