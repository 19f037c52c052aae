using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.BuildingBlocks.Tests.EventStore;

public sealed class AppendAndLoadTests
{
    private TestStore _test = null!;

    [SetUp]
    public async Task SetUp() => _test = await TestStore.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    [Test]
    public async Task An_appended_stream_loads_back_by_replay_with_its_version()
    {
        var session = _test.Store.OpenSession(new EventMetadata("u1", "E09000016", "corr-1", null));
        session.Append("counter-1", "counter", ExpectedVersion.NoStream, [new CounterOpened("beds"), new CounterIncremented(2), new CounterIncremented(3)]);
        var result = await session.SaveChangesAsync();

        var (state, version) = await _test.Store.LoadAsync<CounterState>("counter-1");

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(SaveOutcome.Saved));
            Assert.That(result.Events.Select(e => e.Version), Is.EqualTo(new long[] { 1, 2, 3 }));
            Assert.That(result.Events.Select(e => e.Sequence), Is.All.GreaterThan(0));
            Assert.That(state, Is.EqualTo(new CounterState("beds", 5)));
            Assert.That(version, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Events_are_stored_with_alias_metadata_and_the_inline_projection_in_the_same_transaction()
    {
        var session = _test.Store.OpenSession(new EventMetadata("u1", "E09000016", "corr-1", "cause-1"));
        session.Append("counter-1", "counter", ExpectedVersion.NoStream, [new CounterOpened("beds"), new CounterIncremented(4)], scope: "E09000016");
        await session.SaveChangesAsync();

        var events = await _test.Store.ReadStreamAsync("counter-1");
        Assert.Multiple(async () =>
        {
            Assert.That(events.Select(e => e.EventType), Is.EqualTo(new[] { "test.counter-opened.v1", "test.counter-incremented.v1" }));
            Assert.That(events[0].Metadata, Is.EqualTo(new EventMetadata("u1", "E09000016", "corr-1", "cause-1")));
            Assert.That(events[0].Scope, Is.EqualTo("E09000016"));
            Assert.That(await _test.ScalarAsync("SELECT total FROM test.inline_totals WHERE stream_id = 'counter-1'"), Is.EqualTo(4));
        });
    }

    [Test]
    public async Task A_stale_expected_version_fails_with_a_typed_error_and_writes_nothing()
    {
        var first = _test.Store.OpenSession(EventMetadata.System());
        first.Append("counter-1", "counter", ExpectedVersion.NoStream, [new CounterOpened("beds")]);
        await first.SaveChangesAsync();

        var stale = _test.Store.OpenSession(EventMetadata.System());
        stale.Append("counter-1", "counter", ExpectedVersion.NoStream, [new CounterIncremented(1)]);
        var error = Assert.ThrowsAsync<StreamVersionConflictException>(() => stale.SaveChangesAsync());

        Assert.Multiple(async () =>
        {
            Assert.That(error!.ActualVersion, Is.EqualTo(1));
            Assert.That(await _test.ScalarAsync("SELECT count(*) FROM test.events"), Is.EqualTo(1));
            Assert.That(await _test.ScalarAsync("SELECT count(*) FROM test.inline_seen"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_session_over_several_streams_stores_all_of_them_with_their_projections_in_one_transaction()
    {
        var session = _test.Store.OpenSession(EventMetadata.System());
        session.Append("counter-b", "counter", ExpectedVersion.NoStream, [new CounterOpened("beds"), new CounterIncremented(2)]);
        session.Append("counter-a", "counter", ExpectedVersion.NoStream, [new CounterOpened("offers")]);
        session.Append("counter-b", "counter", ExpectedVersion.NoStream, [new CounterIncremented(3)]);
        var result = await session.SaveChangesAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(result.Events.Select(e => (e.StreamId, e.Version)),
                Is.EqualTo(new[] { ("counter-b", 1L), ("counter-b", 2L), ("counter-b", 3L), ("counter-a", 1L) }), "streams are written in the order first appended to");
            Assert.That((await _test.Store.LoadAsync<CounterState>("counter-a")).State, Is.EqualTo(new CounterState("offers", 0)));
            Assert.That((await _test.Store.LoadAsync<CounterState>("counter-b")).State, Is.EqualTo(new CounterState("beds", 5)));
            Assert.That(await _test.ScalarAsync("SELECT total FROM test.inline_totals WHERE stream_id = 'counter-b'"), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task When_one_stream_of_a_session_is_stale_nothing_of_any_stream_is_written()
    {
        var first = _test.Store.OpenSession(EventMetadata.System());
        first.Append("bed-1", "counter", ExpectedVersion.NoStream, [new CounterOpened("bed")]);
        await first.SaveChangesAsync();

        // Two offers for bed-1 both decided on version 1: the second must store neither its offer nor its hold.
        var winner = _test.Store.OpenSession(EventMetadata.System());
        winner.Append("offer-1", "counter", ExpectedVersion.NoStream, [new CounterOpened("offer")]);
        winner.Append("bed-1", "counter", 1, [new CounterIncremented(1)]);
        await winner.SaveChangesAsync();
        var loser = _test.Store.OpenSession(EventMetadata.System());
        loser.Append("offer-2", "counter", ExpectedVersion.NoStream, [new CounterOpened("offer")]);
        loser.Append("bed-1", "counter", 1, [new CounterIncremented(1)]);
        var error = Assert.ThrowsAsync<StreamVersionConflictException>(() => loser.SaveChangesAsync());

        Assert.Multiple(async () =>
        {
            Assert.That(error!.StreamId, Is.EqualTo("bed-1"));
            Assert.That(await _test.Store.CurrentVersionAsync("offer-2"), Is.Null);
            Assert.That(await _test.Store.CurrentVersionAsync("bed-1"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Events_cannot_be_updated_or_deleted()
    {
        var session = _test.Store.OpenSession(EventMetadata.System());
        session.Append("counter-1", "counter", ExpectedVersion.NoStream, [new CounterOpened("beds")]);
        await session.SaveChangesAsync();

        Assert.ThrowsAsync<Npgsql.PostgresException>(() => _test.ScalarAsync("DELETE FROM test.events"));
        Assert.ThrowsAsync<Npgsql.PostgresException>(() => _test.ScalarAsync("UPDATE test.events SET event_type = 'x'"));
    }

    [Test]
    public async Task A_message_marked_processed_twice_is_saved_once_and_the_second_save_writes_nothing()
    {
        var messageId = Guid.NewGuid();
        var first = _test.Store.OpenSession(EventMetadata.System());
        first.MarkProcessed("consumer", messageId).Append("counter-1", "counter", ExpectedVersion.Any, [new CounterOpened("beds")]);
        var second = _test.Store.OpenSession(EventMetadata.System());
        second.MarkProcessed("consumer", messageId).Append("counter-1", "counter", ExpectedVersion.Any, [new CounterIncremented(1)]);

        Assert.Multiple(async () =>
        {
            Assert.That((await first.SaveChangesAsync()).Outcome, Is.EqualTo(SaveOutcome.Saved));
            Assert.That((await second.SaveChangesAsync()).Outcome, Is.EqualTo(SaveOutcome.AlreadyProcessed));
            Assert.That(await _test.ScalarAsync("SELECT count(*) FROM test.events"), Is.EqualTo(1));
        });
    }
}
