using Commissioning.BuildingBlocks.Database;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commissioning.Benchmarks;

/// <summary>
/// The PostgreSQL server the benchmark runs on: the one named by <c>COMMISSIONING_BENCH_DB</c>, or a throwaway
/// cluster with durable settings in a temporary folder. Either way the benchmark works in a database of its own,
/// dropped at the end.
/// </summary>
public sealed class Server : IAsyncDisposable
{
    public const string ConnectionVariable = "COMMISSIONING_BENCH_DB";

    private readonly LocalPostgresCluster? _cluster;
    private readonly string? _clusterRoot;
    private readonly string _serverConnectionString;

    private Server(string serverConnectionString, string database, LocalPostgresCluster? cluster, string? clusterRoot)
    {
        _serverConnectionString = serverConnectionString;
        _cluster = cluster;
        _clusterRoot = clusterRoot;
        Database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>The benchmark's own database.</summary>
    public string Database { get; }

    public string ConnectionString { get; }

    /// <summary>True for the throwaway cluster: the server's processes run on this machine.</summary>
    public bool IsLocal => _cluster is not null;

    /// <summary>Where the server came from, for the report.</summary>
    public string Origin => _cluster is null ? $"the server in {ConnectionVariable}" : "a throwaway local cluster (durable settings)";

    public static async Task<Server> StartAsync(ILogger logger, TextWriter log, CancellationToken cancellationToken)
    {
        LocalPostgresCluster? cluster = null;
        string? root = null;
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        string serverConnectionString;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            serverConnectionString = configured;
            log.WriteLine($"server: using {ConnectionVariable}");
        }
        else
        {
            root = Path.Combine(Path.GetTempPath(), $"commissioning-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
            log.WriteLine("server: starting a throwaway PostgreSQL cluster with durable settings (fsync on)");
            cluster = await LocalPostgresCluster.StartAsync(root, logger, fastAndUnsafe: false, cancellationToken);
            serverConnectionString = cluster.ConnectionString("postgres");
        }

        var database = $"commissioning_bench_{Environment.ProcessId}_{DateTime.UtcNow:yyyyMMddHHmmss}";
        var server = new Server(serverConnectionString, database, cluster, root);
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return server;
    }

    /// <summary>Flushes dirty pages before a timed run, so a checkpoint that falls due does not land in one run only.</summary>
    /// <remarks>Needs superuser or pg_checkpoint; on a server where we may not, runs go without.</remarks>
    public static async Task CheckpointAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("CHECKPOINT");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
        }
    }

    /// <summary>The server's version and the settings that decide write speed.</summary>
    public async Task<(string Version, IReadOnlyList<(string Name, string Value)> Settings)> DescribeAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var version = dataSource.CreateCommand("SHOW server_version");
        var serverVersion = (string)(await version.ExecuteScalarAsync(cancellationToken))!;
        var settings = new List<(string, string)>();
        await using var command = dataSource.CreateCommand("""
            SELECT name, current_setting(name) FROM pg_settings
            WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'shared_buffers',
                           'max_wal_size', 'checkpoint_timeout', 'wal_level', 'commit_delay', 'jit')
            ORDER BY name
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            settings.Add((reader.GetString(0), reader.GetString(1)));
        }

        return (serverVersion, settings);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(_serverConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        finally
        {
            if (_cluster is not null)
            {
                await _cluster.StopAsync();
                try
                {
                    Directory.Delete(_clusterRoot!, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
