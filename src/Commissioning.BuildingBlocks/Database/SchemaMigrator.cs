using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commissioning.BuildingBlocks.Database;

/// <summary>
/// Applies migration sets at start-up. Idempotent, and safe when several hosts start at once: one advisory lock
/// serialises them. Each migration runs in its own transaction and is recorded with a checksum, so an edited
/// migration that already ran stops the start-up instead of silently drifting.
/// </summary>
public static class SchemaMigrator
{
    private const long MigrationLockKey = 0x436f6d6d_4d696772; // "CommMigr"

    /// <summary>Applies every migration not yet applied; returns how many ran.</summary>
    public static async Task<int> MigrateAsync(
        NpgsqlDataSource dataSource, IEnumerable<MigrationSet> sets, ILogger logger, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            var applied = 0;
            foreach (var set in sets)
            {
                applied += await MigrateSetAsync(connection, set, logger, cancellationToken);
            }

            return applied;
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    private static async Task<int> MigrateSetAsync(NpgsqlConnection connection, MigrationSet set, ILogger logger, CancellationToken cancellationToken)
    {
        var schema = Identifier(set.Schema);
        await Execute(connection, null, $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (
                component text NOT NULL,
                version int NOT NULL,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (component, version));
            """, cancellationToken);

        var done = new Dictionary<int, string>();
        await using (var read = new NpgsqlCommand($"SELECT version, checksum FROM {schema}.schema_migrations WHERE component = @c", connection))
        {
            read.Parameters.AddWithValue("c", set.Component);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                done[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        var applied = 0;
        foreach (var migration in set.Migrations.OrderBy(m => m.Version))
        {
            var sql = migration.Sql.Replace("{schema}", schema, StringComparison.Ordinal);
            var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            if (done.TryGetValue(migration.Version, out var recorded))
            {
                if (recorded != checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {set.Schema}/{set.Component} {migration.Version} '{migration.Name}' was changed after it was applied. " +
                        "Add a new migration instead of editing one that has shipped.");
                }

                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await Execute(connection, transaction, sql, cancellationToken);
            await using (var record = new NpgsqlCommand(
                $"INSERT INTO {schema}.schema_migrations (component, version, name, checksum) VALUES (@c, @v, @n, @s)", connection, transaction))
            {
                record.Parameters.AddWithValue("c", set.Component);
                record.Parameters.AddWithValue("v", migration.Version);
                record.Parameters.AddWithValue("n", migration.Name);
                record.Parameters.AddWithValue("s", checksum);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied migration {Schema}/{Component} {Version}: {Name}", set.Schema, set.Component, migration.Version, migration.Name);
            applied++;
        }

        return applied;
    }

    /// <summary>Quotes nothing: schema names are ours, lower-case and checked here.</summary>
    internal static string Identifier(string name)
    {
        if (name.Length == 0 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new ArgumentException($"'{name}' is not a valid schema name: use lower-case letters, digits and underscores.", nameof(name));
        }

        return name;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
