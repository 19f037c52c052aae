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

    void Check(MatchingReferral referral, MatchingBed bed, List<ExclusionReason> reasons);
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

    public void Check(MatchingReferral referral, MatchingBed bed, List<ExclusionReason> reasons)
    {
        if (!bed.Home.Bands.Contains(referral.Band))
        {
            reasons.Add(new(Name, $"{bed.Home.HomeCode} cannot meet the {NeedBands.Code(referral.Band)} need band "
                + $"(it meets {string.Join(", ", bed.Home.Bands.Order().Select(NeedBands.Code))})."));
        }
    }
}

/// <summary>The child's age on the required date is within the home's age range.</summary>
internal sealed class AgeRule : IHardConstraint
{
    public string Name => "age";

    public bool AboutTheHome => true;

    public void Check(MatchingReferral referral, MatchingBed bed, List<ExclusionReason> reasons)
    {
        var age = referral.AgeOn(referral.RequiredBy);
        if (age < bed.Home.MinimumAge || age > bed.Home.MaximumAge)
        {
            reasons.Add(new(Name, $"The child will be {age} on {HardConstraints.Date(referral.RequiredBy)}; "
                + $"{bed.Home.HomeCode} cares for children aged {bed.Home.MinimumAge} to {bed.Home.MaximumAge}."));
        }
    }
}

/// <summary>
/// The home cares for the child's sex. A child whose sex is recorded as "other" is matched only to homes that care
/// for both girls and boys: a single-sex home is not assumed to be right, and a person can still decide otherwise.
/// </summary>
internal sealed class SexRule : IHardConstraint
{
    public string Name => "sex";

    public bool AboutTheHome => true;

    public void Check(MatchingReferral referral, MatchingBed bed, List<ExclusionReason> reasons)
    {
        var sexes = bed.Home.Sexes;
        if (referral.Sex == Sex.Other)
        {
            if (!(sexes.Contains(Sex.Female) && sexes.Contains(Sex.Male)))
            {
                reasons.Add(new(Name, $"{bed.Home.HomeCode} cares only for {Describe(sexes)}; a child whose sex is recorded as other is matched to homes that care for both."));
            }
        }
        else if (!sexes.Contains(referral.Sex))
        {
            reasons.Add(new(Name, $"{bed.Home.HomeCode} cares only for {Describe(sexes)}."));
        }
    }

    private static string Describe(IReadOnlyCollection<Sex> sexes) =>
        sexes.Count == 0 ? "no one yet" : string.Join(" and ", sexes.Order().Select(s => s == Sex.Female ? "girls" : s == Sex.Male ? "boys" : "other"));
}

/// <summary>The home is registered with Ofsted and new placements there are not suspended.</summary>
internal sealed class RegistrationRule : IHardConstraint
{
    public string Name => "registration";

    public bool AboutTheHome => true;

    public void Check(MatchingReferral referral, MatchingBed bed, List<ExclusionReason> reasons)
    {
        if (!bed.Home.Registered)
        {
            reasons.Add(new(Name, $"{bed.Home.HomeCode} is not registered with Ofsted as a children's home."));
        }

        if (bed.Home.Suspended)
        {
            reasons.Add(new(Name, $"New placements at {bed.Home.HomeCode} are suspended."));
        }
    }
}

/// <summary>The bed is free, and confirmed by its provider as free, by the date the child needs it.</summary>
internal sealed class AvailabilityRule : IHardConstraint
{
    public string Name => "availability";

    public bool AboutTheHome => false;

    public void Check(MatchingReferral referral, MatchingBed bed, List<ExclusionReason> reasons)
    {
        if (bed.Availability is not { } availability)
        {
            reasons.Add(new(Name, $"Bed {bed.BedId} is occupied or held."));
            return;
        }

        if (!availability.Confirmed)
        {
            reasons.Add(new(Name, $"The provider has not confirmed that bed {bed.BedId} is available; unconfirmed beds do not count as available."));
        }

        if (availability.AvailableFrom > referral.RequiredBy)
        {
            reasons.Add(new(Name, $"Bed {bed.BedId} is free from {HardConstraints.Date(availability.AvailableFrom)}, after the required date of {HardConstraints.Date(referral.RequiredBy)}."));
        }
    }
}

/// <summary>
/// Solo placements: a child who needs one goes only to a home with no other children (a home whose Statement of
/// Purpose says solo placements only, or one that is empty), and a solo-only home takes one child at a time.
/// </summary>
internal sealed class SoloPlacementRule : IHardConstraint
{
    public string Name => "solo-placement";

    public bool AboutTheHome => true;

    public void Check(MatchingReferral referral, MatchingBed bed, List<ExclusionReason> reasons)
    {
        var residents = bed.Home.Residents.Count;
        if (referral.SoloPlacementNeeded && residents > 0)
        {
            reasons.Add(new(Name, $"The child needs a solo placement and {bed.Home.HomeCode} has {Children(residents)} living there."));
        }

        if (!referral.SoloPlacementNeeded && residents > 0 && IsSoloOnly(bed.Home))
        {
            reasons.Add(new(Name, $"{bed.Home.HomeCode} takes solo placements only and already has a child living there."));
        }
    }

    public static bool IsSoloOnly(MatchingHome home) =>
        home.StatementOfPurposeLimits.Any(l => string.Equals(l.Trim(), "solo-placements-only", StringComparison.OrdinalIgnoreCase));

    private static string Children(int count) => count == 1 ? "1 other child" : $"{count} other children";
}

/// <summary>The child's risks are compatible with every current resident's (the <see cref="RiskCompatibility"/> table).</summary>
internal sealed class ResidentRisksRule : IHardConstraint
{
    public string Name => "resident-risks";

    public bool AboutTheHome => true;

    public void Check(MatchingReferral referral, MatchingBed bed, List<ExclusionReason> reasons)
    {
        foreach (var resident in bed.Home.Residents)
        {
            foreach (var conflict in RiskCompatibility.Conflicts(referral.Risks, resident.Risks))
            {
                var reason = new ExclusionReason(Name, conflict);
                if (!reasons.Contains(reason))
                {
                    reasons.Add(reason);
                }
            }
        }
    }
}

/// <summary>A child of high or specialist need may not take the home over its limit of such children, counting the child.</summary>
internal sealed class HomeMixRule : IHardConstraint
{
    public string Name => "home-mix";

    public bool AboutTheHome => true;

    public void Check(MatchingReferral referral, MatchingBed bed, List<ExclusionReason> reasons)
    {
        if (!NeedBands.CountsTowardsHomeMix(referral.Band))
        {
            return;
        }

        var already = bed.Home.Residents.Count(r => NeedBands.CountsTowardsHomeMix(r.Band));
        if (already + 1 > bed.Home.HomeMixLimit)
        {
            reasons.Add(new(Name, $"{bed.Home.HomeCode} takes at most {bed.Home.HomeMixLimit} children of high or specialist need at once "
                + $"and has {already}; the child ({NeedBands.Code(referral.Band)}) would make {already + 1}."));
        }
    }
}

/// <summary>The home is not in one of the postcode districts the referral asks to avoid.</summary>
internal sealed class AreasToAvoidRule : IHardConstraint
{
    public string Name => "areas-to-avoid";

    public bool AboutTheHome => true;

    public void Check(MatchingReferral referral, MatchingBed bed, List<ExclusionReason> reasons)
    {
        var district = bed.Home.PostcodeDistrict.Trim();
        if (referral.AreasToAvoid.Any(a => string.Equals(a.Trim(), district, StringComparison.OrdinalIgnoreCase)))
        {
            reasons.Add(new(Name, $"{bed.Home.HomeCode} is in {district.ToUpperInvariant()}, an area the referral asks to avoid."));
        }
    }
}

/// <summary>The home's Statement of Purpose does not rule the child out: a <c>no-&lt;risk&gt;</c> limit excludes a child with that risk.</summary>
internal sealed class StatementOfPurposeRule : IHardConstraint
{
    public string Name => "statement-of-purpose";

    public bool AboutTheHome => true;

    public void Check(MatchingReferral referral, MatchingBed bed, List<ExclusionReason> reasons)
    {
        if (referral.Risks == Risks.None)
        {
            return;
        }

        foreach (var limit in bed.Home.StatementOfPurposeLimits)
        {
            if (RiskFields.ForLimitCode(limit) is { } risk && (referral.Risks & risk) != 0)
            {
                var field = RiskFields.Of(risk);
                reasons.Add(new(Name, $"{bed.Home.HomeCode}'s Statement of Purpose takes no child who {field.Phrase} ({limit.Trim().ToLowerInvariant()}), "
                    + $"and the child's {field.FieldName} is \"{RiskFields.RiskPresent}\"."));
            }
        }
    }
}
