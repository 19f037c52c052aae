using Commissioning.Brokerage.Matching;
using static Commissioning.Brokerage.Tests.Matching.Examples;

namespace Commissioning.Brokerage.Tests.Matching;

public sealed class ScoringTests
{
    [Test]
    public void A_home_8_miles_from_the_childs_home_district_scores_distance_points_falling_to_half_at_20_miles()
    {
        var candidate = CandidateOnly(Child(), Bed(Home() with { PostcodeDistrict = "E17", Location = E17 }));

        var part = Part(candidate, Scoring.HomeDistance);
        Assert.That(candidate.DistanceMiles, Is.EqualTo(8.2));
        Assert.That(part.Points, Is.EqualTo(23.9m));
        Assert.That(part.Explanation, Is.EqualTo("8.2 miles from the child's home district: 23.9 of 30 points (all at 0 miles, half at 20.0 miles, none beyond)."));
    }

    [Test]
    public void A_home_more_than_20_miles_away_is_out_of_borough_and_scores_no_distance_points()
    {
        var candidate = CandidateOnly(Child(), Bed(Home() with { PostcodeDistrict = "B1", Location = Birmingham }));

        var part = Part(candidate, Scoring.HomeDistance);
        Assert.That(part.Points, Is.Zero);
        Assert.That(part.Explanation, Is.EqualTo("108.2 miles from the child's home district: out of borough (more than 20.0 miles), no points."));
    }

    [Test]
    public void A_home_near_the_childs_school_scores_school_points_falling_to_none_at_20_miles()
    {
        var candidate = CandidateOnly(Child() with { SchoolLocation = Ig11 }, Bed(Home() with { PostcodeDistrict = "E17", Location = E17 }));

        var part = Part(candidate, Scoring.SchoolDistance);
        Assert.That(part.Points, Is.EqualTo(10.7m));
        Assert.That(part.Explanation, Does.StartWith("5.7 miles from the child's school district: 10.7 of 15 points"));
    }

    [Test]
    public void A_referral_without_a_school_district_scores_no_school_points_and_says_why()
    {
        var part = Part(CandidateOnly(Child(), Bed()), Scoring.SchoolDistance);

        Assert.That(part, Is.EqualTo(new ScorePart(Scoring.SchoolDistance, 0, "No school district given: no points.")));
    }

    [Test]
    public void A_home_inside_the_sub_region_scores_its_points_and_one_outside_scores_none()
    {
        var inside = Part(CandidateOnly(Child(), Bed(Home() with { PostcodeDistrict = "E17", Location = E17 })), Scoring.SubRegion);
        var outside = Part(CandidateOnly(Child(), Bed(Home() with { PostcodeDistrict = "CM16", Location = Cm16 })), Scoring.SubRegion);

        Assert.That(inside, Is.EqualTo(new ScorePart(Scoring.SubRegion, 10, "In the partnership's sub-region (E17): 10 points.")));
        Assert.That(outside, Is.EqualTo(new ScorePart(Scoring.SubRegion, 0, "Outside the partnership's sub-region (CM16): no points.")));
    }

    [TestCase("Outstanding", 10, "Ofsted grade Outstanding: 10 of 10 points.")]
    [TestCase("Good", 7, "Ofsted grade Good: 7 of 10 points.")]
    [TestCase("RequiresImprovementToBeGood", 2, "Ofsted grade Requires improvement to be good: 2 of 10 points.")]
    [TestCase(null, 4, "Not yet inspected by Ofsted: 4 of 10 points.")]
    public void The_Ofsted_grade_scores_its_points(string? grade, decimal points, string explanation)
    {
        var part = Part(CandidateOnly(Child(), Bed(Home() with { Grade = grade is null ? null : Enum.Parse<OfstedGrade>(grade) })), Scoring.OfstedGrade);

        Assert.That(part, Is.EqualTo(new ScorePart(Scoring.OfstedGrade, points, explanation)));
    }

    [Test]
    public void A_home_offering_some_of_the_specialisms_asked_for_scores_that_share_of_the_points()
    {
        var child = Child() with { WantedSpecialisms = ["trauma-informed care", "autism"] };

        var part = Part(CandidateOnly(child, Bed(Home() with { Specialisms = ["Autism", "sport"] })), Scoring.Specialisms);

        Assert.That(part, Is.EqualTo(new ScorePart(Scoring.Specialisms, 7.5m, "Offers 1 of the 2 specialisms asked for (autism): 7.5 of 15 points.")));
    }

    [Test]
    public void No_specialism_asked_for_scores_no_specialism_points()
    {
        Assert.That(Part(CandidateOnly(Child(), Bed()), Scoring.Specialisms).Points, Is.Zero);
    }

    [Test]
    public void A_home_where_a_sibling_lives_scores_the_together_points_and_one_nearby_the_near_points()
    {
        var together = Part(CandidateOnly(Child() with { Siblings = [new Sibling("HOME-01", Rm1)] }, Bed()), Scoring.Siblings);
        var near = Part(CandidateOnly(Child() with { Siblings = [new Sibling("HOME-07", Rm7)] }, Bed()), Scoring.Siblings);
        var far = Part(CandidateOnly(Child() with { Siblings = [new Sibling("HOME-09", Ig11)] }, Bed(Home() with { Location = E17 })), Scoring.Siblings);

        Assert.That(together, Is.EqualTo(new ScorePart(Scoring.Siblings, 15, "A sibling lives at HOME-01: 15 points.")));
        Assert.That(near, Is.EqualTo(new ScorePart(Scoring.Siblings, 8, "A sibling lives 0.9 miles away at HOME-07: 8 of 15 points.")));
        Assert.That(far.Points, Is.Zero);
        Assert.That(far.Explanation, Is.EqualTo("The nearest sibling lives 5.7 miles away at HOME-09, more than 5.0 miles: no points."));
    }

    [Test]
    public void Waiting_time_scores_in_equal_steps_per_day_up_to_four_weeks()
    {
        var week = Part(CandidateOnly(Child() with { WaitingSince = Now.AddDays(-7) }, Bed()), Scoring.Waiting);
        var long_ = Part(CandidateOnly(Child() with { WaitingSince = Now.AddDays(-40) }, Bed()), Scoring.Waiting);

        Assert.That(week.Points, Is.EqualTo(2.5m));
        Assert.That(week.Explanation, Does.StartWith("Waiting 7 days since submission: 2.5 of 10 points"));
        Assert.That(long_.Points, Is.EqualTo(10m));
    }

    [Test]
    public void The_score_is_the_sum_of_the_named_parts_and_every_part_is_shown()
    {
        var child = Child() with { SchoolLocation = Ig11, WantedSpecialisms = ["autism"], Siblings = [new Sibling("HOME-07", Rm7)] };

        var candidate = CandidateOnly(child, Bed(Home() with { Specialisms = ["autism"], Grade = OfstedGrade.Outstanding }));

        Assert.That(candidate.Parts.Select(p => p.Name), Is.EqualTo(new[]
        {
            Scoring.HomeDistance, Scoring.SchoolDistance, Scoring.SubRegion, Scoring.OfstedGrade, Scoring.Specialisms, Scoring.Siblings, Scoring.Waiting,
        }));
        Assert.That(candidate.Score, Is.EqualTo(candidate.Parts.Sum(p => p.Points)));
        Assert.That(candidate.Reasons, Is.EqualTo(candidate.Parts.Select(p => p.Explanation)));
    }

    [Test]
    public void Weights_come_from_the_options()
    {
        var options = MatchingOptions.Default with { SubRegion = 3 };

        var shortlist = ShortlistBuilder.Build(Child(), [Bed()], Now, options);

        Assert.That(Part(shortlist.Candidates.Single(), Scoring.SubRegion).Points, Is.EqualTo(3m));
    }

    [Test]
    public void A_bed_contracted_at_another_band_is_a_candidate_with_a_note_saying_so()
    {
        var candidate = CandidateOnly(Child() with { Band = NeedBand.High }, Bed(band: NeedBand.Medium));

        Assert.That(candidate.Notes.Single(), Does.StartWith("The bed is contracted at the medium band and the child's need band is high"));
    }
}
