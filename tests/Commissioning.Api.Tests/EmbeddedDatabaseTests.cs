using Commissioning.TestKit;
using Npgsql;

namespace Commissioning.Api.Tests;

/// <summary>The embedded default: no connection string, the host runs its own PostgreSQL in a data folder.</summary>
public sealed class EmbeddedDatabaseTests
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "commissioning-embedded-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void RemoveFolder()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: under the temporary directory
        }
    }

    [Test]
    public async Task The_host_starts_its_own_database_and_keeps_the_data_when_stopped_and_started_again()
    {
        var seeded = await HostProcess.RunCliAsync(["seed-demo"], connectionString: null, dataDirectory: _folder);
        Assert.That(seeded.ExitCode, Is.Zero, seeded.Error);

        await using (var first = await HostProcess.StartAsync(connectionString: null, dataDirectory: _folder))
        {
            Assert.That(first.Output, Does.Contain("embedded PostgreSQL"));
        }

        await using var second = await HostProcess.StartAsync(connectionString: null, dataDirectory: _folder);
        var again = await HostProcess.RunCliAsync(["seed-demo"], connectionString: null, dataDirectory: _folder);

        Assert.Multiple(async () =>
        {
            Assert.That(again.ExitCode, Is.Zero, again.Error);
            Assert.That(again.Error, Does.Contain("already holds data"), "the demo mark written before the restarts is still there");
            Assert.That(await InstallationModeAsync(), Is.EqualTo("demo"));
        });
    }

    private async Task<string?> InstallationModeAsync()
    {
        var credentials = await File.ReadAllLinesAsync(Path.Combine(_folder, ".data", "credentials"));
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = int.Parse(credentials[0], System.Globalization.CultureInfo.InvariantCulture),
            Username = "commissioning",
            Password = credentials[1],
            Database = "commissioning",
            Pooling = false,
        }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT value FROM platform.installation WHERE key = 'mode'", connection);
        return await command.ExecuteScalarAsync() as string;
    }
}
