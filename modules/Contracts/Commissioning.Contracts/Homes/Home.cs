using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Contracts.Homes;

/// <summary>A home's state rebuilt from its stream, with the decisions it makes (pure: no I/O).</summary>
internal sealed record Home(bool Exists, string HomeCode, string ProviderCode, bool Suspended) : IAggregateState<Home>
{
    public static Home Initial => new(false, "", "", false);

    public Home Apply(object @event) => @event switch
    {
        HomeRegistered e => this with { Exists = true, HomeCode = e.HomeCode, ProviderCode = e.ProviderCode },
        HomeSuspended => this with { Suspended = true },
        HomeSuspensionLifted => this with { Suspended = false },
        _ => this,
    };

    /// <summary>An Inadequate grade stops new placements at once, until a contract manager lifts the suspension.</summary>
    public IReadOnlyList<object> RecordInspection(OfstedGrade grade, DateOnly inspectedOn)
    {
        EnsureExists();
        var recorded = new OfstedInspectionRecorded(HomeCode, grade, inspectedOn);
        return grade == OfstedGrade.Inadequate && !Suspended
            ? [recorded, new HomeSuspended(HomeCode, $"Ofsted graded the home Inadequate on {inspectedOn:yyyy-MM-dd}.", inspectedOn)]
            : [recorded];
    }

    public HomeSuspensionLifted LiftSuspension(string reason, DateOnly today, string liftedBy)
    {
        EnsureExists();
        if (!Suspended)
        {
            throw new ConflictException($"New placements at {HomeCode} are not suspended, so there is nothing to lift.");
        }

        return new HomeSuspensionLifted(HomeCode, reason, today, liftedBy);
    }

    public void EnsureExists()
    {
        if (!Exists)
        {
            throw new NotFoundException("There is no home with that code.");
        }
    }
}
