using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;

namespace Commissioning.BuildingBlocks.Messaging;

/// <summary>
/// The sessions a command opened, saved together by the unit-of-work behaviour after its handler returns
/// successfully, and dropped unsaved if it throws. Scoped: one per request.
/// </summary>
public sealed class UnitOfWork(RequestContext context)
{
    private readonly Dictionary<EventStore.EventStore, EventSession> _sessions = [];

    /// <summary>The session of this unit of work against <paramref name="store"/>, carrying the actor's metadata.</summary>
    public EventSession For(EventStore.EventStore store)
    {
        if (!_sessions.TryGetValue(store, out var session))
        {
            session = store.OpenSession(context.ToEventMetadata());
            _sessions[store] = session;
        }

        return session;
    }

    /// <summary>Saves every session that has changes; returns what each save did.</summary>
    public async Task<IReadOnlyList<SaveResult>> CommitAsync(CancellationToken cancellationToken)
    {
        var results = new List<SaveResult>();
        foreach (var session in _sessions.Values.Where(s => s.HasChanges))
        {
            results.Add(await session.SaveChangesAsync(cancellationToken));
        }

        _sessions.Clear();
        return results;
    }
}
