using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Commissioning.Benchmarks;

/// <summary>CPU time used so far by this process, and by each of the server's processes (clock ticks by pid).</summary>
public sealed record CpuSample(TimeSpan Client, IReadOnlyDictionary<int, long>? Server)
{
    /// <summary>CPU used between <paramref name="start"/> and this sample; a server process that appeared in between counts from its start.</summary>
    public (TimeSpan Client, TimeSpan? Server) Since(CpuSample start) => (
        Client - start.Client,
        Server is null || start.Server is null
            ? null
            : TimeSpan.FromSeconds(Server.Sum(p => p.Value - start.Server.GetValueOrDefault(p.Key)) / CpuMeter.TicksPerSecond));
}

/// <summary>
/// Splits a run's CPU time between the client (this process) and the server (every PostgreSQL process listed
/// in <c>pg_stat_activity</c>: backends, WAL writer, checkpointer and so on, read from <c>/proc</c>). The server
/// side is only known when the server runs on this machine under Linux, that is for the throwaway cluster.
/// </summary>
public sealed class CpuMeter(NpgsqlDataSource dataSource, bool serverIsLocal)
{
    // Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture .NET runs on.
    public const double TicksPerSecond = 100;

    public bool MeasuresServer { get; } = serverIsLocal && OperatingSystem.IsLinux();

    public async Task<CpuSample> SampleAsync(CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        var client = process.TotalProcessorTime;
        if (!MeasuresServer)
        {
            return new CpuSample(client, null);
        }

        var pids = new List<int>();
        await using (var command = dataSource.CreateCommand("SELECT pid FROM pg_stat_activity"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                pids.Add(reader.GetInt32(0));
            }
        }

        return new CpuSample(client, pids.ToDictionary(pid => pid, ProcessTicks));
    }

    /// <summary>utime + stime of one process, 0 if it has gone.</summary>
    private static long ProcessTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }

        // The command name (field 2) is in parentheses and may hold spaces; fields after it are plain.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
