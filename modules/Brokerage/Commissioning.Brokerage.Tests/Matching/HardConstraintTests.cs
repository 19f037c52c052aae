using Commissioning.Brokerage.Matching;
using static Commissioning.Brokerage.Tests.Matching.Examples;

namespace Commissioning.Brokerage.Tests.Matching;

public sealed class HardConstraintTests
{
    [Test]
    public void A_child_and_a_home_that_suit_each_other_give_a_candidate()
    {
        var candidate = CandidateOnly(Child(), Bed());

        Assert.That(candidate.BedId, Is.EqualTo("BED-1"));
    }

    [Test]
    public void A_home_that_cannot_meet_the_childs_band_is_excluded_with_the_reason()
    {
        var excluded = ExcludedOnly(Child() with { Band = NeedBand.Specialist }, Bed(Home() with { Bands = [NeedBand.Low, NeedBand.Medium] }));

        Assert.That(excluded.Reasons, Has.One.Matches<ExclusionReason>(r => r.Rule == "band"
            && r.Text == "The home cannot meet the specialist need band (it meets low, medium)."));
    }

    [Test]
    public void A_home_that_meets_the_childs_band_passes_the_band_rule()
    {
        CandidateOnly(Child() with { Band = NeedBand.High }, Bed(Home() with { Bands = [NeedBand.High] }, band: NeedBand.High));
    }

    [Test]
    public void A_child_older_than_the_homes_age_range_on_the_required_date_is_excluded_with_the_reason()
    {
        var excluded = ExcludedOnly(Child() with { DateOfBirth = new DateOnly(2008, 11, 30) }, Bed());

        Assert.That(excluded.Reasons, Has.One.Matches<ExclusionReason>(r => r.Rule == "age"
            && r.Text == "The child will be 18 on 1 December 2026; the home cares for children aged 11 to 17."));
    }

    [Test]
    public void A_child_who_reaches_the_homes_youngest_age_by_the_required_date_passes_the_age_rule()
    {
        CandidateOnly(Child() with { DateOfBirth = new DateOnly(2015, 12, 1) }, Bed());
    }

    [Test]
    public void A_home_that_does_not_care_for_the_childs_sex_is_excluded_with_the_reason()
    {
        var excluded = ExcludedOnly(Child() with { Sex = Sex.Female }, Bed(Home() with { Sexes = [Sex.Male] }));

        Assert.That(excluded.Reasons, Has.One.Matches<ExclusionReason>(r => r.Rule == "sex" && r.Text == "The home cares only for boys."));
    }

    [Test]
    public void A_child_whose_sex_is_recorded_as_other_is_matched_to_a_home_for_both_and_not_to_a_single_sex_home()
    {
        CandidateOnly(Child() with { Sex = Sex.Other }, Bed());
        var excluded = ExcludedOnly(Child() with { Sex = Sex.Other }, Bed(Home() with { Sexes = [Sex.Female] }));

        Assert.That(excluded.Reasons.Single().Rule, Is.EqualTo("sex"));
    }

    [Test]
    public void A_home_for_girls_passes_the_sex_rule_for_a_girl()
    {
        CandidateOnly(Child() with { Sex = Sex.Female }, Bed(Home() with { Sexes = [Sex.Female] }));
    }

    [Test]
    public void A_suspended_or_unregistered_home_is_excluded_with_each_reason()
    {
        var excluded = ExcludedOnly(Child(), Bed(Home() with { Registered = false, Suspended = true }));

        Assert.That(excluded.Reasons.Select(r => (r.Rule, r.Text)), Is.EqualTo(new[]
        {
            ("registration", "The home is not registered with Ofsted as a children's home."),
            ("registration", "New placements at the home are suspended."),
        }));
    }

    [Test]
    public void A_registered_home_that_is_not_suspended_passes_the_registration_rule()
    {
        CandidateOnly(Child(), Bed(Home() with { Registered = true, Suspended = false }));
    }

    [Test]
    public void A_bed_that_is_unconfirmed_or_free_only_after_the_required_date_is_excluded_with_each_reason()
    {
        var bed = Bed() with { Availability = new BedAvailability(new DateOnly(2026, 12, 3), Confirmed: false) };

        var excluded = ExcludedOnly(Child(), bed);

        Assert.That(excluded.Reasons.Select(r => r.Text), Is.EqualTo(new[]
        {
            "The provider has not confirmed that the bed is available; unconfirmed beds do not count as available.",
            "The bed is free from 3 December 2026, after the required date of 1 December 2026.",
        }));
        Assert.That(excluded.Reasons.Select(r => r.Rule), Is.All.EqualTo("availability"));
    }

    [Test]
    public void An_occupied_bed_is_excluded_with_the_reason()
    {
        var excluded = ExcludedOnly(Child(), Bed() with { Availability = null });

        Assert.That(excluded.Reasons.Single().Text, Is.EqualTo("The bed is occupied or held."));
    }

    [Test]
    public void A_bed_its_provider_says_is_unavailable_is_excluded_with_the_providers_reason()
    {
        var excluded = ExcludedOnly(Child(), Bed() with { Availability = new BedAvailability(RequiredBy, false, "Repairs after a leak") });

        Assert.That(excluded.Reasons.Select(r => r.Text), Is.EqualTo(new[] { "The provider says the bed is unavailable: Repairs after a leak." }));
    }

    [Test]
    public void A_confirmed_bed_free_on_the_required_date_passes_the_availability_rule()
    {
        var candidate = CandidateOnly(Child(), Bed() with { Availability = new BedAvailability(RequiredBy, Confirmed: true) });

        Assert.That(candidate.AvailableFrom, Is.EqualTo(RequiredBy));
    }

    [Test]
    public void A_child_who_needs_a_solo_placement_is_excluded_from_a_home_with_other_children()
    {
        var home = Home() with { Residents = [new CurrentResident(NeedBand.Low, Risks.None)] };

        var excluded = ExcludedOnly(Child() with { SoloPlacementNeeded = true }, Bed(home));

        Assert.That(excluded.Reasons.Single(), Is.EqualTo(new ExclusionReason("solo-placement", "The child needs a solo placement and the home has 1 other child living there.")));
    }

    [Test]
    public void A_solo_only_home_with_a_child_already_living_there_is_excluded_for_any_child()
    {
        var home = Home() with { StatementOfPurposeLimits = ["solo-placements-only"], Residents = [new CurrentResident(NeedBand.Low, Risks.None)] };

        var excluded = ExcludedOnly(Child(), Bed(home));

        Assert.That(excluded.Reasons.Single(), Is.EqualTo(new ExclusionReason("solo-placement", "The home takes solo placements only and already has a child living there.")));
    }

    [Test]
    public void A_child_who_needs_a_solo_placement_passes_in_an_empty_solo_only_home()
    {
        CandidateOnly(Child() with { SoloPlacementNeeded = true }, Bed(Home() with { StatementOfPurposeLimits = ["solo-placements-only"] }));
    }

    [Test]
    public void A_child_with_a_risk_of_sexual_harm_to_others_is_not_placed_with_a_child_at_risk_of_sexual_exploitation()
    {
        var home = Home() with { Residents = [new CurrentResident(NeedBand.Medium, Risks.SexualExploitation)] };

        var excluded = ExcludedOnly(Child() with { Risks = Risks.ToOthersSexual }, Bed(home));

        Assert.That(excluded.Reasons.Single(), Is.EqualTo(new ExclusionReason("resident-risks",
            "The child poses a risk of sexual harm to others (riskToOthersSexual) and a current resident is at risk of sexual exploitation (riskSexualExploitation): "
            + "a child at risk of sexual exploitation is not placed with a child who may sexually harm others.")));
    }

    [Test]
    public void A_child_at_risk_of_sexual_exploitation_is_not_placed_with_a_resident_who_poses_a_risk_of_sexual_harm()
    {
        var home = Home() with { Residents = [new CurrentResident(NeedBand.Medium, Risks.ToOthersSexual)] };

        var excluded = ExcludedOnly(Child() with { Risks = Risks.SexualExploitation }, Bed(home));

        Assert.That(excluded.Reasons.Single().Text, Does.StartWith("The child is at risk of sexual exploitation (riskSexualExploitation) and a current resident poses a risk of sexual harm to others"));
    }

    [Test]
    public void Every_row_of_the_compatibility_table_excludes_in_both_directions()
    {
        foreach (var row in RiskCompatibility.Table)
        {
            var withVulnerable = Bed(Home() with { Residents = [new CurrentResident(NeedBand.Low, row.Vulnerability)] });
            var withHarmful = Bed(Home() with { Residents = [new CurrentResident(NeedBand.Low, row.Harm)] });

            Assert.That(ExcludedOnly(Child() with { Risks = row.Harm }, withVulnerable).Reasons.Single().Rule, Is.EqualTo("resident-risks"));
            Assert.That(ExcludedOnly(Child() with { Risks = row.Vulnerability }, withHarmful).Reasons.Single().Rule, Is.EqualTo("resident-risks"));
        }
    }

    [Test]
    public void Residents_whose_risks_do_not_conflict_with_the_childs_pass_the_risk_rule()
    {
        var home = Home() with { Residents = [new CurrentResident(NeedBand.Low, Risks.SelfHarm | Risks.EatingDisorder)] };

        CandidateOnly(Child() with { Risks = Risks.ToOthersSexual | Risks.Missing }, Bed(home));
    }

    [Test]
    public void A_high_need_child_who_would_take_the_home_over_its_mix_limit_is_excluded_with_the_reason()
    {
        var home = Home() with { HomeMixLimit = 2, Residents = [new CurrentResident(NeedBand.High, Risks.None), new CurrentResident(NeedBand.Specialist, Risks.None), new CurrentResident(NeedBand.Low, Risks.None)] };

        var excluded = ExcludedOnly(Child() with { Band = NeedBand.High }, Bed(home, band: NeedBand.High));

        Assert.That(excluded.Reasons.Single(), Is.EqualTo(new ExclusionReason("home-mix",
            "The home takes at most 2 children of high or specialist need at once and has 2; the child (high) would make 3.")));
    }

    [Test]
    public void A_high_need_child_within_the_mix_limit_and_a_medium_need_child_in_a_full_mix_both_pass_the_home_mix_rule()
    {
        var oneHigh = Home() with { HomeMixLimit = 2, Residents = [new CurrentResident(NeedBand.High, Risks.None)] };
        var full = Home() with { HomeMixLimit = 1, Residents = [new CurrentResident(NeedBand.Specialist, Risks.None)] };

        CandidateOnly(Child() with { Band = NeedBand.High }, Bed(oneHigh, band: NeedBand.High));
        CandidateOnly(Child() with { Band = NeedBand.Medium }, Bed(full));
    }

    [Test]
    public void A_home_in_an_area_the_referral_asks_to_avoid_is_excluded_with_the_reason()
    {
        var excluded = ExcludedOnly(Child() with { AreasToAvoid = ["E17", "rm1"] }, Bed());

        Assert.That(excluded.Reasons.Single(), Is.EqualTo(new ExclusionReason("areas-to-avoid", "The home is in RM1, an area the referral asks to avoid.")));
    }

    [Test]
    public void A_home_outside_the_areas_to_avoid_passes_the_rule()
    {
        CandidateOnly(Child() with { AreasToAvoid = ["RM10", "RM11"] }, Bed());
    }

    [Test]
    public void A_home_whose_Statement_of_Purpose_takes_no_child_with_the_childs_risk_is_excluded_with_the_reason()
    {
        var home = Home() with { StatementOfPurposeLimits = ["no-risk-to-others-fire", "no-risk-missing"] };

        var excluded = ExcludedOnly(Child() with { Risks = Risks.ToOthersFire | Risks.Missing }, Bed(home));

        Assert.That(excluded.Reasons.Select(r => r.Text), Is.EqualTo(new[]
        {
            "The home's Statement of Purpose takes no child who poses a risk of fire-setting (no-risk-to-others-fire), and the child's riskToOthersFire is \"Risk Present\".",
            "The home's Statement of Purpose takes no child who is at risk of going missing (no-risk-missing), and the child's riskMissing is \"Risk Present\".",
        }));
    }

    [Test]
    public void A_Statement_of_Purpose_limit_on_a_risk_the_child_does_not_have_passes()
    {
        CandidateOnly(Child() with { Risks = Risks.SelfHarm }, Bed(Home() with { StatementOfPurposeLimits = ["no-risk-to-others-fire"] }));
    }

    [Test]
    public void Every_Statement_of_Purpose_limit_code_names_a_standard_risk_field()
    {
        Assert.That(RiskFields.All.Select(f => f.LimitCode), Is.EqualTo(new[]
        {
            "no-risk-self-harm", "no-risk-sexual-exploitation", "no-risk-criminal-exploitation", "no-risk-drug-alcohol",
            "no-risk-eating-disorder", "no-risk-missing", "no-risk-to-others-physical", "no-risk-to-others-sexual",
            "no-risk-to-others-fire", "no-risk-to-others-animals", "no-risk-to-others-criminal",
        }));
    }

    [Test]
    public void An_excluded_bed_carries_every_failing_reason_not_only_the_first()
    {
        var home = Home() with
        {
            Bands = [NeedBand.Low],
            Sexes = [Sex.Male],
            Suspended = true,
            StatementOfPurposeLimits = ["no-risk-self-harm"],
        };
        var bed = Bed(home) with { Availability = null };

        var excluded = ExcludedOnly(Child() with { Risks = Risks.SelfHarm, AreasToAvoid = ["RM1"] }, bed);

        Assert.That(excluded.Reasons.Select(r => r.Rule), Is.EqualTo(new[]
        {
            "band", "sex", "registration", "availability", "areas-to-avoid", "statement-of-purpose",
        }));
    }
}
