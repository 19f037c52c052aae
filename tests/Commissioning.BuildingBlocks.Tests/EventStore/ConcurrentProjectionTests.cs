using Commissioning.BuildingBlocks.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.BuildingBlocks.Tests.EventStore;

public sealed class ConcurrentProjectionTests
{
    private TestStore _test = null!;

    [SetUp]
    public async Task SetUp() => _test = await TestStore.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    [Test]
    public async Task Eight_concurrent_writers_are_projected_exactly_once_by_an_async_projection_running_beside_them()
    {
        const int eventsPerWriter = 400;
        var daemon = await _test.StartDaemonAsync();
        await Eventually.UntilAsync(() => daemon.IsLeader, "the only daemon leads");

        // A second reader of the same projection competes with the daemon the whole time: checkpoints only move from
        // where their reader found them, so neither may ever apply a batch the other applied.
        var runner = _test.Runner("projection:async");
        using var writing = new CancellationTokenSource();
        var competitor = Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                if (await runner.RunBatchAsync(CancellationToken.None) == 0)
                {
                    await Task.Delay(5, CancellationToken.None);
                }
            }
        }, CancellationToken.None);

        var writers = Enumerable.Range(0, 8).Select(w => new CounterWriter(_test, w)).ToList();
        await Task.WhenAll(writers.Select(writer => Task.Run(async () =>
        {
            await writer.WriteAsync(eventsPerWriter / 2);
            // Halfway, each writer waits to see some of its own events projected, so projecting and writing overlap.
            await Eventually.UntilAsync(
                async () => await _test.ScalarAsync($"SELECT count(*) FROM test.async_seen WHERE stream_id LIKE '{writer.StreamPrefix}%'") > 0,
                $"the async projection has seen events of {writer.StreamPrefix}*");
            await writer.WriteAsync(eventsPerWriter);
        })));
        await writing.CancelAsync();
        await competitor;
        await _test.CatchUpAsync();

        var written = writers.Sum(w => w.EventsWritten);
        var expectedTotals = CounterWriter.ExpectedTotalsRows(writers);
        Assert.Multiple(async () =>
        {
            Assert.That(written, Is.EqualTo(8 * eventsPerWriter));
            Assert.That(await _test.ScalarAsync("SELECT count(*) FROM test.events"), Is.EqualTo(written));
            Assert.That(await _test.ScalarAsync("SELECT count(*) FROM test.async_seen"), Is.EqualTo(written), "every event projected once");
            Assert.That(await _test.RowsAsync("test.async_seen"), Is.EqualTo(await _test.RowsAsync("test.inline_seen")));
            Assert.That(await _test.RowsAsync("test.inline_totals"), Is.EqualTo(expectedTotals), "inline totals per stream");
            Assert.That(await _test.RowsAsync("test.async_totals"), Is.EqualTo(expectedTotals), "async totals per stream");
            Assert.That(_test.Services.GetRequiredService<LogCollector>().Problems, Is.Empty, "the daemon ran without errors");
        });
    }

    [Test]
    public async Task An_event_whose_transaction_commits_after_later_sequence_numbers_were_projected_is_still_projected()
    {
        await _test.AppendAsync("before", ExpectedVersion.NoStream, new CounterOpened("before"));
        var runner = _test.Runner("projection:async");
        await RunUntilIdleAsync(runner);

        // "early" takes its transaction id first; "held" then takes a lower sequence number in a later transaction
        // and stays open; "early" appends (sequence after held's) and commits. So the log holds a committed event
        // whose sequence number is above an event that has not committed yet.
        await using var early = await _test.Database.DataSource.OpenConnectionAsync();
        await using var earlyTransaction = await early.BeginTransactionAsync();
        var earlyXid = await ScalarAsync<string>(early, "SELECT pg_current_xact_id()::text");
        await using var held = await _test.Database.DataSource.OpenConnectionAsync();
        await using var heldTransaction = await held.BeginTransactionAsync();
        var (heldSeq, heldXid) = await AppendDirectlyAsync(held, "held");
        var (earlySeq, _) = await AppendDirectlyAsync(early, "early");
        await earlyTransaction.CommitAsync();

        // Ordinary writers commit meanwhile, in transactions newer than the held one.
        for (var i = 0; i < 5; i++)
        {
            await _test.AppendAsync($"later-{i}", ExpectedVersion.NoStream, new CounterOpened($"later-{i}"), new CounterIncremented(i));
        }

        await RunUntilIdleAsync(runner);
        var checkpointWhileHeld = await _test.CheckpointAsync(runner.Name);
        var seenWhileHeld = await _test.RowsAsync("test.async_seen");
        var sequenceReaderCheckpoint = await _test.Store.HighestSequenceAsync(); // where a reader by sequence alone would now stand

        await heldTransaction.CommitAsync();
        var heldEventsOnceCommitted = await _test.ScalarAsync("SELECT count(*) FROM test.events WHERE stream_id = 'held'");
        var heldEventsAfterSequenceCheckpoint = await _test.ScalarAsync(
            $"SELECT count(*) FROM test.events WHERE stream_id = 'held' AND seq > {sequenceReaderCheckpoint}");
        await _test.CatchUpAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(earlySeq, Is.GreaterThan(heldSeq), "the committed event has the higher sequence number");
            Assert.That(ulong.Parse(earlyXid, System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(heldXid));
            Assert.That(seenWhileHeld, Is.EqualTo(new[] { "(before,1)", "(early,1)" }),
                "while held is open the projection ran past its sequence number, and no further than the oldest open transaction");
            Assert.That(checkpointWhileHeld.Sequence, Is.EqualTo(earlySeq));
            Assert.That(heldEventsOnceCommitted, Is.EqualTo(1));
            Assert.That(heldEventsAfterSequenceCheckpoint, Is.Zero, "a reader ordered by sequence alone would never read the held event");
            Assert.That(await _test.RowsAsync("test.async_seen"), Does.Contain("(held,1)"), "the late commit was projected");
            Assert.That(await _test.ScalarAsync("SELECT count(*) FROM test.async_seen"), Is.EqualTo(await _test.ScalarAsync("SELECT count(*) FROM test.events")));
            Assert.That(await _test.RowsAsync("test.async_totals"), Has.Member("(held,held,0)").And.Member("(later-4,later-4,4)"));
        });
    }

    private static async Task RunUntilIdleAsync(LogRunner runner)
    {
        for (var round = 0; round < 100; round++)
        {
            if (await runner.RunBatchAsync(CancellationToken.None) == 0)
            {
                return;
            }
        }

        Assert.Fail("The runner never ran out of events.");
    }

    private static async Task<(long Seq, ulong Xid)> AppendDirectlyAsync(NpgsqlConnection connection, string streamId)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT out_seq, out_tx FROM test.append_events($1, 'counter', 0, NULL, ARRAY['test.counter-opened.v1'],
                ARRAY[jsonb_build_object('name', $1::text)], 'system', NULL, NULL, NULL, now())
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetFieldValue<ulong>(1));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
