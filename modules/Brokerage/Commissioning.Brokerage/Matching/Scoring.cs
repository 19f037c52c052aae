using System.Globalization;

namespace Commissioning.Brokerage.Matching;

/// <summary>One named part of a candidate's score: its points and why, in plain English.</summary>
internal sealed record ScorePart(string Name, decimal Points, string Explanation);

/// <summary>
/// The soft preferences of domain.md as named score parts. A candidate's score is the sum of its parts, each
/// rounded to one decimal place first, so the parts shown always add up to the score shown. Every part depends only
/// on the referral and the home, so it is worked out once per home.
/// </summary>
internal static class Scoring
{
    public const string HomeDistance = "distance-from-home";
    public const string SchoolDistance = "distance-from-school";
    public const string SubRegion = "sub-region";
    public const string OfstedGrade = "ofsted-grade";
    public const string Specialisms = "specialisms";
    public const string Siblings = "siblings";
    public const string Waiting = "waiting-time";

    public static IReadOnlyList<ScorePart> Parts(MatchingReferral referral, MatchingHome home, DateTimeOffset now, MatchingOptions options) =>
    [
        DistanceFromHome(referral, home, options),
        DistanceFromSchool(referral, home, options),
        WithinSubRegion(home, options),
        Ofsted(home, options),
        SpecialismMatch(referral, home, options),
        SiblingsPart(referral, home, options),
        WaitingTime(referral, now, options),
    ];

    public static ScorePart DistanceFromHome(MatchingReferral referral, MatchingHome home, MatchingOptions options)
    {
        var miles = referral.HomeLocation.MilesTo(home.Location);
        if (miles > options.OutOfBoroughMiles)
        {
            return new(HomeDistance, 0, $"{M(miles)} miles from the child's home district: out of borough (more than {M(options.OutOfBoroughMiles)} miles), no points.");
        }

        var points = Round(options.HomeDistance * (1 - ((decimal)miles / (2 * (decimal)options.OutOfBoroughMiles))));
        return new(HomeDistance, points, $"{M(miles)} miles from the child's home district: {P(points)} of {P(options.HomeDistance)} points "
            + $"(all at 0 miles, half at {M(options.OutOfBoroughMiles)} miles, none beyond).");
    }

    public static ScorePart DistanceFromSchool(MatchingReferral referral, MatchingHome home, MatchingOptions options)
    {
        if (referral.SchoolLocation is not { } school)
        {
            return new(SchoolDistance, 0, "No school district given: no points.");
        }

        var miles = school.MilesTo(home.Location);
        var points = miles >= options.SchoolReachMiles ? 0 : Round(options.SchoolDistance * (1 - ((decimal)miles / (decimal)options.SchoolReachMiles)));
        return new(SchoolDistance, points, $"{M(miles)} miles from the child's school district: {P(points)} of {P(options.SchoolDistance)} points "
            + $"(all at 0 miles, none at {M(options.SchoolReachMiles)} miles or more).");
    }

    public static ScorePart WithinSubRegion(MatchingHome home, MatchingOptions options)
    {
        var district = home.PostcodeDistrict.Trim().ToUpperInvariant();
        return options.SubRegionDistricts.Contains(district)
            ? new(SubRegion, options.SubRegion, $"In the partnership's sub-region ({district}): {P(options.SubRegion)} points.")
            : new(SubRegion, 0, $"Outside the partnership's sub-region ({district}): no points.");
    }

    public static ScorePart Ofsted(MatchingHome home, MatchingOptions options)
    {
        var (points, words) = home.Grade switch
        {
            Matching.OfstedGrade.Outstanding => (options.OfstedOutstanding, "Outstanding"),
            Matching.OfstedGrade.Good => (options.OfstedGood, "Good"),
            Matching.OfstedGrade.RequiresImprovementToBeGood => (options.OfstedRequiresImprovement, "Requires improvement to be good"),
            Matching.OfstedGrade.Inadequate => (0m, "Inadequate"),
            _ => (options.OfstedNotYetInspected, null),
        };
        return new(OfstedGrade, points, words is null
            ? $"Not yet inspected by Ofsted: {P(points)} of {P(options.OfstedOutstanding)} points."
            : $"Ofsted grade {words}: {P(points)} of {P(options.OfstedOutstanding)} points.");
    }

    public static ScorePart SpecialismMatch(MatchingReferral referral, MatchingHome home, MatchingOptions options)
    {
        var wanted = referral.WantedSpecialisms.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0)
        {
            return new(Specialisms, 0, "No specialism asked for: no points.");
        }

        var offered = wanted.Where(w => home.Specialisms.Any(s => string.Equals(s.Trim(), w, StringComparison.OrdinalIgnoreCase))).ToList();
        var points = Round(options.Specialisms * offered.Count / wanted.Count);
        var which = offered.Count == 0 ? "" : $" ({string.Join(", ", offered)})";
        return new(Specialisms, points, $"Offers {offered.Count} of the {wanted.Count} specialisms asked for{which}: {P(points)} of {P(options.Specialisms)} points.");
    }

    public static ScorePart SiblingsPart(MatchingReferral referral, MatchingHome home, MatchingOptions options)
    {
        if (referral.Siblings.Count == 0)
        {
            return new(Siblings, 0, "No siblings to live with or near: no points.");
        }

        if (referral.Siblings.Any(s => string.Equals(s.HomeCode, home.HomeCode, StringComparison.OrdinalIgnoreCase)))
        {
            return new(Siblings, options.SiblingsTogether, $"A sibling lives at {home.HomeCode}: {P(options.SiblingsTogether)} points.");
        }

        var nearest = referral.Siblings.Select(s => (s.HomeCode, Miles: s.Location.MilesTo(home.Location)))
            .OrderBy(s => s.Miles).ThenBy(s => s.HomeCode, StringComparer.Ordinal).First();
        return nearest.Miles <= options.SiblingNearMiles
            ? new(Siblings, options.SiblingsNear, $"A sibling lives {M(nearest.Miles)} miles away at {nearest.HomeCode}: {P(options.SiblingsNear)} of {P(options.SiblingsTogether)} points.")
            : new(Siblings, 0, $"The nearest sibling lives {M(nearest.Miles)} miles away at {nearest.HomeCode}, more than {M(options.SiblingNearMiles)} miles: no points.");
    }

    public static ScorePart WaitingTime(MatchingReferral referral, DateTimeOffset now, MatchingOptions options)
    {
        var days = Math.Max(0, (int)Math.Floor((now - referral.WaitingSince).TotalDays));
        var points = Round(options.Waiting * Math.Min(days, options.WaitingFullDays) / options.WaitingFullDays);
        return new(Waiting, points, $"Waiting {days} {(days == 1 ? "day" : "days")} since submission: {P(points)} of {P(options.Waiting)} points "
            + $"(all at {options.WaitingFullDays} days; the same for every bed, it gives priority when referrals compete).");
    }

    private static decimal Round(decimal points) => Math.Round(points, 1, MidpointRounding.AwayFromZero);

    private static string P(decimal points) => points.ToString("0.#", CultureInfo.InvariantCulture);

    private static string M(double miles) => miles.ToString("0.0", CultureInfo.InvariantCulture);
}
