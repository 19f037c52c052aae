using Commissioning.BuildingBlocks.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Commissioning.BuildingBlocks.Tests.Database;

public sealed class LocalPostgresClusterTests
{
    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_cluster_asked_for_in_a_private_folder_still_starts_and_answers()
    {
        // A folder only its owner may enter, as a checkout under /root or a mktemp folder is.
        var folder = Path.Combine(Path.GetTempPath(), "commissioning-private-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var cluster = await LocalPostgresCluster.StartAsync(Path.Combine(folder, ".data"), NullLogger.Instance, fastAndUnsafe: true);
        try
        {
            await cluster.EnsureDatabaseAsync("commissioning");
            await using var connection = new NpgsqlConnection(cluster.ConnectionString("commissioning"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT 1", connection);

            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(1));
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(folder, recursive: true);
            var fallback = LocalPostgresCluster.FallbackRoot(Path.Combine(folder, ".data"));
            if (Directory.Exists(fallback))
            {
                Directory.Delete(fallback, recursive: true);
            }
        }
    }
}
