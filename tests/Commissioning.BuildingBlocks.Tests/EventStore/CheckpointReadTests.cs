using Commissioning.BuildingBlocks.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.BuildingBlocks.Tests.EventStore;

/// <summary>Regression: reading a runner's checkpoint stepped past the checkpoint row, so no async batch could run.</summary>
public sealed class CheckpointReadTests
{
    private TestStore _test = null!;

    [SetUp]
    public async Task SetUp() => _test = await TestStore.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    [Test]
    public async Task A_new_runner_reads_its_checkpoint_at_the_start_and_catch_up_projects_every_event()
    {
        var session = _test.Store.OpenSession(EventMetadata.System());
        session.Append("counter-1", "counter", ExpectedVersion.NoStream, [new CounterOpened("beds"), new CounterIncremented(2), new CounterIncremented(3)]);
        await session.SaveChangesAsync();
        var runner = _test.Services.GetRequiredService<EventStoreCatalog>().CreateRunners().Single();

        var before = await runner.ReadCheckpointAsync(CancellationToken.None);
        await _test.Services.GetRequiredService<ProjectionCatchUp>().CatchUpAsync(TimeSpan.FromSeconds(30));
        var after = await runner.ReadCheckpointAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(before, Is.EqualTo(LogPosition.Start));
            Assert.That(after.Sequence, Is.EqualTo(await _test.Store.HighestSequenceAsync()));
            Assert.That(await _test.ScalarAsync("SELECT total FROM test.async_totals WHERE stream_id = 'counter-1'"), Is.EqualTo(5));
        });
    }
}
