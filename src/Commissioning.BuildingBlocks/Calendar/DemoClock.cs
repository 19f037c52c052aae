namespace Commissioning.BuildingBlocks.Calendar;

/// <summary>
/// The clock of <c>seed-demo</c> only: the demo's history (a year of referrals, offers and placements) is told by the
/// modules' own commands, so that every event, projection and integration event is the real thing, with time moved
/// back to when each step happened. Outside a journey it is the system clock. Never registered by the web host.
/// </summary>
public sealed class DemoClock : TimeProvider
{
    private DateTimeOffset? _travelledTo;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _travelledTo ?? System.GetUtcNow();

    /// <summary>Time now reads <paramref name="when"/> until the next move or <see cref="ReturnToPresent"/>.</summary>
    public void TravelTo(DateTimeOffset when) => _travelledTo = when;

    /// <summary>Time reads the system clock again.</summary>
    public void ReturnToPresent() => _travelledTo = null;
}
