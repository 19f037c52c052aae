using System.Globalization;

namespace Commissioning.Brokerage.Matching;

/// <summary>One referral's outcome in an allocation: the bed proposed, or none.</summary>
/// <param name="Score">The bed's score on the referral's shortlist.</param>
/// <param name="Value">What the pair adds to the allocation's total: placed value, score and urgency priority.</param>
internal sealed record AllocationLine(string ReferralId, string? BedId, string? HomeCode, decimal? Score, decimal Value);

/// <summary>One way of allocating the free beds to the waiting referrals.</summary>
/// <param name="Method">"exact" or "first come, first served".</param>
/// <param name="TotalValue">What the exact method maximises: the sum of the lines' values.</param>
/// <param name="TotalScore">The sum of the placed beds' scores: total suitability as the shortlist shows it.</param>
internal sealed record Allocation(string Method, IReadOnlyList<AllocationLine> Lines, int Placed, decimal TotalScore, decimal TotalValue);

/// <summary>How one referral fares under the exact method compared with first come, first served.</summary>
/// <param name="Change">"gains", "loses" or "same".</param>
internal sealed record AllocationDifference(string ReferralId, string Change, AllocationLine Exact, AllocationLine FirstComeFirstServed, string Explanation);

/// <summary>
/// A proposal, never an allocation: a person approves each offer. The exact allocation next to first come, first
/// served, and what differs.
/// </summary>
internal sealed record AllocationProposal(
    Allocation Exact,
    Allocation FirstComeFirstServed,
    IReadOnlyList<AllocationDifference> Differences,
    string Summary);

/// <summary>
/// Allocation when referrals compete for the same free beds (pure). Each referral's candidates come from its own
/// shortlist; a pair's value is <see cref="MatchingOptions.PlacedValue"/> + the bed's score (which includes waiting
/// time) + the referral's urgency priority, and the exact method maximises the total value with the Hungarian
/// algorithm. Known limit: pairs are judged one at a time against the homes as they stand, so two children proposed
/// for the same home are not checked against each other (home mix, risks); the shortlist is built again after each
/// offer a person approves, which catches it.
/// </summary>
internal static class AllocationEngine
{
    public const string ExactMethod = "exact";
    public const string FirstComeFirstServedMethod = "first come, first served";

    public static AllocationProposal Propose(IReadOnlyList<MatchingReferral> referrals, IReadOnlyList<MatchingBed> freeBeds, DateTimeOffset now, MatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(referrals);
        ArgumentNullException.ThrowIfNull(freeBeds);
        ArgumentNullException.ThrowIfNull(options);

        // A fixed order of rows and columns makes the result the same for the same inputs, however they arrive.
        var queue = referrals.OrderBy(r => r.WaitingSince).ThenBy(r => r.ReferralId, StringComparer.Ordinal).ToList();
        var beds = freeBeds.OrderBy(b => b.BedId, StringComparer.Ordinal).ToList();
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < beds.Count; j++)
        {
            column.Add(beds[j].BedId, j);
        }

        var weights = new long[queue.Count, beds.Count];
        var shortlists = new List<Shortlist>(queue.Count);
        for (var i = 0; i < queue.Count; i++)
        {
            for (var j = 0; j < beds.Count; j++)
            {
                weights[i, j] = Hungarian.Forbidden;
            }

            var shortlist = ShortlistBuilder.Build(queue[i], beds, now, options);
            shortlists.Add(shortlist);
            var priority = options.PlacedValue + options.UrgencyPriority(queue[i].NeededBy);
            foreach (var candidate in shortlist.Candidates)
            {
                weights[i, column[candidate.BedId]] = Tenths(priority + candidate.Score);
            }
        }

        var exact = Hungarian.MaximumWeightAssignment(weights);
        var exactLines = queue.Select((r, i) => Line(r, shortlists[i], exact[i] < 0 ? null : beds[exact[i]], options)).ToList();

        var taken = new HashSet<string>(StringComparer.Ordinal);
        var firstComeLines = new List<AllocationLine>(queue.Count);
        for (var i = 0; i < queue.Count; i++)
        {
            // Candidates are already best first, so the first one still free is this referral's best free bed.
            var best = shortlists[i].Candidates.FirstOrDefault(c => !taken.Contains(c.BedId));
            if (best is not null)
            {
                taken.Add(best.BedId);
            }

            firstComeLines.Add(Line(queue[i], shortlists[i], best is null ? null : beds[column[best.BedId]], options));
        }

        var exactAllocation = Summarise(ExactMethod, exactLines);
        var firstCome = Summarise(FirstComeFirstServedMethod, firstComeLines);
        var differences = exactLines.Zip(firstComeLines, Compare).ToList();
        return new AllocationProposal(exactAllocation, firstCome, differences, Summary(exactAllocation, firstCome, differences));
    }

    /// <summary>Values in tenths of a point: scores have one decimal place, so whole numbers keep the optimum exact.</summary>
    public static long Tenths(decimal points) => (long)Math.Round(points * 10, MidpointRounding.AwayFromZero);

    private static AllocationLine Line(MatchingReferral referral, Shortlist shortlist, MatchingBed? bed, MatchingOptions options)
    {
        if (bed is null)
        {
            return new AllocationLine(referral.ReferralId, null, null, null, 0);
        }

        var score = shortlist.Candidates.First(c => c.BedId == bed.BedId).Score;
        return new AllocationLine(referral.ReferralId, bed.BedId, bed.Home.HomeCode, score, options.PlacedValue + options.UrgencyPriority(referral.NeededBy) + score);
    }

    private static Allocation Summarise(string method, List<AllocationLine> lines) =>
        new(method, lines, lines.Count(l => l.BedId is not null), lines.Sum(l => l.Score ?? 0), lines.Sum(l => l.Value));

    private static AllocationDifference Compare(AllocationLine exact, AllocationLine firstCome)
    {
        if (exact.BedId == firstCome.BedId)
        {
            var same = exact.BedId is null
                ? "No bed under either method."
                : $"Bed {exact.BedId} at {exact.HomeCode} (score {P(exact.Score)}) under both methods.";
            return new(exact.ReferralId, "same", exact, firstCome, same);
        }

        var (change, text) = (exact.BedId, firstCome.BedId) switch
        {
            (not null, null) => ("gains", $"Placed in bed {exact.BedId} at {exact.HomeCode} (score {P(exact.Score)}); first come, first served leaves the child without a bed because earlier referrals took the beds that fit."),
            (null, not null) => ("loses", $"Not placed; first come, first served gives bed {firstCome.BedId} at {firstCome.HomeCode} (score {P(firstCome.Score)}), which the exact method gives to a child who has no other bed or more urgent need."),
            _ when exact.Score > firstCome.Score => ("gains", $"Bed {exact.BedId} at {exact.HomeCode} (score {P(exact.Score)}) instead of {firstCome.BedId} at {firstCome.HomeCode} (score {P(firstCome.Score)})."),
            _ when exact.Score < firstCome.Score => ("loses", $"Bed {exact.BedId} at {exact.HomeCode} (score {P(exact.Score)}) instead of {firstCome.BedId} at {firstCome.HomeCode} (score {P(firstCome.Score)}), so that another child can be placed or placed better."),
            _ => ("same", $"Bed {exact.BedId} at {exact.HomeCode} instead of {firstCome.BedId} at {firstCome.HomeCode}, with the same score ({P(exact.Score)})."),
        };
        return new(exact.ReferralId, change, exact, firstCome, text);
    }

    private static string Summary(Allocation exact, Allocation firstCome, List<AllocationDifference> differences)
    {
        var gains = differences.Count(d => d.Change == "gains");
        var loses = differences.Count(d => d.Change == "loses");
        var head = $"The exact allocation places {exact.Placed} children with a total score of {P(exact.TotalScore)} (value {P(exact.TotalValue)}); "
            + $"first come, first served places {firstCome.Placed} with a total score of {P(firstCome.TotalScore)} (value {P(firstCome.TotalValue)}).";
        return gains + loses == 0
            ? head + " Every child fares the same under both."
            : head + $" {gains} {(gains == 1 ? "child gains" : "children gain")} and {loses} {(loses == 1 ? "child loses" : "children lose")} under the exact allocation. It is a proposal: a person approves each offer.";
    }

    private static string P(decimal? points) => (points ?? 0).ToString("0.#", CultureInfo.InvariantCulture);
}
