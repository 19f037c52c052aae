using Commissioning.Brokerage.Matching;
using static Commissioning.Brokerage.Tests.Matching.Examples;

namespace Commissioning.Brokerage.Tests.Matching;

public sealed class AllocationTests
{
    [Test]
    public void The_exact_allocation_places_both_children_where_first_come_first_served_leaves_one_without_a_bed()
    {
        // The first child prefers the near home a little; the second can only live there (a boy, and the far home is for girls).
        var near = Home("HOME-NEAR") with { PostcodeDistrict = "RM7", Location = Rm7 };
        var far = Home("HOME-FAR") with { PostcodeDistrict = "E17", Location = E17, Sexes = [Sex.Female] };
        var first = Child("REF-1") with { WaitingSince = Now.AddDays(-3) };
        var second = Child("REF-2") with { Sex = Sex.Male, WaitingSince = Now.AddDays(-2) };

        var proposal = AllocationEngine.Propose([second, first], [Bed(near, "BED-NEAR"), Bed(far, "BED-FAR")], Now, MatchingOptions.Default);

        Assert.That(proposal.FirstComeFirstServed.Lines.Select(l => (l.ReferralId, l.BedId)), Is.EqualTo(new[] { ("REF-1", "BED-NEAR"), ("REF-2", (string?)null) }));
        Assert.That(proposal.Exact.Lines.Select(l => (l.ReferralId, l.BedId)), Is.EqualTo(new[] { ("REF-1", "BED-FAR"), ("REF-2", "BED-NEAR") }));
        Assert.That(proposal.Exact.Placed, Is.EqualTo(2));
        Assert.That(proposal.Exact.TotalScore, Is.GreaterThan(proposal.FirstComeFirstServed.TotalScore));
        Assert.That(proposal.Exact.TotalValue, Is.GreaterThan(proposal.FirstComeFirstServed.TotalValue));
        Assert.That(proposal.Differences.Select(d => (d.ReferralId, d.Change)), Is.EqualTo(new[] { ("REF-1", "loses"), ("REF-2", "gains") }));
        Assert.That(proposal.Differences[1].Explanation, Does.StartWith("Placed in bed BED-NEAR at HOME-NEAR"));
        Assert.That(proposal.Summary, Does.Contain("1 child gains and 1 child loses").And.Contain("a person approves each offer"));
    }

    [Test]
    public void An_urgent_referral_takes_the_only_bed_from_one_that_waited_longer()
    {
        var waitingLonger = Child("REF-1") with { WaitingSince = Now.AddDays(-10) };
        var urgent = Child("REF-2") with { NeededBy = NeededBy.Today, WaitingSince = Now.AddHours(-2) };

        var proposal = AllocationEngine.Propose([waitingLonger, urgent], [Bed()], Now, MatchingOptions.Default);

        Assert.That(proposal.Exact.Lines.Single(l => l.BedId is not null).ReferralId, Is.EqualTo("REF-2"));
        Assert.That(proposal.FirstComeFirstServed.Lines.Single(l => l.BedId is not null).ReferralId, Is.EqualTo("REF-1"));
    }

    [Test]
    public void A_referral_with_no_candidate_is_left_unassigned_by_both_methods()
    {
        var proposal = AllocationEngine.Propose([Child() with { Band = NeedBand.Specialist }], [Bed(Home() with { Bands = [NeedBand.Low] })], Now, MatchingOptions.Default);

        Assert.That(proposal.Exact.Lines.Single().BedId, Is.Null);
        Assert.That(proposal.Differences.Single().Change, Is.EqualTo("same"));
        Assert.That(proposal.Summary, Does.EndWith("Every child fares the same under both."));
    }

    [Test]
    public void The_Hungarian_algorithm_finds_the_optimum_that_brute_force_finds_on_many_small_random_cases()
    {
        var random = new Random(5);
        for (var round = 0; round < 400; round++)
        {
            int rows = random.Next(1, 7), columns = random.Next(1, 7);
            var weights = new long[rows, columns];
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    weights[i, j] = random.Next(4) == 0 ? Hungarian.Forbidden : random.Next(0, 300);
                }
            }

            var assignment = Hungarian.MaximumWeightAssignment(weights);

            Assert.That(assignment.Where(j => j >= 0), Is.Unique, "a bed is given to at most one referral");
            Assert.That(assignment.Select((j, i) => j < 0 || weights[i, j] != Hungarian.Forbidden), Is.All.True, "no forbidden pair is assigned");
            Assert.That(Hungarian.Total(weights, assignment), Is.EqualTo(BruteForce(weights)), $"round {round}: {rows} x {columns}");
        }
    }

    [Test]
    public void The_exact_allocation_is_optimal_and_never_worse_than_first_come_first_served_on_random_small_markets()
    {
        var random = new Random(11);
        int placedSomeone = 0, exactDidBetter = 0;
        for (var round = 0; round < 150; round++)
        {
            var beds = RandomRegister.Beds(random, homes: random.Next(2, 5), beds: random.Next(1, 7))
                .Select(b => b with
                {
                    // Open homes, so that most markets have something to allocate and referrals compete.
                    Home = b.Home with { Registered = true, Suspended = false, Sexes = [Sex.Female, Sex.Male], MinimumAge = 11, MaximumAge = 17 },
                    Availability = new BedAvailability(RequiredBy.AddDays(-1), true),
                }).ToList();
            var referrals = Enumerable.Range(1, random.Next(1, 7)).Select(i => RandomRegister.Referral(random, $"REF-{i}") with { DateOfBirth = new DateOnly(2012, 1, 1) }).ToList();

            var proposal = AllocationEngine.Propose(referrals, beds, Now, MatchingOptions.Default);

            var weights = Weights(referrals, beds);
            Assert.That(AllocationEngine.Tenths(proposal.Exact.TotalValue), Is.EqualTo(BruteForce(weights)), $"round {round}");
            Assert.That(proposal.Exact.TotalValue, Is.GreaterThanOrEqualTo(proposal.FirstComeFirstServed.TotalValue));
            Assert.That(proposal.Exact.Lines.Where(l => l.BedId is not null).Select(l => l.BedId), Is.Unique);
            placedSomeone += proposal.Exact.Placed > 0 ? 1 : 0;
            exactDidBetter += proposal.Exact.TotalValue > proposal.FirstComeFirstServed.TotalValue ? 1 : 0;
        }

        TestContext.Out.WriteLine($"{placedSomeone} of 150 markets placed a child; the exact method did better in {exactDidBetter}.");
        Assert.That(placedSomeone, Is.GreaterThan(100), "the random markets should mostly have something to allocate");
        Assert.That(exactDidBetter, Is.GreaterThan(0), "some markets should show first come, first served falling short");
    }

    // The values the engine maximises, built independently from each referral's shortlist, in submission order.
    private static long[,] Weights(List<MatchingReferral> referrals, List<MatchingBed> beds)
    {
        var ordered = referrals.OrderBy(r => r.WaitingSince).ThenBy(r => r.ReferralId, StringComparer.Ordinal).ToList();
        var weights = new long[ordered.Count, beds.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            var candidates = ShortlistBuilder.Build(ordered[i], beds, Now, MatchingOptions.Default).Candidates.ToDictionary(c => c.BedId);
            for (var j = 0; j < beds.Count; j++)
            {
                weights[i, j] = candidates.TryGetValue(beds[j].BedId, out var c)
                    ? AllocationEngine.Tenths(MatchingOptions.Default.PlacedValue + MatchingOptions.Default.UrgencyPriority(ordered[i].NeededBy) + c.Score)
                    : Hungarian.Forbidden;
            }
        }

        return weights;
    }

    // Every way of giving each row a distinct column or none: (columns + 1)^rows at most, 117,649 for 6 x 6.
    private static long BruteForce(long[,] weights)
    {
        int rows = weights.GetLength(0), columns = weights.GetLength(1);
        var taken = new bool[columns];
        long Best(int row)
        {
            if (row == rows)
            {
                return 0;
            }

            var best = Best(row + 1);
            for (var j = 0; j < columns; j++)
            {
                if (!taken[j] && weights[row, j] != Hungarian.Forbidden)
                {
                    taken[j] = true;
                    best = Math.Max(best, weights[row, j] + Best(row + 1));
                    taken[j] = false;
                }
            }

            return best;
        }

        return Best(0);
    }
}
