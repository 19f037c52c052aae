using Npgsql;

namespace Commissioning.BuildingBlocks.EventStore;

/// <summary>
/// Leadership among all host instances on one database, held as a PostgreSQL session advisory lock on a connection
/// of its own. When the leader dies its connection closes, the lock is released, and the next instance to try takes
/// over. A leader that cannot reach its connection gives leadership up at once.
/// </summary>
/// <param name="dataSource">The application's data source; the lock is held on a separate unpooled connection with the same credentials.</param>
/// <param name="key">The advisory lock key that names the role being led.</param>
public sealed class LeaderElection(NpgsqlDataSource dataSource, long key) : IAsyncDisposable
{
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

            var connection = CreateLeaderConnection();
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = key });
                if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
                {
                    _connection = connection;
                    return true;
                }
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
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

    /// <summary>Gives leadership up (closing the connection releases the lock even if the unlock cannot be sent).</summary>
    public async Task ResignAsync()
    {
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await ResignAsync();

    /// <summary>
    /// An unpooled connection, so the lock is never handed to another user of a pool. NpgsqlDataSource.ConnectionString
    /// leaves the password out, so a connection string made from it cannot log in where the server asks for one (the
    /// daemon then never led); CloneWith carries the data source's credentials over.
    /// </summary>
    private NpgsqlConnection CreateLeaderConnection()
    {
        using var template = dataSource.CreateConnection();
        return template.CloneWith(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString)
        {
            Pooling = false,
            ApplicationName = "commissioning-leader",
            KeepAlive = 5,
        }.ConnectionString);
    }
}
