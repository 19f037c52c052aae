using System.Diagnostics;

namespace Commissioning.Benchmarks;

/// <summary>What one timed run did.</summary>
/// <param name="Operations">Completed operations (appends, or events for the catch-up).</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
/// <param name="ClientCpu">CPU time this process used during the run, when measured.</param>
/// <param name="ServerCpu">CPU time the server's processes used during the run, when measured.</param>
public readonly record struct RunResult(long Operations, TimeSpan Elapsed, TimeSpan? ClientCpu = null, TimeSpan? ServerCpu = null)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>Client CPU microseconds per operation.</summary>
    public double? ClientMicroseconds => ClientCpu?.TotalMicroseconds / Operations;

    /// <summary>Server CPU microseconds per operation.</summary>
    public double? ServerMicroseconds => ServerCpu?.TotalMicroseconds / Operations;

    /// <summary>Runs <paramref name="run"/> and adds the CPU time it used on each side.</summary>
    public static async Task<RunResult> WithCpuAsync(CpuMeter meter, Func<Task<RunResult>> run, CancellationToken cancellationToken)
    {
        var start = await meter.SampleAsync(cancellationToken);
        var result = await run();
        var (client, server) = (await meter.SampleAsync(cancellationToken)).Since(start);
        return result with { ClientCpu = client, ServerCpu = server };
    }
}

public static class Measure
{
    /// <summary>
    /// Runs <paramref name="writers"/> loops of <paramref name="operation"/> side by side until
    /// <paramref name="duration"/> has passed; counts completed operations over the time until the last writer stopped.
    /// </summary>
    public static async Task<RunResult> ConcurrentAsync(int writers, TimeSpan duration, Func<int, long, Task> operation, CancellationToken cancellationToken)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counts = new long[writers];
        var watch = new Stopwatch();
        var tasks = new Task[writers];
        for (var w = 0; w < writers; w++)
        {
            var writer = w;
            tasks[w] = Task.Run(async () =>
            {
                await start.Task;
                long k = 0;
                while (watch.Elapsed < duration && !cancellationToken.IsCancellationRequested)
                {
                    await operation(writer, k++);
                    counts[writer]++;
                }
            }, CancellationToken.None);
        }

        watch.Start();
        start.SetResult();
        await Task.WhenAll(tasks);
        watch.Stop();
        return new RunResult(counts.Sum(), watch.Elapsed);
    }

    /// <summary>Times one call that handles <paramref name="operations"/> items.</summary>
    public static async Task<RunResult> OnceAsync(long operations, Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return new RunResult(operations, watch.Elapsed);
    }

    /// <summary>The median of the values present, or null when none is.</summary>
    public static double? Median(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : Median(present);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
