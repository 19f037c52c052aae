using Commissioning.BuildingBlocks.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Commissioning.TestKit;

/// <summary>
/// The PostgreSQL server of a test run: the one named by <c>COMMISSIONING_TEST_DB</c> (a connection string to a
/// server where databases may be created), or else a throwaway cluster started once per test process from the
/// local server binaries (as the <c>postgres</c> OS user when running as root) and removed when the process ends.
/// </summary>
public static class TestPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _serverConnectionString;

    /// <summary>A connection string to the server's maintenance database.</summary>
    public static async Task<string> ServerConnectionStringAsync()
    {
        if (_serverConnectionString is not null)
        {
            return _serverConnectionString;
        }

        await Gate.WaitAsync();
        try
        {
            if (_serverConnectionString is not null)
            {
                return _serverConnectionString;
            }

            var configured = Environment.GetEnvironmentVariable("COMMISSIONING_TEST_DB");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                _serverConnectionString = configured;
                return configured;
            }

            var root = Path.Combine(Path.GetTempPath(), $"commissioning-tests-{Environment.ProcessId}");
            var cluster = await LocalPostgresCluster.StartAsync(root, NullLogger.Instance, fastAndUnsafe: true);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                cluster.StopAsync().GetAwaiter().GetResult();
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                    // best effort: the folder is under the temporary directory
                }
            };
            _serverConnectionString = cluster.ConnectionString("postgres");
            return _serverConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>
/// A fresh database for one fixture, cloned from a template migrated once per test process and
/// <paramref name="templateKey"/>, so each fixture starts from the same schema in milliseconds.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static readonly Dictionary<string, string> Templates = [];
    private readonly string _serverConnectionString;

    private TestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A connection string to it.</summary>
    public string ConnectionString { get; }

    /// <summary>A data source for it.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// Creates a database from the template for <paramref name="templateKey"/>, making and migrating that template
    /// with <paramref name="migrate"/> on first use in this process.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(string templateKey, Func<NpgsqlDataSource, Task> migrate)
    {
        var server = await TestPostgres.ServerConnectionStringAsync();
        var template = await TemplateAsync(server, templateKey, migrate);
        var name = $"test_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {name} TEMPLATE {template}");
        return new TestDatabase(server, name);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task<string> TemplateAsync(string server, string templateKey, Func<NpgsqlDataSource, Task> migrate)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (Templates.TryGetValue(templateKey, out var existing))
            {
                return existing;
            }

            // The process id keeps parallel test processes sharing one server from building the same template.
            var name = $"template_{new string(templateKey.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}_{Environment.ProcessId}";
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            await ExecuteAsync(server, $"CREATE DATABASE {name}");
            // Persist Security Info keeps the password in the data source's connection string, for migrations run by another process.
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false, PersistSecurityInfo = true }.ConnectionString;
            await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            {
                await migrate(dataSource);
            }

            Templates[templateKey] = name;
            return name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
