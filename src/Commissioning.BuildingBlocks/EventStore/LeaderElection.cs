using Npgsql;

namespace Commissioning.BuildingBlocks.EventStore;

/// <summary>
/// Leadership among all host instances on one database, held as a PostgreSQL session advisory lock on a
/// connection kept open for as long as this instance leads. When the leader dies its connection closes, the
/// lock goes with it, and the next instance to try takes over. A leader that cannot reach its connection gives
/// leadership up at once.
/// </summary>
/// <remarks>
/// The connection comes from the host's own data source (its credentials are not readable back from it). It is
/// unlocked explicitly before it goes back to the pool; the pool's reset (DISCARD ALL) would release it anyway.
/// </remarks>
public sealed class LeaderElection(NpgsqlDataSource dataSource, long key) : IAsyncDisposable
{
    /// <summary>The application name the leader's connection shows in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "commissioning-leader";

    private NpgsqlConnection? _connection;

    /// <summary>True while this instance holds the lock (as of the last check).</summary>
    public bool IsLeader => _connection is not null;

    /// <summary>Tries to become leader, or confirms that it still is. False when another instance leads or the database is away.</summary>
    public async Task<bool> TryLeadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_connection is not null)
            {
                await using var check = new NpgsqlCommand("SELECT 1", _connection);
                await check.ExecuteScalarAsync(cancellationToken);
                return true;
            }

            var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                await using var name = new NpgsqlCommand($"SET application_name = '{ApplicationName}'", connection);
                await name.ExecuteNonQueryAsync(cancellationToken);
                _connection = connection;
                return true;
            }

            await connection.DisposeAsync();
            return false;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or IOException)
        {
            await ResignAsync();
            return false;
        }
    }

    /// <summary>Gives leadership up.</summary>
    public async Task ResignAsync()
    {
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is null)
        {
            return;
        }

        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
            await unlock.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or IOException or InvalidOperationException)
        {
            // The connection is already gone, and the lock with it.
        }

        await connection.DisposeAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await ResignAsync();
}
