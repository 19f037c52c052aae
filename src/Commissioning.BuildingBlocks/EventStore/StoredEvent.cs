namespace Commissioning.BuildingBlocks.EventStore;

/// <summary>Who caused an event and as part of what. Stored beside every event.</summary>
/// <param name="UserId">The person or API key that acted, or <c>system</c> for jobs.</param>
/// <param name="Organisation">The acting organisation's code (a borough's GSS code or a provider code).</param>
/// <param name="CorrelationId">The id shared by everything one request or job run caused.</param>
/// <param name="CausationId">The id of the message that directly caused this event.</param>
public sealed record EventMetadata(string? UserId, string? Organisation, string? CorrelationId, string? CausationId)
{
    /// <summary>Metadata for work the system does by itself.</summary>
    public static EventMetadata System(string? correlationId = null) => new("system", null, correlationId, null);
}

/// <summary>A position in a store's event log, in the order the async readers consume it.</summary>
/// <param name="TransactionId">The writing transaction's 64-bit id (PostgreSQL <c>xid8</c>).</param>
/// <param name="Sequence">The event's global sequence number within the store.</param>
public readonly record struct LogPosition(ulong TransactionId, long Sequence) : IComparable<LogPosition>
{
    /// <summary>Before the first event.</summary>
    public static LogPosition Start => default;

    /// <inheritdoc />
    public int CompareTo(LogPosition other)
    {
        var byTransaction = TransactionId.CompareTo(other.TransactionId);
        return byTransaction != 0 ? byTransaction : Sequence.CompareTo(other.Sequence);
    }

    /// <summary>Earlier in the log.</summary>
    public static bool operator <(LogPosition left, LogPosition right) => left.CompareTo(right) < 0;

    /// <summary>Later in the log.</summary>
    public static bool operator >(LogPosition left, LogPosition right) => left.CompareTo(right) > 0;

    /// <summary>Not later in the log.</summary>
    public static bool operator <=(LogPosition left, LogPosition right) => left.CompareTo(right) <= 0;

    /// <summary>Not earlier in the log.</summary>
    public static bool operator >=(LogPosition left, LogPosition right) => left.CompareTo(right) >= 0;
}

/// <summary>An event as it was stored.</summary>
/// <param name="Sequence">Global sequence within the module's store (0 while the append has not run yet).</param>
/// <param name="StreamId">The stream (aggregate) it belongs to.</param>
/// <param name="StreamType">The kind of stream, for example <c>referral</c>.</param>
/// <param name="Version">Position within the stream, from 1.</param>
/// <param name="EventType">The stable stored name.</param>
/// <param name="Data">The event object (or a JsonElement for a name with no registered type).</param>
/// <param name="Scope">The owning organisation (a borough's GSS code) when the data belongs to one; used for data scopes.</param>
/// <param name="Metadata">Who and why.</param>
/// <param name="RecordedAt">When it was stored.</param>
public sealed record StoredEvent(
    long Sequence,
    string StreamId,
    string StreamType,
    long Version,
    string EventType,
    object Data,
    string? Scope,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt)
{
    /// <summary>Where the event sits in the async readers' order (set for events read from the log).</summary>
    public LogPosition Position { get; init; }
}

/// <summary>Special values for the expected version of an append.</summary>
public static class ExpectedVersion
{
    /// <summary>The stream must not exist yet.</summary>
    public const long NoStream = 0;

    /// <summary>Append whatever the current version is (for streams only ever appended to, such as logs).</summary>
    public const long Any = -1;
}

/// <summary>An append lost a race: the stream was not at the expected version. Nothing was written.</summary>
public sealed class StreamVersionConflictException(string streamId, long expectedVersion, long? actualVersion)
    : Exception($"Stream '{streamId}' was expected at version {expectedVersion} but is at {actualVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no version (it does not exist)"}. Someone else changed it first; reload and try again.")
{
    /// <summary>The stream that was contended.</summary>
    public string StreamId { get; } = streamId;

    /// <summary>The version the writer expected.</summary>
    public long ExpectedVersion { get; } = expectedVersion;

    /// <summary>The version found, or null when the stream does not exist.</summary>
    public long? ActualVersion { get; } = actualVersion;
}

/// <summary>State rebuilt from a stream's events (Marten's "live aggregation"): a start value and a fold.</summary>
/// <typeparam name="TSelf">The state type.</typeparam>
public interface IAggregateState<TSelf> where TSelf : IAggregateState<TSelf>
{
    /// <summary>The state before any event.</summary>
    static abstract TSelf Initial { get; }

    /// <summary>The state after one more event. Unknown events leave it unchanged.</summary>
    TSelf Apply(object @event);
}
