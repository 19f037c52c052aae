using Commissioning.BuildingBlocks.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.BuildingBlocks.Tests.EventStore;

public sealed class RebuildTests
{
    private static readonly string[] ReadModelTables = ["test.inline_totals", "test.inline_seen", "test.async_totals", "test.async_seen"];
    private TestStore _test = null!;

    [SetUp]
    public async Task SetUp() => _test = await TestStore.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    [Test]
    public async Task Rebuilding_both_projections_from_zero_gives_the_read_models_the_live_projections_built()
    {
        var writers = Enumerable.Range(0, 6).Select(w => new CounterWriter(_test, w)).ToList();
        await Task.WhenAll(writers.Select(w => w.WriteAsync(500))); // 3000 events: the replay takes several batches
        await _test.CatchUpAsync();
        var live = await SnapshotAsync();
        var liveCheckpoint = await _test.CheckpointAsync("projection:async");

        var progress = new List<RebuildProgress>();
        var reporter = new SynchronousProgress(progress.Add);
        await ProjectionRebuilder.RebuildAsync(_test.Store, _test.Store.AsyncProjections.Single(), reporter);
        await ProjectionRebuilder.RebuildAsync(_test.Store, _test.Store.InlineProjections.Single(), reporter);
        var rebuilt = await SnapshotAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(live["test.async_seen"], Has.Count.EqualTo(3000));
            Assert.That(live["test.async_totals"], Is.EqualTo(CounterWriter.ExpectedTotalsRows(writers)));
            Assert.That(live["test.inline_totals"], Is.EqualTo(live["test.async_totals"]));
            foreach (var table in ReadModelTables)
            {
                Assert.That(rebuilt[table], Is.EqualTo(live[table]), $"{table} after the rebuild");
            }

            Assert.That(await _test.CheckpointAsync("projection:async"), Is.EqualTo(liveCheckpoint), "the rebuild ends where the live projection stood");
            Assert.That(progress.Where(p => p.Projection == "async").Select(p => p.Processed), Is.Ordered.And.Contains(3000L));
            Assert.That(progress[^1], Has.Property(nameof(RebuildProgress.Processed)).EqualTo(3000L).And.Property(nameof(RebuildProgress.Total)).EqualTo(3000L));
        });

        // And the rebuilt async projection carries on from where the rebuild stopped.
        await _test.AppendAsync("after-rebuild", ExpectedVersion.NoStream, new CounterOpened("after-rebuild"), new CounterIncremented(7));
        await _test.CatchUpAsync();
        Assert.That(await _test.RowsAsync("test.async_totals"), Is.EqualTo(await _test.RowsAsync("test.inline_totals")));
        Assert.That(await _test.ScalarAsync("SELECT count(*) FROM test.async_seen"), Is.EqualTo(3002));
    }

    [Test]
    public async Task Rebuilding_while_the_daemon_runs_and_writers_append_ends_with_the_same_read_models_as_the_live_projections()
    {
        var daemon = await _test.StartDaemonAsync();
        await Eventually.UntilAsync(() => daemon.IsLeader, "the daemon leads");
        var writers = Enumerable.Range(0, 4).Select(w => new CounterWriter(_test, w)).ToList();
        using var stop = new CancellationTokenSource();
        var writing = writers.Select(w => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await w.AppendBatchAsync();
            }
        }, CancellationToken.None)).ToList();
        await Eventually.UntilAsync(async () => await _test.ScalarAsync("SELECT count(*) FROM test.async_seen") >= 1500,
            "the daemon has projected a good part of the history");

        // In the middle of the async rebuild, writers commit more events and the daemon tries to go on projecting.
        var appendedDuringRebuild = 0L;
        var duringRebuild = new SynchronousProgress(p =>
        {
            if (appendedDuringRebuild == 0)
            {
                var before = _test.ScalarAsync("SELECT count(*) FROM test.events").GetAwaiter().GetResult();
                Eventually.UntilAsync(async () => await _test.ScalarAsync("SELECT count(*) FROM test.events") >= before + 100,
                    "writers append during the rebuild").GetAwaiter().GetResult();
                appendedDuringRebuild = _test.ScalarAsync("SELECT count(*) FROM test.events").GetAwaiter().GetResult() - before;
            }
        });
        await ProjectionRebuilder.RebuildAsync(_test.Store, _test.Store.AsyncProjections.Single(), duringRebuild);
        await ProjectionRebuilder.RebuildAsync(_test.Store, _test.Store.InlineProjections.Single());
        var afterRebuilds = await _test.ScalarAsync("SELECT count(*) FROM test.events");
        await Eventually.UntilAsync(async () => await _test.ScalarAsync("SELECT count(*) FROM test.events") >= afterRebuilds + 200,
            "writers go on appending after the rebuilds");
        await stop.CancelAsync();
        await Task.WhenAll(writing);
        await _test.CatchUpAsync();

        var events = await _test.ScalarAsync("SELECT count(*) FROM test.events");
        var live = await SnapshotAsync();
        Assert.Multiple(() =>
        {
            Assert.That(appendedDuringRebuild, Is.GreaterThanOrEqualTo(100));
            Assert.That(events, Is.EqualTo(writers.Sum(w => w.EventsWritten)));
            Assert.That(live["test.inline_seen"], Has.Count.EqualTo(events));
            Assert.That(live["test.async_seen"], Is.EqualTo(live["test.inline_seen"]), "every event projected once by the async projection");
            Assert.That(live["test.inline_totals"], Is.EqualTo(CounterWriter.ExpectedTotalsRows(writers)));
            Assert.That(live["test.async_totals"], Is.EqualTo(live["test.inline_totals"]));
            Assert.That(_test.Services.GetRequiredService<LogCollector>().Problems, Is.Empty, "the daemon ran without errors");
        });

        // A rebuild of the settled history, with the daemon still running, changes nothing.
        await ProjectionRebuilder.RebuildAsync(_test.Store, _test.Store.AsyncProjections.Single());
        await ProjectionRebuilder.RebuildAsync(_test.Store, _test.Store.InlineProjections.Single());
        await _test.CatchUpAsync();
        var rebuilt = await SnapshotAsync();
        Assert.Multiple(() =>
        {
            foreach (var table in ReadModelTables)
            {
                Assert.That(rebuilt[table], Is.EqualTo(live[table]), $"{table} after the second rebuild");
            }
        });
    }

    [TestCase("async")]
    [TestCase("inline")]
    public async Task Readers_keep_seeing_the_old_read_model_while_a_rebuild_runs(string projectionName)
    {
        var writer = new CounterWriter(_test, 1);
        await writer.WriteAsync(200);
        await _test.CatchUpAsync();
        var before = await _test.RowsAsync($"test.{projectionName}_totals");
        var projection = _test.Store.InlineProjections.Concat(_test.Store.AsyncProjections).Single(p => p.Name == projectionName);

        // Read from another connection while the rebuild's transaction is open (the first progress report comes
        // from inside it), with a lock timeout instead of waiting for the rebuild forever.
        Exception? readError = null;
        IReadOnlyList<string>? seenDuringRebuild = null;
        var reader = new SynchronousProgress(_ =>
        {
            if (seenDuringRebuild is not null || readError is not null)
            {
                return;
            }

            try
            {
                seenDuringRebuild = ReadWithLockTimeout($"SELECT t::text FROM test.{projectionName}_totals AS t ORDER BY 1");
            }
            catch (PostgresException e)
            {
                readError = e;
            }
        });
        await ProjectionRebuilder.RebuildAsync(_test.Store, projection, reader);

        Assert.Multiple(async () =>
        {
            Assert.That(readError, Is.Null, "a reader was blocked by the rebuild");
            Assert.That(seenDuringRebuild, Is.EqualTo(before), "a reader during the rebuild sees the old read model");
            Assert.That(await _test.RowsAsync($"test.{projectionName}_totals"), Is.EqualTo(before));
        });
    }

    private List<string> ReadWithLockTimeout(string sql)
    {
        using var connection = _test.Database.DataSource.OpenConnection();
        using (var timeout = new NpgsqlCommand("SET lock_timeout = '2s'", connection))
        {
            timeout.ExecuteNonQuery();
        }

        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private async Task<Dictionary<string, IReadOnlyList<string>>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var table in ReadModelTables)
        {
            snapshot[table] = await _test.RowsAsync(table);
        }

        return snapshot;
    }

    /// <summary>Reports on the caller's thread, inside the rebuild (Progress&lt;T&gt; would post them elsewhere, later).</summary>
    private sealed class SynchronousProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
