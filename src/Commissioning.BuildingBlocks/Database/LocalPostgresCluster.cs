using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commissioning.BuildingBlocks.Database;

/// <summary>
/// A PostgreSQL cluster started from the machine's own server binaries in a folder of ours: the embedded default
/// when no connection string is configured, and the throwaway server of the test fixture. PostgreSQL refuses to
/// run as root, so when we are root every server command runs as the <c>postgres</c> OS user.
/// </summary>
public sealed class LocalPostgresCluster
{
    private const string SuperUser = "commissioning";
    private readonly string _root;
    private readonly ILogger _logger;

    private LocalPostgresCluster(string root, int port, string password, bool startedByUs, ILogger logger)
    {
        _root = root;
        Port = port;
        Password = password;
        StartedByUs = startedByUs;
        _logger = logger;
    }

    /// <summary>The TCP port on 127.0.0.1 the server listens on.</summary>
    public int Port { get; }

    /// <summary>The generated password of the cluster's superuser.</summary>
    public string Password { get; }

    /// <summary>True when this call started the server (so this process should stop it).</summary>
    public bool StartedByUs { get; }

    private string DataDirectory => Path.Combine(_root, "pgdata");

    /// <summary>A connection string to one database of the cluster.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// Initialises the cluster in <paramref name="root"/> on first use, starts it unless it is already running, and
    /// returns a handle. Durable settings by default; <paramref name="fastAndUnsafe"/> turns fsync off for tests.
    /// </summary>
    public static async Task<LocalPostgresCluster> StartAsync(
        string root, ILogger logger, bool fastAndUnsafe = false, CancellationToken cancellationToken = default)
    {
        root = await ReachableRootAsync(Path.GetFullPath(root), logger, cancellationToken);
        var binaries = FindServerBinaries();
        var credentialsFile = Path.Combine(root, "credentials");
        var dataDirectory = Path.Combine(root, "pgdata");

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await InitialiseAsync(binaries, root, dataDirectory, credentialsFile, fastAndUnsafe, logger, cancellationToken);
        }

        var (port, password) = ReadCredentials(credentialsFile);
        var running = await RunAsync(binaries, "pg_ctl", ["-D", dataDirectory, "status"], cancellationToken, throwOnError: false) == 0;
        if (!running)
        {
            logger.LogInformation("Starting PostgreSQL in {DataDirectory} on port {Port}", dataDirectory, port);
            await RunAsync(binaries, "pg_ctl",
                ["-D", dataDirectory, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "-t", "120", "start"], cancellationToken);
        }

        return new LocalPostgresCluster(root, port, password, !running, logger);
    }

    /// <summary>Creates the database if it does not exist yet.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Stops the server (fast shutdown: open transactions roll back, committed data is kept).</summary>
    public async Task StopAsync()
    {
        _logger.LogInformation("Stopping PostgreSQL in {DataDirectory}", DataDirectory);
        await RunAsync(FindServerBinaries(), "pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None, throwOnError: false);
    }

    private static async Task InitialiseAsync(
        string binaries, string root, string dataDirectory, string credentialsFile, bool fastAndUnsafe, ILogger logger,
        CancellationToken cancellationToken)
    {
        logger.LogInformation("Initialising a new PostgreSQL cluster in {DataDirectory}", dataDirectory);
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true); // a half-made cluster from an interrupted first run
        }

        Directory.CreateDirectory(dataDirectory);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var port = FreeTcpPort();
        var passwordFile = Path.Combine(root, "initdb-password");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        try
        {
            if (RunningAsRoot)
            {
                await RunPlainAsync("chown", ["-R", "postgres:postgres", dataDirectory, passwordFile], cancellationToken);
                await RunPlainAsync("chmod", ["700", dataDirectory], cancellationToken);
            }

            await RunAsync(binaries, "initdb",
                ["-D", dataDirectory, "-U", SuperUser, "--pwfile", passwordFile, "-E", "UTF8", "--locale", "C.UTF-8",
                 "--auth-host", "scram-sha-256", "--auth-local", "scram-sha-256"], cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        var settings = new List<string>
        {
            "",
            "# Written by Commissioning: loopback only, no Unix socket, room for several hosts and the test runs.",
            $"port = {port}",
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            "max_connections = 300",
            "shared_buffers = 256MB",
        };
        if (fastAndUnsafe)
        {
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        }

        await File.AppendAllLinesAsync(Path.Combine(dataDirectory, "postgresql.conf"), settings, cancellationToken);
        await File.WriteAllLinesAsync(credentialsFile, [port.ToString(System.Globalization.CultureInfo.InvariantCulture), password], cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(credentialsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// The folder itself when the server's OS user can reach it. As root the server runs as <c>postgres</c>, which
    /// cannot pass a private folder above it (a checkout under /root, a mktemp folder); the cluster then lives under
    /// /var/lib/commissioning instead, in a folder named after the requested one, rather than loosening the
    /// permissions of someone's home.
    /// </summary>
    private static async Task<string> ReachableRootAsync(string root, ILogger logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        if (!RunningAsRoot || await RunPlainAsync("runuser", ["-u", "postgres", "--", "test", "-x", root], cancellationToken, throwOnError: false) == 0)
        {
            return root;
        }

        var fallback = FallbackRoot(root);
        Directory.CreateDirectory(fallback);
        logger.LogWarning("The postgres user cannot reach {Requested}, so the embedded database lives in {Fallback}", root, fallback);
        return fallback;
    }

    /// <summary>Where a cluster asked for in <paramref name="root"/> lives when the postgres user cannot reach it.</summary>
    internal static string FallbackRoot(string root) =>
        Path.Combine("/var/lib/commissioning", string.Concat(root.Trim('/').Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')));

    private static (int Port, string Password) ReadCredentials(string credentialsFile)
    {
        var lines = File.ReadAllLines(credentialsFile);
        return (int.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture), lines[1]);
    }

    private static bool RunningAsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The folder holding initdb and pg_ctl: PATH first, then the newest Debian server package.</summary>
    private static string FindServerBinaries()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (folder.Length > 0 && File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")))
            {
                return folder;
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        var newest = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install the 'postgresql' package, or set " +
            "ConnectionStrings__Commissioning to use an existing server.");
    }

    private static Task<int> RunAsync(string binaries, string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var executable = Path.Combine(binaries, tool);
        return RunningAsRoot
            ? RunPlainAsync("runuser", ["-u", "postgres", "--", executable, .. arguments], cancellationToken, throwOnError)
            : RunPlainAsync(executable, arguments, cancellationToken, throwOnError);
    }

    private static async Task<int> RunPlainAsync(string executable, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(executable)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {await error}{await output}");
        }

        return process.ExitCode;
    }
}
