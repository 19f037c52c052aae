using System.Globalization;
using System.Runtime.InteropServices;

namespace Commissioning.Benchmarks;

public sealed record ReportInput(
    BenchOptions Options,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    string ServerOrigin,
    string ServerVersion,
    IReadOnlyList<(string Name, string Value)> Settings,
    IReadOnlyList<AppendResult> Appends,
    IReadOnlyList<CatchUpResult> CatchUps,
    long CatchUpEvents,
    long CatchUpStreams);

/// <summary>The Markdown report on standard output.</summary>
public static class Report
{
    /// <summary>Appends through the store must reach at least this share of the raw INSERT rate.</summary>
    public const double AppendTarget = 0.5;

    /// <summary>Catch-up must apply at least this many events per second.</summary>
    public const double CatchUpTarget = 20_000;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, ReportInput input)
    {
        var o = input.Options;
        output.WriteLine("## Event store benchmark" + (o.Quick ? " (--quick smoke run: numbers are not meaningful)" : ""));
        output.WriteLine();
        output.WriteLine($"- When: {input.Started:yyyy-MM-dd HH:mm} UTC, {(input.Finished - input.Started).TotalSeconds:F0} s in all");
        output.WriteLine($"- Machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, client and server on the same machine");
        output.WriteLine($"- Server: PostgreSQL {input.ServerVersion}, {input.ServerOrigin}; "
            + string.Join(", ", input.Settings.Select(s => $"{s.Name}={s.Value}")));
        output.WriteLine($"- Method: {o.Runs} timed runs per measurement after one warm-up; append runs last {o.RunDuration.TotalSeconds.ToString(Invariant)} s each, "
            + "store and raw runs alternate (store first, then raw first) and the ratio is the median of the per-pair ratios");
        output.WriteLine($"- Client: Npgsql data source with {(o.AutoPrepare > 0 ? $"Max Auto Prepare={o.AutoPrepare} (the host sets 50)" : "no automatic statement preparation (Npgsql's default; the host sets Max Auto Prepare=50)")}; a new pooled connection per append");
        output.WriteLine();

        if (input.Appends.Count > 0)
        {
            output.WriteLine("### Appends (durable commits)");
            output.WriteLine();
            output.WriteLine("| Events per append | Writers | Event store appends/s | Raw INSERT appends/s | Store / raw (median) | Store / raw (min-max) | Event store events/s |");
            output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var a in input.Appends)
            {
                output.WriteLine($"| {a.EventsPerAppend} | {a.Writers} | {N(a.StoreMedian)} | {N(a.RawMedian)} | {a.RatioMedian:F2} | "
                    + $"{a.Ratios.Min():F2}-{a.Ratios.Max():F2} | {N(a.StoreMedian * a.EventsPerAppend)} |");
            }

            output.WriteLine();
            output.WriteLine("CPU time per append in microseconds (medians; client = this process, server = all PostgreSQL processes):");
            output.WriteLine();
            output.WriteLine("| Events per append | Writers | Store client | Raw client | Store server | Raw server | Store total / raw total |");
            output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var a in input.Appends)
            {
                var (sc, ss) = a.StoreCpu;
                var (rc, rs) = a.RawCpu;
                var total = ss is null || rs is null ? "n/a" : ((sc + ss) / (rc + rs))?.ToString("F2", Invariant) ?? "n/a";
                output.WriteLine($"| {a.EventsPerAppend} | {a.Writers} | {U(sc)} | {U(rc)} | {U(ss)} | {U(rs)} | {total} |");
            }

            output.WriteLine();
        }

        if (input.CatchUps.Count > 0)
        {
            output.WriteLine($"### Async projection from zero ({N(input.CatchUpEvents)} events, {N(input.CatchUpStreams)} streams, one upsert per event)");
            output.WriteLine();
            output.WriteLine("| Measurement | What is timed | Events/s (median) | Events/s (min-max) | Time (median) | CPU µs/event client, server |");
            output.WriteLine("|---|---|---:|---:|---:|---:|");
            foreach (var c in input.CatchUps)
            {
                output.WriteLine($"| {c.Name} | {c.Timed} | {N(c.Median)} | {N(c.Runs.Min(r => r.PerSecond))}-{N(c.Runs.Max(r => r.PerSecond))} | "
                    + $"{c.MedianTime.TotalSeconds:F1} s | {U(c.Cpu.Client)}, {U(c.Cpu.Server)} |");
            }

            if (input.CatchUps.Count > 1 && input.CatchUps.FirstOrDefault(c => c.Name.Contains("Auto Prepare", StringComparison.Ordinal)) is { } prepared)
            {
                var ratios = prepared.Runs.Zip(input.CatchUps[0].Runs, (p, d) => p.PerSecond / d.PerSecond).ToList();
                output.WriteLine();
                output.WriteLine($"Catch-up with automatic preparation over the default, median of the per-run ratios: {Measure.Median(ratios):F2} x ({ratios.Min():F2}-{ratios.Max():F2}).");
            }

            output.WriteLine();
        }

        output.WriteLine("### Targets");
        output.WriteLine();
        output.WriteLine("| Target | Measured (median) | Met |");
        output.WriteLine("|---|---|---|");
        foreach (var a in input.Appends)
        {
            output.WriteLine($"| Appends at least {AppendTarget:F1} x raw INSERT ({a.EventsPerAppend} per append, {a.Writers} writer(s)) | {a.RatioMedian:F2} x | {Met(a.RatioMedian >= AppendTarget)} |");
        }

        foreach (var c in input.CatchUps.Where(c => !c.Name.Contains("(diagnostic)", StringComparison.Ordinal)))
        {
            output.WriteLine($"| {c.Name}: at least {N(CatchUpTarget)} events/s | {N(c.Median)} events/s | {Met(c.Median >= CatchUpTarget)} |");
        }
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string N(double value) => value.ToString("N0", Invariant);

    private static string U(double? microseconds) => microseconds?.ToString("N0", Invariant) ?? "n/a";
}
