using System.Globalization;

namespace Commissioning.Brokerage.Matching;

/// <summary>Why a bed was excluded: the rule that failed and a plain-English reason.</summary>
internal sealed record ExclusionReason(string Rule, string Text);

/// <summary>
/// One hard constraint from domain.md. A rule adds a reason for each way the bed fails it, and nothing when the bed
/// passes; every rule runs on every bed, so an excluded bed carries every reason, not only the first.
/// </summary>
internal interface IHardConstraint
{
    /// <summary>A short stable name (<c>band</c>, <c>age</c>), shown with the reason.</summary>
    string Name { get; }

    /// <summary>The answer is the same for every bed of a home, so it is worked out once per home.</summary>
    bool AboutTheHome { get; }

    void Check(MatchContext context, MatchingBed bed, List<ExclusionReason> reasons);
}

/// <summary>
/// One referral being matched: what every rule needs to know about it, worked out once, and the reasons already
/// written. Reasons speak of "the home" and "the bed" (the excluded bed carries its own home code and bed id), so one
/// reason serves every home that fails the same way: a national register has thousands of homes and few distinct
/// reasons, and building each sentence once keeps the shortlist fast.
/// </summary>
internal sealed class MatchContext
{
    private readonly Dictionary<(string Rule, long Key), ExclusionReason> byNumber = [];
    private readonly Dictionary<(string Rule, string Key), ExclusionReason> byText = [];

    public MatchContext(MatchingReferral referral)
    {
        Referral = referral;
        Age = referral.AgeOn(referral.RequiredBy);
        AreasToAvoid = new HashSet<string>(referral.AreasToAvoid.Select(a => a.Trim()), StringComparer.OrdinalIgnoreCase);
        CountsTowardsHomeMix = NeedBands.CountsTowardsHomeMix(referral.Band);
    }

    public MatchingReferral Referral { get; }

    /// <summary>The child's age on the required date.</summary>
    public int Age { get; }

    public HashSet<string> AreasToAvoid { get; }

    public bool CountsTowardsHomeMix { get; }

    /// <summary>The reason for <paramref name="rule"/> and <paramref name="key"/>, written by <paramref name="write"/> the first time only.</summary>
    public ExclusionReason Reason(string rule, long key, Func<MatchContext, long, string> write)
    {
        if (!byNumber.TryGetValue((rule, key), out var reason))
        {
            reason = new ExclusionReason(rule, write(this, key));
            byNumber.Add((rule, key), reason);
        }

        return reason;
    }

    /// <summary>The reason for <paramref name="rule"/> and <paramref name="key"/>, written by <paramref name="write"/> the first time only.</summary>
    public ExclusionReason Reason(string rule, string key, Func<MatchContext, string, string> write)
    {
        if (!byText.TryGetValue((rule, key), out var reason))
        {
            reason = new ExclusionReason(rule, write(this, key));
            byText.Add((rule, key), reason);
        }

        return reason;
    }
}

internal static class HardConstraints
{
    /// <summary>Every hard constraint, in the order their reasons are shown.</summary>
    public static IReadOnlyList<IHardConstraint> All { get; } =
    [
        new BandRule(),
        new AgeRule(),
        new SexRule(),
        new RegistrationRule(),
        new AvailabilityRule(),
        new SoloPlacementRule(),
        new ResidentRisksRule(),
        new HomeMixRule(),
        new AreasToAvoidRule(),
        new StatementOfPurposeRule(),
    ];

    internal static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>The home can meet the child's need band.</summary>
internal sealed class BandRule : IHardConstraint
{
    public string Name => "band";

    public bool AboutTheHome => true;

    public void Check(MatchContext context, MatchingBed bed, List<ExclusionReason> reasons)
    {
        var mask = 0L;
        foreach (var band in bed.Home.Bands)
        {
            mask |= 1L << (int)band;
        }

        if ((mask & (1L << (int)context.Referral.Band)) == 0)
        {
            reasons.Add(context.Reason(Name, mask, static (c, m) => $"The home cannot meet the {NeedBands.Code(c.Referral.Band)} need band (it meets "
                + $"{(m == 0 ? "none" : string.Join(", ", Enum.GetValues<NeedBand>().Where(b => (m & (1L << (int)b)) != 0).Select(NeedBands.Code)))})."));
        }
    }
}

/// <summary>The child's age on the required date is within the home's age range.</summary>
internal sealed class AgeRule : IHardConstraint
{
    public string Name => "age";

    public bool AboutTheHome => true;

    public void Check(MatchContext context, MatchingBed bed, List<ExclusionReason> reasons)
    {
        var (minimum, maximum) = (bed.Home.MinimumAge, bed.Home.MaximumAge);
        if (context.Age < minimum || context.Age > maximum)
        {
            reasons.Add(context.Reason(Name, ((long)minimum << 32) | (uint)maximum, static (c, k) =>
                $"The child will be {c.Age} on {HardConstraints.Date(c.Referral.RequiredBy)}; the home cares for children aged {k >> 32} to {(int)k}."));
        }
    }
}

/// <summary>
/// The home cares for the child's sex. A child whose sex is recorded as "other" is matched only to homes that care
/// for both girls and boys: a single-sex home is not assumed to be right, and a person can still decide otherwise.
/// </summary>
internal sealed class SexRule : IHardConstraint
{
    private static readonly string[] Cares = ["no one yet", "girls", "boys", "girls and boys"];

    public string Name => "sex";

    public bool AboutTheHome => true;

    public void Check(MatchContext context, MatchingBed bed, List<ExclusionReason> reasons)
    {
        var mask = 0;
        foreach (var sex in bed.Home.Sexes)
        {
            mask |= sex switch { Sex.Female => 1, Sex.Male => 2, _ => 0 };
        }

        var fits = context.Referral.Sex switch
        {
            Sex.Female => (mask & 1) != 0,
            Sex.Male => (mask & 2) != 0,
            _ => mask == 3,
        };
        if (!fits)
        {
            reasons.Add(context.Reason(Name, mask, static (c, m) => c.Referral.Sex == Sex.Other
                ? $"The home cares only for {Cares[m]}; a child whose sex is recorded as other is matched to homes that care for both."
                : $"The home cares only for {Cares[m]}."));
        }
    }
}

/// <summary>The home is registered with Ofsted and new placements there are not suspended.</summary>
internal sealed class RegistrationRule : IHardConstraint
{
    private static readonly ExclusionReason NotRegistered = new("registration", "The home is not registered with Ofsted as a children's home.");
    private static readonly ExclusionReason Suspended = new("registration", "New placements at the home are suspended.");

    public string Name => "registration";

    public bool AboutTheHome => true;

    public void Check(MatchContext context, MatchingBed bed, List<ExclusionReason> reasons)
    {
        if (!bed.Home.Registered)
        {
            reasons.Add(NotRegistered);
        }

        if (bed.Home.Suspended)
        {
            reasons.Add(Suspended);
        }
    }
}

/// <summary>The bed is free, and confirmed by its provider as free, by the date the child needs it.</summary>
internal sealed class AvailabilityRule : IHardConstraint
{
    private static readonly ExclusionReason Taken = new("availability", "The bed is occupied or held.");
    private static readonly ExclusionReason Unconfirmed = new("availability", "The provider has not confirmed that the bed is available; unconfirmed beds do not count as available.");

    public string Name => "availability";

    public bool AboutTheHome => false;

    public void Check(MatchContext context, MatchingBed bed, List<ExclusionReason> reasons)
    {
        if (bed.Availability is not { } availability)
        {
            reasons.Add(Taken);
            return;
        }

        if (availability.ProviderSaysUnavailable is { } why)
        {
            reasons.Add(context.Reason(Name, why, static (_, reason) => $"The provider says the bed is unavailable: {reason}."));
        }
        else if (!availability.Confirmed)
        {
            reasons.Add(Unconfirmed);
        }

        if (availability.AvailableFrom > context.Referral.RequiredBy)
        {
            reasons.Add(context.Reason(Name, availability.AvailableFrom.DayNumber, static (c, day) =>
                $"The bed is free from {HardConstraints.Date(DateOnly.FromDayNumber((int)day))}, after the required date of {HardConstraints.Date(c.Referral.RequiredBy)}."));
        }
    }
}

/// <summary>
/// Solo placements: a child who needs one goes only to a home with no other children (a home whose Statement of
/// Purpose says solo placements only, or one that is empty), and a solo-only home takes one child at a time.
/// </summary>
internal sealed class SoloPlacementRule : IHardConstraint
{
    public const string SoloPlacementsOnly = "solo-placements-only";

    private static readonly ExclusionReason SoloOnlyTaken = new("solo-placement", "The home takes solo placements only and already has a child living there.");

    public string Name => "solo-placement";

    public bool AboutTheHome => true;

    public void Check(MatchContext context, MatchingBed bed, List<ExclusionReason> reasons)
    {
        var residents = bed.Home.Residents.Count;
        if (residents == 0)
        {
            return;
        }

        if (context.Referral.SoloPlacementNeeded)
        {
            reasons.Add(context.Reason(Name, residents, static (_, n) =>
                $"The child needs a solo placement and the home has {(n == 1 ? "1 other child" : $"{n} other children")} living there."));
        }
        else if (IsSoloOnly(bed.Home))
        {
            reasons.Add(SoloOnlyTaken);
        }
    }

    public static bool IsSoloOnly(MatchingHome home)
    {
        foreach (var limit in home.StatementOfPurposeLimits)
        {
            if (limit.AsSpan().Trim().Equals(SoloPlacementsOnly, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The child's risks are compatible with every current resident's (the <see cref="RiskCompatibility"/> table).</summary>
internal sealed class ResidentRisksRule : IHardConstraint
{
    public string Name => "resident-risks";

    public bool AboutTheHome => true;

    public void Check(MatchContext context, MatchingBed bed, List<ExclusionReason> reasons)
    {
        var child = context.Referral.Risks;
        if (child == Risks.None)
        {
            return;
        }

        var residents = bed.Home.Residents;
        for (var r = 0; r < residents.Count; r++)
        {
            RiskCompatibility.AddConflicts(child, residents[r].Risks, reasons);
        }
    }
}

/// <summary>A child of high or specialist need may not take the home over its limit of such children, counting the child.</summary>
internal sealed class HomeMixRule : IHardConstraint
{
    public string Name => "home-mix";

    public bool AboutTheHome => true;

    public void Check(MatchContext context, MatchingBed bed, List<ExclusionReason> reasons)
    {
        if (!context.CountsTowardsHomeMix)
        {
            return;
        }

        var residents = bed.Home.Residents;
        var already = 0;
        for (var r = 0; r < residents.Count; r++)
        {
            already += NeedBands.CountsTowardsHomeMix(residents[r].Band) ? 1 : 0;
        }

        if (already + 1 > bed.Home.HomeMixLimit)
        {
            reasons.Add(context.Reason(Name, ((long)bed.Home.HomeMixLimit << 32) | (uint)already, static (c, k) =>
                $"The home takes at most {k >> 32} children of high or specialist need at once and has {(int)k}; "
                + $"the child ({NeedBands.Code(c.Referral.Band)}) would make {(int)k + 1}."));
        }
    }
}

/// <summary>The home is not in one of the postcode districts the referral asks to avoid.</summary>
internal sealed class AreasToAvoidRule : IHardConstraint
{
    public string Name => "areas-to-avoid";

    public bool AboutTheHome => true;

    public void Check(MatchContext context, MatchingBed bed, List<ExclusionReason> reasons)
    {
        if (context.AreasToAvoid.Count == 0)
        {
            return;
        }

        var district = bed.Home.PostcodeDistrict.Trim();
        if (context.AreasToAvoid.Contains(district))
        {
            reasons.Add(context.Reason(Name, district.ToUpperInvariant(), static (_, d) => $"The home is in {d}, an area the referral asks to avoid."));
        }
    }
}

/// <summary>The home's Statement of Purpose does not rule the child out: a <c>no-&lt;risk&gt;</c> limit excludes a child with that risk.</summary>
internal sealed class StatementOfPurposeRule : IHardConstraint
{
    public string Name => "statement-of-purpose";

    public bool AboutTheHome => true;

    public void Check(MatchContext context, MatchingBed bed, List<ExclusionReason> reasons)
    {
        if (context.Referral.Risks == Risks.None)
        {
            return;
        }

        foreach (var limit in bed.Home.StatementOfPurposeLimits)
        {
            if (RiskFields.ForLimitCode(limit) is { } field && (context.Referral.Risks & field.Risk) != 0)
            {
                reasons.Add(field.LimitReason);
            }
        }
    }
}
