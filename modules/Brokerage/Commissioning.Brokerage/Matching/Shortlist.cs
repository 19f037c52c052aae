namespace Commissioning.Brokerage.Matching;

/// <summary>A bed that passes every hard constraint, with its score and the parts that make it up.</summary>
/// <param name="Band">The band the bed is contracted at.</param>
/// <param name="Notes">Things the person deciding should know that neither exclude nor score.</param>
internal sealed record Candidate(
    string BedId,
    string HomeCode,
    string ProviderCode,
    NeedBand Band,
    decimal Score,
    double DistanceMiles,
    DateOnly AvailableFrom,
    IReadOnlyList<ScorePart> Parts,
    IReadOnlyList<string> Notes)
{
    /// <summary>The explanations shown as the candidate's reasons: every score part, then the notes.</summary>
    public IEnumerable<string> Reasons => Parts.Select(p => p.Explanation).Concat(Notes);
}

/// <summary>A bed that fails at least one hard constraint, with every reason.</summary>
internal sealed record ExcludedBed(string BedId, string HomeCode, IReadOnlyList<ExclusionReason> Reasons);

/// <summary>For one referral: every bed given, either a candidate (best first) or excluded.</summary>
internal sealed record Shortlist(string ReferralId, IReadOnlyList<Candidate> Candidates, IReadOnlyList<ExcludedBed> Excluded);

/// <summary>Builds a referral's shortlist. Pure: everything it needs is passed in, including the time.</summary>
internal static class ShortlistBuilder
{
    /// <summary>
    /// Candidates ranked best first: highest score, then nearest to home, then free soonest, then by home code and
    /// bed id, so equal beds always come out in the same order.
    /// </summary>
    public static IComparer<Candidate> Ranking { get; } = Comparer<Candidate>.Create((a, b) =>
    {
        var c = b.Score.CompareTo(a.Score);
        if (c == 0) { c = a.DistanceMiles.CompareTo(b.DistanceMiles); }
        if (c == 0) { c = a.AvailableFrom.CompareTo(b.AvailableFrom); }
        if (c == 0) { c = string.CompareOrdinal(a.HomeCode, b.HomeCode); }
        if (c == 0) { c = string.CompareOrdinal(a.BedId, b.BedId); }
        return c;
    });

    private static readonly Dictionary<string, int> RuleOrder =
        HardConstraints.All.Select((rule, i) => (rule.Name, i)).ToDictionary(r => r.Name, r => r.i, StringComparer.Ordinal);

    public static Shortlist Build(MatchingReferral referral, IReadOnlyList<MatchingBed> beds, DateTimeOffset now, MatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(beds);
        ArgumentNullException.ThrowIfNull(options);

        var homeRules = HardConstraints.All.Where(r => r.AboutTheHome).ToArray();
        var bedRules = HardConstraints.All.Where(r => !r.AboutTheHome).ToArray();
        var context = new MatchContext(referral);
        var homes = new Dictionary<MatchingHome, HomeVerdict>(ReferenceEqualityComparer.Instance);
        var bandNotes = Enum.GetValues<NeedBand>().Select(band => BandNote(referral, band)).ToArray();
        var candidates = new List<Candidate>();
        var excluded = new List<ExcludedBed>(beds.Count);
        var homeReasons = new List<ExclusionReason>();
        var reasons = new List<ExclusionReason>();

        foreach (var bed in beds)
        {
            if (!homes.TryGetValue(bed.Home, out var home))
            {
                homeReasons.Clear();
                foreach (var rule in homeRules)
                {
                    rule.Check(context, bed, homeReasons);
                }

                home = homeReasons.Count > 0
                    ? new HomeVerdict([.. homeReasons], null, 0, 0)
                    : Scored(referral, bed.Home, now, options);
                homes.Add(bed.Home, home);
            }

            reasons.Clear();
            foreach (var rule in bedRules)
            {
                rule.Check(context, bed, reasons);
            }

            if (home.Reasons.Count == 0 && reasons.Count == 0)
            {
                candidates.Add(new Candidate(bed.BedId, bed.Home.HomeCode, bed.Home.ProviderCode, bed.ContractedBand, home.Score, home.DistanceMiles,
                    bed.Availability!.AvailableFrom, home.Parts!, bandNotes[(int)bed.ContractedBand]));
            }
            else
            {
                // Every reason, not only the first, in the order of the rules.
                excluded.Add(new ExcludedBed(bed.BedId, bed.Home.HomeCode, reasons.Count == 0 ? home.Reasons : home.With(reasons)));
            }
        }

        candidates.Sort(Ranking);
        excluded.Sort(static (a, b) => string.CompareOrdinal(a.HomeCode, b.HomeCode) is var c and not 0 ? c : string.CompareOrdinal(a.BedId, b.BedId));
        return new Shortlist(referral.ReferralId, candidates, excluded);
    }

    private static HomeVerdict Scored(MatchingReferral referral, MatchingHome home, DateTimeOffset now, MatchingOptions options)
    {
        var parts = Scoring.Parts(referral, home, now, options);
        return new HomeVerdict([], parts, parts.Sum(p => p.Points), referral.HomeLocation.MilesTo(home.Location));
    }

    private static IReadOnlyList<string> BandNote(MatchingReferral referral, NeedBand contracted) =>
        contracted == referral.Band
            ? []
            : [$"The bed is contracted at the {NeedBands.Code(contracted)} band and the child's need band is {NeedBands.Code(referral.Band)}: "
                + "the fee follows the child's band, so placing here needs the band confirmed with the provider."];

    /// <summary>What the home-level rules and scores said about a home, for all its beds.</summary>
    private sealed class HomeVerdict(IReadOnlyList<ExclusionReason> reasons, IReadOnlyList<ScorePart>? parts, decimal score, double distanceMiles)
    {
        // The beds of a home mostly fail in the same way (occupied), so the last merged list is kept and shared.
        private List<ExclusionReason>? lastBedReasons;
        private ExclusionReason[]? lastMerged;

        public IReadOnlyList<ExclusionReason> Reasons => reasons;

        public IReadOnlyList<ScorePart>? Parts => parts;

        public decimal Score => score;

        public double DistanceMiles => distanceMiles;

        /// <summary>The home's reasons and the bed's own, in rule order.</summary>
        public ExclusionReason[] With(List<ExclusionReason> bedReasons)
        {
            if (lastMerged is not null && lastBedReasons!.SequenceEqual(bedReasons))
            {
                return lastMerged;
            }

            var merged = new ExclusionReason[reasons.Count + bedReasons.Count];
            int i = 0, j = 0, k = 0;
            while (i < reasons.Count || j < bedReasons.Count)
            {
                merged[k++] = j == bedReasons.Count || (i < reasons.Count && RuleOrder[reasons[i].Rule] <= RuleOrder[bedReasons[j].Rule]) ? reasons[i++] : bedReasons[j++];
            }

            (lastBedReasons, lastMerged) = ([.. bedReasons], merged);
            return merged;
        }
    }
}
