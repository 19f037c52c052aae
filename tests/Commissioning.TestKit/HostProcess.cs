using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Commissioning.TestKit;

/// <summary>What a command-line verb of the host did.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Output">Its standard output.</param>
/// <param name="Error">Its standard error (where logs and progress go).</param>
public sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>
/// The real host executable, started as its own process: black-box tests talk to it over HTTP on a free loopback
/// port, or run its command-line verbs. Built before the tests by the test project's reference to it.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where the host listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>An HTTP client aimed at the host.</summary>
    public HttpClient Client { get; }

    /// <summary>The process id, for tests that kill it.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Everything the host has printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The host's entry assembly, from the build output beside this test's configuration.</summary>
    public static string HostAssembly { get; } = FindHostAssembly();

    /// <summary>
    /// Starts the web host on a free port and waits until <c>/health/ready</c> answers 200. With a null connection
    /// string the host uses its embedded PostgreSQL in <paramref name="dataDirectory"/>.
    /// </summary>
    public static async Task<HostProcess> StartAsync(string? connectionString, string? dataDirectory = null, IDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var start = StartInfo(["run", "--urls", $"http://127.0.0.1:{port}"], connectionString, dataDirectory, environment);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The host did not start.");
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        return host;
    }

    /// <summary>Runs a command-line verb to completion.</summary>
    public static async Task<CliResult> RunCliAsync(
        IReadOnlyList<string> arguments, string? connectionString, string? dataDirectory = null, IDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(StartInfo(arguments, connectionString, dataDirectory, environment))
            ?? throw new InvalidOperationException("The host did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The host was not ready within {timeout}:\n{Output}");
    }

    /// <summary>Ends the host abruptly, as a crash would (SIGKILL).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Asks the host to shut down gracefully (SIGTERM) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyList<string> arguments, string? connectionString, string? dataDirectory, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add(HostAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ConnectionStrings__Commissioning");
        if (connectionString is not null)
        {
            start.Environment["ConnectionStrings__Commissioning"] = connectionString;
        }

        if (dataDirectory is not null)
        {
            start.Environment["Commissioning__DataDirectory"] = Path.Combine(dataDirectory, ".data");
        }

        start.Environment["Commissioning__LogFormat"] = "text";
        start.Environment["Commissioning__AsyncDaemon__LeadershipCheckInterval"] = "00:00:01";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindHostAssembly()
    {
        // .../tests/Commissioning.Api.Tests/bin/<Configuration>/net10.0/ -> .../src/Commissioning.Host/bin/<Configuration>/net10.0/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        for (var folder = here; folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "Commissioning.Host", "bin", configuration, framework, "Commissioning.Host.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("The host was not built: build the solution first (dotnet build Commissioning.sln).");
    }
}
