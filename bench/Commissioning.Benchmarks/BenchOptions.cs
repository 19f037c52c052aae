using System.Globalization;

namespace Commissioning.Benchmarks;

/// <summary>What to run and for how long.</summary>
public sealed record BenchOptions
{
    public bool Quick { get; init; }

    /// <summary>Timed runs per measurement, after one warm-up.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>How long each timed append run lasts.</summary>
    public TimeSpan RunDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long each append warm-up lasts.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The concurrent writer count of the concurrent append scenarios.</summary>
    public int Writers { get; init; } = 8;

    /// <summary>Events loaded for the catch-up measurements.</summary>
    public int CatchUpEvents { get; init; } = 200_000;

    /// <summary>Whether to issue CHECKPOINT before each timed run (off in the smoke run: it costs seconds).</summary>
    public bool CheckpointBeforeRuns { get; init; } = true;

    /// <summary>Npgsql's Max Auto Prepare for the benchmark's data source: 50, as the host sets it; 0 turns it off.</summary>
    public int AutoPrepare { get; init; } = 50;

    public bool Appends { get; init; } = true;

    /// <summary>Brokerage's matching engine (no database).</summary>
    public bool Matching { get; init; } = true;

    /// <summary>Waiting referrals in the allocation measurement (the target is for 200).</summary>
    public int AllocationReferrals { get; init; } = 200;

    /// <summary>Free beds in the allocation measurement (the target is for 1,000).</summary>
    public int AllocationBeds { get; init; } = 1_000;

    /// <summary>Timed shortlists (each for a different referral), after as many warm-up calls as <see cref="Runs"/>.</summary>
    public int ShortlistRuns { get; init; } = 101;

    public bool CatchUp { get; init; } = true;

    public static string Usage => """
        Commissioning.Benchmarks [--quick] [--runs N] [--seconds S] [--events N] [--writers N] [--auto-prepare N] [--shortlists N]
                                 [--appends-only | --catch-up-only | --matching-only | --no-matching]

          --quick          a smoke run of a few seconds (2 short runs, 2,000 events, 11 shortlists, a 50 x 250 allocation,
                           no forced checkpoints), for CI
          --runs N         timed runs per measurement after the warm-up (default 5; allocations too)
          --shortlists N   timed shortlists for the matching measurement (default 101)
          --seconds S      length of each timed append run (default 2)
          --events N       events loaded for the catch-up measurements (default 200000)
          --writers N      writers of the concurrent append scenarios (default 8)
          --auto-prepare N Npgsql 'Max Auto Prepare' on the data source (default 50, as the host sets it; 0 is off)

        --matching-only runs only the matching engine and needs no database; --no-matching leaves it out.
        Uses the server in COMMISSIONING_BENCH_DB (a connection string; the benchmark creates and drops a database
        of its own there) or else starts a throwaway PostgreSQL cluster with durable settings. Prints Markdown.
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = args.Contains("--quick")
            ? new BenchOptions
            {
                Quick = true,
                Runs = 2,
                RunDuration = TimeSpan.FromSeconds(0.2),
                WarmUp = TimeSpan.FromSeconds(0.1),
                CatchUpEvents = 2_000,
                CheckpointBeforeRuns = false,
                ShortlistRuns = 11,
                AllocationReferrals = 50,
                AllocationBeds = 250,
            }
            : new BenchOptions();

        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--quick" => options,
                "--runs" => options with { Runs = Math.Max(1, int.Parse(Value(args, ++i), CultureInfo.InvariantCulture)) },
                "--seconds" => options with { RunDuration = TimeSpan.FromSeconds(double.Parse(Value(args, ++i), CultureInfo.InvariantCulture)) },
                "--events" => options with { CatchUpEvents = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture) },
                "--writers" => options with { Writers = Math.Max(1, int.Parse(Value(args, ++i), CultureInfo.InvariantCulture)) },
                "--auto-prepare" => options with { AutoPrepare = Math.Max(0, int.Parse(Value(args, ++i), CultureInfo.InvariantCulture)) },
                "--shortlists" => options with { ShortlistRuns = Math.Max(1, int.Parse(Value(args, ++i), CultureInfo.InvariantCulture)) },
                "--appends-only" => options with { CatchUp = false, Matching = false },
                "--catch-up-only" => options with { Appends = false, Matching = false },
                "--matching-only" => options with { Appends = false, CatchUp = false },
                "--no-matching" => options with { Matching = false },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        return options;
    }

    private static string Value(string[] args, int i) =>
        i < args.Length ? args[i] : throw new ArgumentException($"'{args[i - 1]}' needs a value.");
}
