using System.Collections.Frozen;

namespace Commissioning.Brokerage.Matching;

/// <summary>
/// Every weight matching and allocation use, in one place, with the partnership's defaults. Points are out of
/// about 100 for a perfect bed, so a score reads like a percentage.
/// </summary>
/// <remarks>
/// Why these defaults:
/// <list type="bullet">
/// <item>Distance from home weighs most (30): closeness to community is the partnership's headline outcome, and a
/// placement more than 20 miles away counts as out of borough, so such a bed gets no distance points at all.</item>
/// <item>School (15) and siblings (15) next: keeping a child's school and family ties is what placement stability
/// and education continuity rest on.</item>
/// <item>Specialism (15): a home that offers what the child's plan asks for is more likely to hold the placement.</item>
/// <item>Ofsted grade (10) and the sub-region (10) are lighter: Inadequate homes are already suspended (a hard
/// constraint) and monitoring should not duplicate Ofsted; staying in the sub-region keeps oversight and the
/// pooled budget local, but distance already rewards most of that.</item>
/// <item>Waiting time (10, reached at four weeks) is the same for every bed of one referral, so it never changes a
/// child's shortlist; it only tips the balance towards the child who has waited longest when referrals compete.</item>
/// <item>Allocation adds <see cref="PlacedValue"/> (100) for every child placed, so placing one more child nearly
/// always beats placing fewer children better, and an urgency priority (40 for "Today", 20 for "in less than 5
/// days") so that urgent children are served first when beds are short.</item>
/// </list>
/// </remarks>
internal sealed record MatchingOptions
{
    public static MatchingOptions Default { get; } = new();

    /// <summary>Placements further than this from home are "out of borough" (domain.md).</summary>
    public double OutOfBoroughMiles { get; init; } = 20;

    /// <summary>Points at 0 miles from home; they fall in a straight line to half at <see cref="OutOfBoroughMiles"/>, and are 0 beyond.</summary>
    public decimal HomeDistance { get; init; } = 30;

    /// <summary>Points at 0 miles from school; they fall in a straight line to 0 at <see cref="SchoolReachMiles"/>.</summary>
    public decimal SchoolDistance { get; init; } = 15;

    /// <summary>Beyond this a daily journey to the same school is no longer realistic.</summary>
    public double SchoolReachMiles { get; init; } = 20;

    /// <summary>Points for a home inside the partnership's sub-region.</summary>
    public decimal SubRegion { get; init; } = 10;

    public decimal OfstedOutstanding { get; init; } = 10;

    public decimal OfstedGood { get; init; } = 7;

    public decimal OfstedRequiresImprovement { get; init; } = 2;

    /// <summary>A new home has no grade yet: below Good, above Requires improvement.</summary>
    public decimal OfstedNotYetInspected { get; init; } = 4;

    /// <summary>Points when the home offers every specialism asked for; a share of them for some.</summary>
    public decimal Specialisms { get; init; } = 15;

    /// <summary>Points when a sibling lives in the same home.</summary>
    public decimal SiblingsTogether { get; init; } = 15;

    /// <summary>Points when a sibling lives within <see cref="SiblingNearMiles"/>.</summary>
    public decimal SiblingsNear { get; init; } = 8;

    public double SiblingNearMiles { get; init; } = 5;

    /// <summary>Points reached after <see cref="WaitingFullDays"/> days of waiting, in equal steps per day.</summary>
    public decimal Waiting { get; init; } = 10;

    public int WaitingFullDays { get; init; } = 28;

    /// <summary>Allocation: what placing a child is worth on top of the bed's score.</summary>
    public decimal PlacedValue { get; init; } = 100;

    /// <summary>Allocation: priority for a referral needed "Today".</summary>
    public decimal UrgencyToday { get; init; } = 40;

    /// <summary>Allocation: priority for a referral needed "in less than 5 days".</summary>
    public decimal UrgencyWithinFiveDays { get; init; } = 20;

    /// <summary>
    /// The postcode districts that lie (mostly) in the eight NELCP boroughs: Havering, Barking and Dagenham,
    /// Redbridge, Newham, Tower Hamlets, Hackney, Waltham Forest and the City. Districts straddle borough boundaries,
    /// so this is an approximation the partnership can correct here.
    /// </summary>
    public FrozenSet<string> SubRegionDistricts { get; init; } = new[]
    {
        "RM1", "RM2", "RM3", "RM4", "RM5", "RM6", "RM7", "RM8", "RM9", "RM10", "RM11", "RM12", "RM13", "RM14",
        "IG1", "IG2", "IG3", "IG4", "IG5", "IG6", "IG8", "IG11",
        "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E18", "E20",
        "EC1", "EC2", "EC3", "EC4", "N1", "N16",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public decimal UrgencyPriority(NeededBy neededBy) => neededBy switch
    {
        NeededBy.Today => UrgencyToday,
        NeededBy.InLessThan5Days => UrgencyWithinFiveDays,
        _ => 0,
    };
}
