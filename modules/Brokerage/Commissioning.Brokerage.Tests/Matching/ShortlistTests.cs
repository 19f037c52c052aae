using Commissioning.Brokerage.Matching;
using static Commissioning.Brokerage.Tests.Matching.Examples;

namespace Commissioning.Brokerage.Tests.Matching;

public sealed class ShortlistTests
{
    [Test]
    public void Every_bed_is_either_a_candidate_or_excluded_and_never_both()
    {
        var random = new Random(20261123);
        var beds = RandomRegister.Beds(random, homes: 120, beds: 400);

        foreach (var child in Enumerable.Range(0, 20).Select(i => RandomRegister.Referral(random, $"REF-{i}")))
        {
            var shortlist = Shortlist(child, [.. beds]);

            var ids = shortlist.Candidates.Select(c => c.BedId).Concat(shortlist.Excluded.Select(e => e.BedId)).ToList();
            Assert.That(ids, Is.EquivalentTo(beds.Select(b => b.BedId)));
            Assert.That(shortlist.Excluded, Has.All.Matches<ExcludedBed>(e => e.Reasons.Count > 0));
        }
    }

    [Test]
    public void Candidates_are_ranked_by_score_then_distance_then_availability_then_home_and_bed()
    {
        var near = Home("HOME-02") with { PostcodeDistrict = "RM7", Location = Rm7 };
        var far = Home("HOME-01") with { PostcodeDistrict = "E17", Location = E17 };
        var sameAsNear = Home("HOME-03") with { PostcodeDistrict = "RM7", Location = Rm7 };
        var beds = new[]
        {
            Bed(far, "BED-F"),
            Bed(sameAsNear, "BED-S"),
            Bed(near, "BED-N2"),
            Bed(near, "BED-N1"),
            Bed(near, "BED-N0") with { Availability = new BedAvailability(RequiredBy, true) },
        };

        var shortlist = Shortlist(Child(), beds);

        // HOME-02 and HOME-03 score the same at the same distance: the bed free sooner first, then the home code, then the bed id.
        Assert.That(shortlist.Candidates.Select(c => c.BedId), Is.EqualTo(new[] { "BED-N1", "BED-N2", "BED-S", "BED-N0", "BED-F" }));
        Assert.That(shortlist.Candidates.Select(c => c.Score), Is.Ordered.Descending);
    }

    [Test]
    public void The_same_inputs_in_another_order_give_the_same_shortlist()
    {
        var random = new Random(7);
        var beds = RandomRegister.Beds(random, homes: 60, beds: 200);
        var child = RandomRegister.Referral(random, "REF-1");

        var once = Shortlist(child, [.. beds]);
        var again = Shortlist(child, [.. beds.AsEnumerable().Reverse()]);

        Assert.That(again.Candidates.Select(c => c.BedId), Is.EqualTo(once.Candidates.Select(c => c.BedId)));
        Assert.That(again.Excluded.Select(c => c.BedId), Is.EqualTo(once.Excluded.Select(c => c.BedId)));
    }
}
