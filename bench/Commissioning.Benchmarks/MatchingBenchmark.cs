using System.Diagnostics;
using Commissioning.Brokerage.Matching;

namespace Commissioning.Benchmarks;

/// <summary>Timings of one matching measurement, in milliseconds per call.</summary>
/// <param name="CpuMilliseconds">This process's CPU time per call over the timed runs (all threads, so GC included).</param>
internal sealed record MatchingTimings(string Name, string Timed, IReadOnlyList<double> Milliseconds, double CpuMilliseconds)
{
    public double Median => Measure.Median(Milliseconds);
}

/// <summary>What the matching benchmark measured and checked.</summary>
internal sealed record MatchingResult(
    int Homes,
    int Beds,
    int Residents,
    int FreeBeds,
    MatchingTimings Shortlist,
    MatchingTimings ShortlistBaseline,
    double MedianCandidates,
    int AllocationReferrals,
    int AllocationBeds,
    double AllocationFeasiblePairs,
    MatchingTimings Allocation,
    MatchingTimings HungarianOnly,
    AllocationProposal Proposal);

/// <summary>
/// Brokerage's pure matching engine against a synthetic national-scale register (no database): the shortlist for one
/// referral, and the exact allocation of many waiting referrals to many free beds. Everything is generated from a
/// fixed seed, so every run measures the same work.
/// </summary>
internal sealed class MatchingBenchmark(BenchOptions options, TextWriter log)
{
    public const int RegisterHomes = 3_000;
    public const int RegisterBeds = 10_000;
    public const int RegisterResidents = 7_000;

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly RequiredBy = new(2026, 12, 7);
    private static readonly string[] SubRegion = ["RM1", "RM3", "RM7", "RM10", "IG1", "IG11", "E1", "E6", "E13", "E17", "N16", "EC1"];
    private static readonly string[] SpecialismNames = ["autism", "trauma-informed care", "therapeutic", "learning disability", "sport", "education on site"];

    public MatchingResult Run(CancellationToken cancellationToken)
    {
        var random = new Random(20261123);
        var watch = Stopwatch.StartNew();
        var register = Register(random, RegisterHomes, RegisterBeds, RegisterResidents, freeShare: 1.0);
        var referrals = Enumerable.Range(1, 64).Select(i => Referral(random, $"REF-{i:D4}")).ToList();
        log.WriteLine($"matching: register of {RegisterHomes} homes, {register.Count} beds, {RegisterResidents} residents generated in {watch.ElapsedMilliseconds} ms");

        // Shortlist: one referral against every bed of the register, a different referral each call.
        var shortlistTimes = new List<double>();
        var baselineTimes = new List<double>();
        var candidates = new List<double>();
        var checksum = 0.0;
        var (allocated, gen0, gen1, gen2) = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var shortlistCpu = TimeSpan.Zero;
        var baselineCpu = TimeSpan.Zero;
        for (var run = -options.Runs; run < options.ShortlistRuns && !cancellationToken.IsCancellationRequested; run++)
        {
            var referral = referrals[(run + options.Runs) % referrals.Count];
            var cpu = Cpu();
            var started = Stopwatch.GetTimestamp();
            var shortlist = ShortlistBuilder.Build(referral, register, Now, MatchingOptions.Default);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var shortlistCpuOfRun = Cpu() - cpu;

            // Baseline: one bare pass over the same register (each bed's home distance), to read the engine's
            // time against what merely touching every bed costs on this machine at this moment.
            cpu = Cpu();
            started = Stopwatch.GetTimestamp();
            foreach (var bed in register)
            {
                checksum += referral.HomeLocation.MilesTo(bed.Home.Location);
            }

            var baseline = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var baselineCpuOfRun = Cpu() - cpu;
            if (shortlist.Candidates.Count + shortlist.Excluded.Count != register.Count)
            {
                throw new InvalidOperationException($"The shortlist for {referral.ReferralId} lists {shortlist.Candidates.Count + shortlist.Excluded.Count} beds, not {register.Count}.");
            }

            if (run >= 0)
            {
                shortlistTimes.Add(elapsed);
                baselineTimes.Add(baseline);
                shortlistCpu += shortlistCpuOfRun;
                baselineCpu += baselineCpuOfRun;
                candidates.Add(shortlist.Candidates.Count);
            }
        }

        var calls = options.Runs + options.ShortlistRuns;
        log.WriteLine($"matching: {shortlistTimes.Count} shortlists, median {Measure.Median(shortlistTimes):F2} ms (checksum {checksum:F0}); "
            + $"{(GC.GetTotalAllocatedBytes() - allocated) / calls / 1024} KiB allocated per shortlist, garbage collections gen0/1/2: "
            + $"{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} over {calls} calls");

        // Allocation: waiting referrals against free, confirmed beds, all of which compete. The homes' residents
        // live in other beds of theirs, not in the list.
        var allocationBeds = Register(random, options.AllocationBeds * 3 / 10, options.AllocationBeds, options.AllocationBeds * 7 / 10, freeShare: 0)
            .Select(b => b with { Availability = new BedAvailability(RequiredBy.AddDays(-random.Next(0, 30)), Confirmed: true) })
            .ToList();
        var waiting = Enumerable.Range(1, options.AllocationReferrals).Select(i => Referral(random, $"WAIT-{i:D4}")).ToList();
        var weights = Weights(waiting, allocationBeds);
        var feasible = (double)weights.Cast<long>().Count(w => w != Hungarian.Forbidden) / waiting.Count;

        var allocationTimes = new List<double>();
        var allocationCpu = TimeSpan.Zero;
        AllocationProposal? proposal = null;
        for (var run = -1; run < options.Runs && !cancellationToken.IsCancellationRequested; run++)
        {
            var cpu = Cpu();
            var started = Stopwatch.GetTimestamp();
            proposal = AllocationEngine.Propose(waiting, allocationBeds, Now, MatchingOptions.Default);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (run >= 0)
            {
                allocationTimes.Add(elapsed);
                allocationCpu += Cpu() - cpu;
            }
        }

        Verify(proposal!);

        // Diagnostic: the Hungarian algorithm alone on a weight matrix of the same shape and density.
        var hungarianTimes = new List<double>();
        var hungarianCpu = TimeSpan.Zero;
        for (var run = -1; run < options.Runs && !cancellationToken.IsCancellationRequested; run++)
        {
            var cpu = Cpu();
            var started = Stopwatch.GetTimestamp();
            _ = Hungarian.MaximumWeightAssignment(weights);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (run >= 0)
            {
                hungarianTimes.Add(elapsed);
                hungarianCpu += Cpu() - cpu;
            }
        }

        log.WriteLine($"matching: {allocationTimes.Count} allocations, median {Measure.Median(allocationTimes):F0} ms");
        return new MatchingResult(
            RegisterHomes, register.Count, RegisterResidents, register.Count(b => b.Availability is not null),
            new MatchingTimings("Shortlist for one referral", "`ShortlistBuilder.Build`: every hard constraint on every bed, scores, ranking, reasons", shortlistTimes, PerCall(shortlistCpu, shortlistTimes)),
            new MatchingTimings("Bare pass over the register (baseline)", "one great-circle distance per bed, nothing else", baselineTimes, PerCall(baselineCpu, baselineTimes)),
            Measure.Median(candidates),
            waiting.Count, allocationBeds.Count, feasible,
            new MatchingTimings("Exact allocation, whole proposal", $"`AllocationEngine.Propose`: {waiting.Count} shortlists, the Hungarian algorithm, first come first served, the comparison", allocationTimes, PerCall(allocationCpu, allocationTimes)),
            new MatchingTimings("Hungarian algorithm alone (diagnostic)", "`Hungarian.MaximumWeightAssignment` on the same weight matrix", hungarianTimes, PerCall(hungarianCpu, hungarianTimes)),
            proposal!);
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static double PerCall(TimeSpan cpu, List<double> runs) => runs.Count == 0 ? double.NaN : cpu.TotalMilliseconds / runs.Count;

    private static void Verify(AllocationProposal proposal)
    {
        var beds = proposal.Exact.Lines.Where(l => l.BedId is not null).Select(l => l.BedId).ToList();
        if (beds.Count != beds.Distinct(StringComparer.Ordinal).Count())
        {
            throw new InvalidOperationException("The exact allocation gave a bed twice.");
        }

        if (proposal.Exact.TotalValue < proposal.FirstComeFirstServed.TotalValue)
        {
            throw new InvalidOperationException("The exact allocation is worth less than first come, first served.");
        }
    }

    private static long[,] Weights(List<MatchingReferral> referrals, List<MatchingBed> beds)
    {
        var column = beds.Select((b, j) => (b.BedId, j)).ToDictionary(x => x.BedId, x => x.j, StringComparer.Ordinal);
        var weights = new long[referrals.Count, beds.Count];
        for (var i = 0; i < referrals.Count; i++)
        {
            for (var j = 0; j < beds.Count; j++)
            {
                weights[i, j] = Hungarian.Forbidden;
            }

            foreach (var c in ShortlistBuilder.Build(referrals[i], beds, Now, MatchingOptions.Default).Candidates)
            {
                weights[i, column[c.BedId]] = AllocationEngine.Tenths(MatchingOptions.Default.PlacedValue + c.Score);
            }
        }

        return weights;
    }

    /// <summary>
    /// Homes across England (a tenth of them in and around north-east London), each with at least three beds;
    /// <paramref name="residents"/> of the beds are occupied and the residents live in those beds' homes.
    /// </summary>
    private static List<MatchingBed> Register(Random random, int homes, int beds, int residents, double freeShare)
    {
        var bedsPerHome = new int[homes];
        for (var b = 0; b < beds; b++)
        {
            bedsPerHome[b < homes * 3 ? b % homes : random.Next(homes)]++;
        }

        var occupied = new bool[beds];
        foreach (var b in Enumerable.Range(0, beds).OrderBy(_ => random.Next()).Take(residents))
        {
            occupied[b] = true;
        }

        var register = new List<MatchingBed>(beds);
        var next = 0;
        for (var h = 0; h < homes; h++)
        {
            var bedIndexes = Enumerable.Range(next, bedsPerHome[h]).ToList();
            next += bedsPerHome[h];
            var home = Home(random, $"HOME-{h + 1:D4}", bedIndexes.Count(b => occupied[b]));
            foreach (var b in bedIndexes)
            {
                var availability = occupied[b] ? null
                    : random.NextDouble() < freeShare ? new BedAvailability(RequiredBy.AddDays(random.Next(-30, 30)), random.Next(5) > 0)
                    : null;
                register.Add(new MatchingBed($"BED-{b + 1:D5}", home, home.Bands.ElementAt(random.Next(home.Bands.Count)), availability));
            }
        }

        return register;
    }

    private static MatchingHome Home(Random random, string code, int residents)
    {
        var local = random.Next(10) == 0;
        var location = local
            ? new GeoPoint(51.50 + (random.NextDouble() * 0.15), -0.10 + (random.NextDouble() * 0.35))
            : new GeoPoint(50.4 + (random.NextDouble() * 4.5), -4.5 + (random.NextDouble() * 6.1));
        var bands = Enum.GetValues<NeedBand>().Where(_ => random.Next(3) > 0).ToList();
        var minimum = random.Next(8, 13);
        return new MatchingHome(
            code,
            $"PRV-{random.Next(400):D3}",
            local ? SubRegion[random.Next(SubRegion.Length)] : $"X{random.Next(2_000)}",
            location,
            bands.Count == 0 ? [NeedBand.Medium] : bands,
            minimum,
            Math.Min(21, minimum + random.Next(5, 10)),
            random.Next(4) switch { 0 => [Sex.Female], 1 => [Sex.Male], _ => [Sex.Female, Sex.Male] },
            Registered: random.Next(50) > 0,
            Suspended: random.Next(30) == 0,
            random.Next(4) == 0 ? [RiskFields.All[random.Next(RiskFields.All.Count)].LimitCode] : random.Next(20) == 0 ? ["solo-placements-only"] : [],
            HomeMixLimit: random.Next(1, 4),
            [.. Enumerable.Range(0, residents).Select(_ => new CurrentResident((NeedBand)random.Next(4), Risks(random)))],
            random.Next(6) == 0 ? null : (OfstedGrade)random.Next(3),
            [.. SpecialismNames.Where(_ => random.Next(4) == 0)]);
    }

    private static MatchingReferral Referral(Random random, string id)
    {
        GeoPoint London() => new(51.50 + (random.NextDouble() * 0.15), -0.10 + (random.NextDouble() * 0.35));
        return new MatchingReferral(
            id,
            (NeedBand)random.Next(4),
            new DateOnly(2009 + random.Next(6), 1 + random.Next(12), 1 + random.Next(28)),
            (Sex)random.Next(2),
            RequiredBy,
            (NeededBy)random.Next(3),
            London(),
            random.Next(3) == 0 ? null : London(),
            random.Next(3) == 0 ? [SubRegion[random.Next(SubRegion.Length)]] : [],
            random.Next(10) == 0,
            Risks(random),
            random.Next(6) == 0 ? [new Sibling($"HOME-{random.Next(1, RegisterHomes):D4}", London())] : [],
            [.. SpecialismNames.Where(_ => random.Next(5) == 0)],
            Now.AddHours(-random.Next(1, 24 * 30)));
    }

    private static Risks Risks(Random random) =>
        RiskFields.All.Where(_ => random.Next(10) == 0).Aggregate(Brokerage.Matching.Risks.None, (r, f) => r | f.Risk);
}
