using Commissioning.Brokerage.Matching;
using Commissioning.Brokerage.SpotPurchases.SpotRequests;
using static Commissioning.Brokerage.Tests.Matching.Examples;

namespace Commissioning.Brokerage.Tests.SpotPurchases;

public sealed class SpotEligibilityTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static IReadOnlyList<CheckHeld> AllPassed(DateOnly? expires = null) =>
    [
        .. new[] { "health-and-safety", "safeguarding", "equal-opportunities", "human-resources", "required-training" }
            .Select(c => new CheckHeld(c, new DateOnly(2026, 1, 1), expires ?? new DateOnly(2027, 1, 1))),
    ];

    private static Dictionary<string, IReadOnlyList<CheckHeld>> Accredited(params string[] providers) => providers.ToDictionary(p => p, _ => AllPassed());

    [Test]
    public void An_accredited_provider_with_a_home_that_passes_every_home_level_rule_is_included_with_the_home_named()
    {
        var considered = SpotEligibility.Decide(Child(), [Home("HOME-01"), Home("HOME-02") with { Bands = [NeedBand.Low] }], Accredited("PRV-A"), Today).Single();

        Assert.Multiple(() =>
        {
            Assert.That(considered.Included, Is.True);
            Assert.That(considered.EligibleHomes, Is.EqualTo(new[] { "HOME-01" }));
            Assert.That(considered.Reason, Is.EqualTo("Accredited, and HOME-01 passes every home-level hard constraint for this child."));
            Assert.That(considered.Homes.Single(h => h.HomeCode == "HOME-02").Reasons, Has.One.StartsWith("The home cannot meet the medium need band"));
        });
    }

    [Test]
    public void A_provider_whose_homes_all_fail_a_hard_constraint_is_left_out_with_every_reason()
    {
        var homes = new[]
        {
            Home("HOME-01") with { ProviderCode = "PRV-B", Sexes = [Sex.Male] },
            Home("HOME-02") with { ProviderCode = "PRV-B", Suspended = true, MinimumAge = 16 },
        };

        var considered = SpotEligibility.Decide(Child(), homes, Accredited("PRV-B"), Today).Single();

        Assert.Multiple(() =>
        {
            Assert.That(considered.Included, Is.False);
            Assert.That(considered.Reason, Is.EqualTo("Accredited, but none of its homes passes the home-level hard constraints for this child."));
            Assert.That(considered.Homes.Single(h => h.HomeCode == "HOME-01").Reasons, Is.EqualTo(new[] { "The home cares only for boys." }));
            Assert.That(considered.Homes.Single(h => h.HomeCode == "HOME-02").Reasons, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void A_provider_that_is_not_accredited_is_left_out_even_with_a_suitable_home()
    {
        var expired = AllPassed().Select(c => c.Check == "safeguarding" ? c with { ExpiresOn = new DateOnly(2026, 11, 22) } : c).ToList();
        var missing = AllPassed().Select(c => c.Check == "required-training" ? c with { PassedOn = null, ExpiresOn = null } : c).ToList();
        var checks = new Dictionary<string, IReadOnlyList<CheckHeld>> { ["PRV-A"] = expired, ["PRV-B"] = missing };
        var homes = new[] { Home("HOME-01"), Home("HOME-02") with { ProviderCode = "PRV-B" }, Home("HOME-03") with { ProviderCode = "PRV-C" } };

        var considered = SpotEligibility.Decide(Child(), homes, checks, Today).ToDictionary(p => p.ProviderCode);

        Assert.Multiple(() =>
        {
            Assert.That(considered.Values.Select(p => p.Included), Is.All.False);
            Assert.That(considered["PRV-A"].Reason, Is.EqualTo("Not accredited: safeguarding expired on 2026-11-22."));
            Assert.That(considered["PRV-B"].Reason, Is.EqualTo("Not accredited: required-training not passed."));
            Assert.That(considered["PRV-C"].Reason, Is.EqualTo("Not accredited: no pre-qualification check is recorded for it."));
        });
    }

    [Test]
    public void A_check_that_expires_today_still_counts()
    {
        var considered = SpotEligibility.Decide(Child(), [Home()], new Dictionary<string, IReadOnlyList<CheckHeld>> { ["PRV-A"] = AllPassed(Today) }, Today).Single();

        Assert.That(considered.Included, Is.True);
    }

    [Test]
    public void Residents_risks_home_mix_areas_to_avoid_and_the_statement_of_purpose_are_home_level_and_count()
    {
        var child = Child() with { Band = NeedBand.High, Risks = Risks.ToOthersSexual, AreasToAvoid = ["RM1"] };
        var home = Home() with
        {
            Residents = [new CurrentResident(NeedBand.High, Risks.SexualExploitation), new CurrentResident(NeedBand.Specialist, Risks.None)],
            StatementOfPurposeLimits = ["no-risk-to-others-sexual"],
        };

        var judged = SpotEligibility.Judge(new MatchContext(child), home);

        Assert.That(judged.Reasons.Count, Is.EqualTo(4), string.Join(" | ", judged.Reasons));
    }

    [Test]
    public void Bed_availability_is_not_asked_because_a_spot_purchase_buys_outside_the_block()
    {
        var judged = SpotEligibility.Judge(new MatchContext(Child()), Home());

        Assert.That(judged.Passes, Is.True);
    }
}
