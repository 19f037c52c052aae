using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Contracts.Core;

/// <summary>
/// A change made against a version the caller saw (a form's hidden version, an If-Match header) is refused when the
/// record has moved on since, as the store refuses a racing append (409).
/// </summary>
internal static class StaleWrites
{
    public static void Refuse(string streamId, long? seenVersion, long currentVersion)
    {
        if (seenVersion is { } seen && seen != currentVersion)
        {
            throw new StreamVersionConflictException(streamId, seen, currentVersion);
        }
    }
}
