using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Benchmarks;

/// <summary>A referral-like opening event: a realistic size (about 250 bytes of JSON) and a mix of field types.</summary>
[EventType("bench.referral-opened.v1")]
public sealed record ReferralOpened(Guid ReferralId, string Borough, string ServiceCode, DateOnly ReceivedOn, int Priority, string Summary);

/// <summary>A follow-up event that carries a number the read model sums.</summary>
[EventType("bench.session-recorded.v1")]
public sealed record SessionRecorded(Guid SessionId, string PractitionerId, DateTimeOffset At, int Minutes, string Outcome);

/// <summary>The events every benchmark writes, so the store and the raw INSERT carry the same payloads.</summary>
public static class BenchEvents
{
    private static readonly string[] Boroughs = ["E09000001", "E09000002", "E09000003", "E09000004", "E09000005", "E09000006"];

    public static EventMetadata Metadata { get; } = new("user-0042", "E09000001", Guid.NewGuid().ToString(), null);

    /// <summary><paramref name="count"/> events for one append: an opening event first when the stream is new, then sessions.</summary>
    public static object[] For(long seed, int count, bool newStream)
    {
        var events = new object[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = i == 0 && newStream ? Opened(seed) : Session(seed + i);
        }

        return events;
    }

    private static ReferralOpened Opened(long seed) => new(
        Guid.NewGuid(),
        Boroughs[(int)(seed % Boroughs.Length)],
        "SVC-" + (seed % 97).ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
        new DateOnly(2025, 1, 1).AddDays((int)(seed % 365)),
        (int)(seed % 4) + 1,
        "Referral received from the GP practice; the person asked for support with housing and employment.");

    private static SessionRecorded Session(long seed) => new(
        Guid.NewGuid(),
        "P-" + (seed % 211).ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset.UnixEpoch.AddYears(55).AddMinutes(seed),
        (int)(seed % 90) + 15,
        seed % 5 == 0 ? "did-not-attend" : "attended");
}

/// <summary>
/// A typical async read model: one row per stream, one upsert per event (insert on the first event of the stream,
/// update the counters afterwards).
/// </summary>
public sealed class ReferralActivityProjection(string schema) : Projection
{
    private readonly string _upsert = $"""
        INSERT INTO {schema}.referral_activity AS a (stream_id, borough, events, last_version, last_event_type, total_minutes, updated_at)
        VALUES ($1, $2, 1, $3, $4, $5, $6)
        ON CONFLICT (stream_id) DO UPDATE SET
            borough = coalesce(EXCLUDED.borough, a.borough),
            events = a.events + 1,
            last_version = EXCLUDED.last_version,
            last_event_type = EXCLUDED.last_event_type,
            total_minutes = a.total_minutes + EXCLUDED.total_minutes,
            updated_at = EXCLUDED.updated_at
        """;

    public override string Name => "referral-activity";

    public override IReadOnlyList<string> OwnedTables => [$"{schema}.referral_activity"];

    public static string Table(string schema) => $"""
        CREATE TABLE {schema}.referral_activity (
            stream_id text PRIMARY KEY,
            borough text NULL,
            events int NOT NULL,
            last_version bigint NOT NULL,
            last_event_type text NOT NULL,
            total_minutes int NOT NULL,
            updated_at timestamptz NOT NULL);
        """;

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        switch (storedEvent.Data)
        {
            case ReferralOpened opened:
                commands.Execute(_upsert, storedEvent.StreamId, opened.Borough, storedEvent.Version, storedEvent.EventType, 0, storedEvent.RecordedAt);
                break;
            case SessionRecorded session:
                commands.Execute(_upsert, storedEvent.StreamId, null, storedEvent.Version, storedEvent.EventType, session.Minutes, storedEvent.RecordedAt);
                break;
        }
    }
}
