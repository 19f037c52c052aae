using Commissioning.Brokerage.Matching;
using static Commissioning.Brokerage.Tests.Matching.Examples;

namespace Commissioning.Brokerage.Tests.Matching;

/// <summary>Random but reproducible homes, beds and referrals around north-east London, for property-style tests.</summary>
internal static class RandomRegister
{
    private static readonly string[] Districts = ["RM7", "RM1", "IG11", "E17", "CM16", "E1", "N16", "EN1"];
    private static readonly string[] SpecialismNames = ["autism", "trauma-informed care", "therapeutic", "sport"];

    public static List<MatchingBed> Beds(Random random, int homes, int beds)
    {
        var all = Enumerable.Range(1, homes).Select(i => Home(random, $"HOME-{i:D3}")).ToList();
        return [.. Enumerable.Range(1, beds).Select(i => Bed(random, all[random.Next(all.Count)], $"BED-{i:D4}"))];
    }

    public static MatchingHome Home(Random random, string code)
    {
        var bands = Enum.GetValues<NeedBand>().Where(_ => random.Next(3) > 0).ToList();
        var minimum = random.Next(8, 14);
        return Examples.Home(code) with
        {
            ProviderCode = $"PRV-{(char)('A' + random.Next(4))}",
            PostcodeDistrict = Districts[random.Next(Districts.Length)],
            Location = new GeoPoint(51.45 + (random.NextDouble() * 0.3), -0.2 + (random.NextDouble() * 0.5)),
            Bands = bands.Count == 0 ? [NeedBand.Medium] : bands,
            MinimumAge = minimum,
            MaximumAge = minimum + random.Next(3, 9),
            Sexes = random.Next(3) switch { 0 => [Sex.Female], 1 => [Sex.Male], _ => [Sex.Female, Sex.Male] },
            Registered = random.Next(20) > 0,
            Suspended = random.Next(15) == 0,
            StatementOfPurposeLimits = random.Next(4) == 0 ? [RiskFields.All[random.Next(RiskFields.All.Count)].LimitCode] : random.Next(12) == 0 ? ["solo-placements-only"] : [],
            HomeMixLimit = random.Next(0, 3),
            Residents = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => new CurrentResident((NeedBand)random.Next(4), RandomRisks(random)))],
            Grade = random.Next(5) == 0 ? null : (OfstedGrade)random.Next(3),
            Specialisms = [.. SpecialismNames.Where(_ => random.Next(3) == 0)],
        };
    }

    public static MatchingBed Bed(Random random, MatchingHome home, string id) => new(
        id,
        home,
        home.Bands.ElementAt(random.Next(home.Bands.Count)),
        random.Next(5) == 0 ? null : new BedAvailability(RequiredBy.AddDays(random.Next(-20, 10)), random.Next(6) > 0));

    public static MatchingReferral Referral(Random random, string id) => Child(id) with
    {
        Band = (NeedBand)random.Next(4),
        DateOfBirth = new DateOnly(2008 + random.Next(8), 1 + random.Next(12), 1 + random.Next(28)),
        Sex = (Sex)random.Next(3),
        NeededBy = (NeededBy)random.Next(3),
        HomeLocation = new GeoPoint(51.45 + (random.NextDouble() * 0.3), -0.2 + (random.NextDouble() * 0.5)),
        SchoolLocation = random.Next(2) == 0 ? null : new GeoPoint(51.45 + (random.NextDouble() * 0.3), -0.2 + (random.NextDouble() * 0.5)),
        AreasToAvoid = random.Next(4) == 0 ? [Districts[random.Next(Districts.Length)]] : [],
        SoloPlacementNeeded = random.Next(8) == 0,
        Risks = RandomRisks(random),
        WantedSpecialisms = [.. SpecialismNames.Where(_ => random.Next(4) == 0)],
        WaitingSince = Now.AddHours(-random.Next(1, 24 * 40)),
    };

    private static Risks RandomRisks(Random random) =>
        RiskFields.All.Where(_ => random.Next(8) == 0).Aggregate(Risks.None, (r, f) => r | f.Risk);
}
