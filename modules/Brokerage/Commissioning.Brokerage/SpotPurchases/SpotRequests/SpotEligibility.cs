using Commissioning.Brokerage.Matching;

namespace Commissioning.Brokerage.SpotPurchases.SpotRequests;

/// <summary>
/// Who a spot-purchase request goes to (pure): never to all. A provider receives it only when it is accredited
/// (<see cref="Accreditation"/>) and at least one of its homes passes every home-level hard constraint of the matching
/// engine (<see cref="IHardConstraint.AboutTheHome"/>: band, age, sex, registration and suspension, solo placement,
/// current residents' risks, home mix, areas to avoid, Statement of Purpose). Bed availability is not asked: a spot
/// purchase buys a place outside the block's contracted beds. Every provider considered is kept with its reason.
/// </summary>
internal static class SpotEligibility
{
    private static readonly IReadOnlyList<IHardConstraint> HomeRules = [.. HardConstraints.All.Where(r => r.AboutTheHome)];

    /// <param name="homes">Every home Brokerage knows of, with its current residents.</param>
    /// <param name="accreditation">Each known provider's checks.</param>
    public static IReadOnlyList<ProviderConsidered> Decide(
        MatchingReferral referral, IReadOnlyList<MatchingHome> homes, IReadOnlyDictionary<string, IReadOnlyList<CheckHeld>> accreditation, DateOnly today)
    {
        var context = new MatchContext(referral);
        var byProvider = homes.GroupBy(h => h.ProviderCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var providers = byProvider.Keys.Concat(accreditation.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return
        [
            .. providers.Select(provider =>
            {
                var judged = (byProvider.TryGetValue(provider, out var own) ? own : [])
                    .OrderBy(h => h.HomeCode, StringComparer.Ordinal)
                    .Select(home => Judge(context, home))
                    .ToList();
                var whyNot = Accreditation.WhyNot(accreditation.TryGetValue(provider, out var checks) ? checks : [], today);
                var passing = judged.Where(h => h.Passes).Select(h => h.HomeCode).ToList();
                var (included, reason) = (whyNot, passing.Count, judged.Count) switch
                {
                    (not null, _, _) => (false, whyNot),
                    (null, 0, 0) => (false, "Accredited, but Brokerage knows of no home it runs."),
                    (null, 0, _) => (false, "Accredited, but none of its homes passes the home-level hard constraints for this child."),
                    _ => (true, $"Accredited, and {string.Join(", ", passing)} {(passing.Count == 1 ? "passes" : "pass")} every home-level hard constraint for this child."),
                };
                return new ProviderConsidered(provider, included, reason, judged);
            }),
        ];
    }

    /// <summary>One home against every home-level rule, with every reason it fails.</summary>
    public static HomeConsidered Judge(MatchContext context, MatchingHome home)
    {
        // The rules take a bed; home-level rules read only its home, so any bed of the home gives the same answer.
        var bed = new MatchingBed("spot", home, context.Referral.Band, null);
        var reasons = new List<ExclusionReason>();
        foreach (var rule in HomeRules)
        {
            rule.Check(context, bed, reasons);
        }

        return new HomeConsidered(home.HomeCode, home.PostcodeDistrict, reasons.Count == 0, [.. reasons.Select(r => r.Text)]);
    }
}
