using System.Globalization;
using System.Runtime.InteropServices;

namespace Commissioning.Benchmarks;

/// <summary>The matching section of the Markdown report.</summary>
internal static class MatchingReport
{
    /// <summary>The shortlist for one referral against a national-scale register: median under this (issue 5).</summary>
    public const double ShortlistTargetMilliseconds = 20;

    /// <summary>The exact allocation of 200 referrals against 1,000 free beds: under this (issue 5).</summary>
    public const double AllocationTargetMilliseconds = 1_000;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, BenchOptions o, DateTimeOffset started, DateTimeOffset finished, MatchingResult r)
    {
        output.WriteLine("## Matching benchmark" + (o.Quick ? " (--quick smoke run: numbers are not meaningful)" : ""));
        output.WriteLine();
        output.WriteLine($"- When: {started:yyyy-MM-dd HH:mm} UTC, {(finished - started).TotalSeconds:F0} s in all");
        output.WriteLine($"- Machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, "
            + $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; load average at the end {LoadAverage()}; no database (the engine is pure)");
        output.WriteLine($"- Register (synthetic, fixed seed): {N(r.Homes)} homes, {N(r.Beds)} beds, {N(r.Residents)} current residents, {N(r.FreeBeds)} beds free; "
            + $"median {r.MedianCandidates:F0} candidates per shortlist");
        output.WriteLine($"- Allocation: {N(r.AllocationReferrals)} waiting referrals against {N(r.AllocationBeds)} free confirmed beds, "
            + $"{r.AllocationFeasiblePairs:F0} feasible beds per referral on average");
        output.WriteLine($"- Method: {o.Runs} warm-up shortlists then {o.ShortlistRuns} timed, each for a different referral; 1 warm-up allocation then {o.Runs} timed; medians");
        output.WriteLine();
        output.WriteLine("| Measurement | What is timed | Median ms | Min-max ms | CPU ms per call (mean) | Runs |");
        output.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var t in new[] { r.Shortlist, r.ShortlistBaseline, r.Allocation, r.HungarianOnly })
        {
            output.WriteLine($"| {t.Name} | {t.Timed} | {t.Median:F2} | {t.Milliseconds.Min():F2}-{t.Milliseconds.Max():F2} | {t.CpuMilliseconds:F2} | {t.Milliseconds.Count} |");
        }

        output.WriteLine();
        output.WriteLine($"Shortlist over the bare pass (median of the medians): {r.Shortlist.Median / r.ShortlistBaseline.Median:F1} x. "
            + $"Hungarian algorithm's share of the whole allocation: {r.HungarianOnly.Median / r.Allocation.Median:P0}.");
        output.WriteLine();

        var exact = r.Proposal.Exact;
        var firstCome = r.Proposal.FirstComeFirstServed;
        output.WriteLine("| Allocation | Children placed | Total score | Total value (maximised) |");
        output.WriteLine("|---|---:|---:|---:|");
        output.WriteLine($"| Exact (Hungarian) | {exact.Placed} | {exact.TotalScore.ToString("N1", Invariant)} | {exact.TotalValue.ToString("N1", Invariant)} |");
        output.WriteLine($"| First come, first served | {firstCome.Placed} | {firstCome.TotalScore.ToString("N1", Invariant)} | {firstCome.TotalValue.ToString("N1", Invariant)} |");
        output.WriteLine();
        output.WriteLine($"Exact over first come, first served: value {exact.TotalValue / Math.Max(1, firstCome.TotalValue):F3} x; "
            + $"{r.Proposal.Differences.Count(d => d.Change == "gains")} referrals gain, {r.Proposal.Differences.Count(d => d.Change == "loses")} lose.");
        output.WriteLine();

        output.WriteLine("### Matching targets");
        output.WriteLine();
        output.WriteLine("| Target | Measured (median) | Median / target | Met |");
        output.WriteLine("|---|---|---:|---|");
        output.WriteLine($"| Shortlist, {N(r.Homes)} homes / {N(r.Beds)} beds / {N(r.Residents)} residents: median under {ShortlistTargetMilliseconds:F0} ms | {r.Shortlist.Median:F2} ms | "
            + $"{r.Shortlist.Median / ShortlistTargetMilliseconds:F2} | {Met(r.Shortlist.Median < ShortlistTargetMilliseconds)} |");
        output.WriteLine($"| Exact allocation, {r.AllocationReferrals} referrals x {N(r.AllocationBeds)} beds: under {AllocationTargetMilliseconds:F0} ms | {r.Allocation.Median:F0} ms | "
            + $"{r.Allocation.Median / AllocationTargetMilliseconds:F2} | {(r.AllocationReferrals == 200 && r.AllocationBeds == 1_000 ? Met(r.Allocation.Median < AllocationTargetMilliseconds) : "n/a: the target is for 200 x 1,000")} |");
        output.WriteLine();
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string N(double value) => value.ToString("N0", Invariant);
}
