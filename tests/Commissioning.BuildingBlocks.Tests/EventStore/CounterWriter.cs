using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.BuildingBlocks.Tests.EventStore;

/// <summary>
/// One writer of a generated history: it owns a few counter streams, appends batches of 1 to 25 events to them
/// (seeded, so a run is repeatable) and remembers what the read models should end up holding.
/// </summary>
public sealed class CounterWriter(TestStore test, int writer, int streams = 3)
{
    private readonly Random _random = new(writer);
    private readonly Dictionary<string, long> _versions = Enumerable.Range(0, streams).ToDictionary(s => $"w{writer}-s{s}", _ => 0L);
    private readonly Dictionary<string, int> _totals = [];

    public string StreamPrefix => $"w{writer}-";

    public int EventsWritten { get; private set; }

    /// <summary>What each stream's total should be.</summary>
    public IReadOnlyDictionary<string, int> Totals => _totals;

    /// <summary>Appends one batch to one of the writer's streams; returns how many events it appended.</summary>
    public async Task<int> AppendBatchAsync(int maxEvents = 25)
    {
        var streamId = _versions.Keys.ElementAt(_random.Next(_versions.Count));
        var version = _versions[streamId];
        var size = _random.Next(1, maxEvents + 1);
        var events = new List<object>(size);
        var total = _totals.GetValueOrDefault(streamId);
        if (version == 0)
        {
            events.Add(new CounterOpened(streamId));
        }

        while (events.Count < size)
        {
            var by = _random.Next(1, 10);
            total += by;
            events.Add(new CounterIncremented(by));
        }

        var result = await test.AppendAsync(streamId, version, [.. events]);
        _versions[streamId] = result.StreamVersion;
        _totals[streamId] = total;
        EventsWritten += events.Count;
        return events.Count;
    }

    /// <summary>Appends batches until at least <paramref name="events"/> events were written.</summary>
    public async Task WriteAsync(int events)
    {
        while (EventsWritten < events)
        {
            await AppendBatchAsync(Math.Min(25, events - EventsWritten));
        }
    }

    /// <summary>The expected <c>*_totals</c> rows of all writers, as <see cref="TestStore.RowsAsync"/> renders them.</summary>
    public static IReadOnlyList<string> ExpectedTotalsRows(IEnumerable<CounterWriter> writers) =>
        [.. writers.SelectMany(w => w.Totals).Select(t => $"({t.Key},{t.Key},{t.Value})").Order(StringComparer.Ordinal)];
}
