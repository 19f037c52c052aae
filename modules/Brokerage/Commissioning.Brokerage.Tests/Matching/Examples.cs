using Commissioning.Brokerage.Matching;

namespace Commissioning.Brokerage.Tests.Matching;

/// <summary>A child and a home that suit each other in every way; each test changes one thing.</summary>
internal static class Examples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly RequiredBy = new(2026, 12, 1);

    // Postcode district centroids (as Contracts' table has them).
    public static readonly GeoPoint Rm7 = new(51.5690, 0.1690);
    public static readonly GeoPoint Rm1 = new(51.5790, 0.1830);
    public static readonly GeoPoint Ig11 = new(51.5360, 0.0860);
    public static readonly GeoPoint E17 = new(51.5860, -0.0210);
    public static readonly GeoPoint Cm16 = new(51.6990, 0.1150);
    public static readonly GeoPoint Birmingham = new(52.4800, -1.9000);

    public static MatchingReferral Child(string id = "REF-1") => new(
        ReferralId: id,
        Band: NeedBand.Medium,
        DateOfBirth: new DateOnly(2012, 6, 15),
        Sex: Sex.Female,
        RequiredBy: RequiredBy,
        NeededBy: NeededBy.InMoreThan5Days,
        HomeLocation: Rm7,
        SchoolLocation: null,
        AreasToAvoid: [],
        SoloPlacementNeeded: false,
        Risks: Risks.None,
        Siblings: [],
        WantedSpecialisms: [],
        WaitingSince: Now.AddDays(-7));

    public static MatchingHome Home(string code = "HOME-01") => new(
        HomeCode: code,
        ProviderCode: "PRV-A",
        PostcodeDistrict: "RM1",
        Location: Rm1,
        Bands: [NeedBand.Low, NeedBand.Medium, NeedBand.High, NeedBand.Specialist],
        MinimumAge: 11,
        MaximumAge: 17,
        Sexes: [Sex.Female, Sex.Male],
        Registered: true,
        Suspended: false,
        StatementOfPurposeLimits: [],
        HomeMixLimit: 2,
        Residents: [],
        Grade: OfstedGrade.Good,
        Specialisms: []);

    public static MatchingBed Bed(MatchingHome? home = null, string id = "BED-1", NeedBand band = NeedBand.Medium) =>
        new(id, home ?? Home(), band, new BedAvailability(RequiredBy.AddDays(-10), Confirmed: true));

    public static Shortlist Shortlist(MatchingReferral child, params MatchingBed[] beds) =>
        ShortlistBuilder.Build(child, beds, Now, MatchingOptions.Default);

    public static ExcludedBed ExcludedOnly(MatchingReferral child, MatchingBed bed)
    {
        var shortlist = Shortlist(child, bed);
        Assert.That(shortlist.Candidates, Is.Empty, "the bed should have been excluded");
        return shortlist.Excluded.Single();
    }

    public static Candidate CandidateOnly(MatchingReferral child, MatchingBed bed)
    {
        var shortlist = Shortlist(child, bed);
        Assert.That(shortlist.Excluded, Is.Empty, () => "the bed should have been a candidate, but: "
            + string.Join(" ", shortlist.Excluded.SelectMany(e => e.Reasons).Select(r => r.Text)));
        return shortlist.Candidates.Single();
    }

    public static ScorePart Part(Candidate candidate, string name) => candidate.Parts.Single(p => p.Name == name);
}
