using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Commissioning.BuildingBlocks.Web;

/// <summary>Whose key it is: keys of different callers never meet.</summary>
internal sealed record IdempotencyScope(string UserId, string Organisation, string Key);

/// <summary>A final response kept for replays.</summary>
internal sealed record StoredResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body);

internal enum ReservationOutcome
{
    /// <summary>This request holds the key and runs.</summary>
    Reserved,

    /// <summary>The key has a final response: replay it.</summary>
    Completed,

    /// <summary>Another request with the key is still running.</summary>
    Running,

    /// <summary>The key was first used for a different request.</summary>
    DifferentRequest,
}

internal readonly record struct Reservation(ReservationOutcome Outcome, StoredResponse? Response = null);

/// <summary>
/// The idempotency keys in PostgreSQL (<c>api.idempotency_keys</c>). Every decision is one statement on the key's
/// row, so host instances agree through the database alone: the primary key lets exactly one request insert a key,
/// and the conditional updates let exactly one take over an expired key or a lapsed lease. Times are the
/// database's (<c>now()</c>): one clock for every instance.
/// </summary>
internal sealed class IdempotencyStore(NpgsqlDataSource dataSource, IOptions<IdempotencyOptions> options)
{
    private const string Table = ApiSchema.Name + ".idempotency_keys";
    private const string KeyMatches = "user_id = $1 AND organisation = $2 AND key = $3";

    // Takes the key if nobody has it, if it has expired, or if its running request stopped renewing its lease
    // (its instance died) and this is the same request. Returns a row only when this request now holds the key.
    private const string ReserveSql = $"""
        INSERT INTO {Table} AS k (user_id, organisation, key, request_hash, owner, lease_until, expires_at)
        VALUES ($1, $2, $3, $4, $5, now() + $6, now() + $7)
        ON CONFLICT (user_id, organisation, key) DO UPDATE
            SET request_hash = excluded.request_hash, owner = excluded.owner, lease_until = excluded.lease_until,
                status_code = NULL, headers = NULL, body = NULL, completed_at = NULL,
                created_at = CASE WHEN k.expires_at <= now() THEN now() ELSE k.created_at END,
                expires_at = CASE WHEN k.expires_at <= now() THEN excluded.expires_at ELSE k.expires_at END
            WHERE k.expires_at <= now()
               OR (k.status_code IS NULL AND k.lease_until <= now() AND k.request_hash = excluded.request_hash)
        RETURNING 1
        """;

    // Bounded, and skips rows another request is working on: cleanup never makes a request wait.
    private const string CleanupSql = $"""
        DELETE FROM {Table} WHERE (user_id, organisation, key) IN (
            SELECT user_id, organisation, key FROM {Table} WHERE expires_at <= now()
            ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        """;

    private const string ReadSql = $"""
        SELECT request_hash, status_code, headers::text, body FROM {Table} WHERE {KeyMatches} AND expires_at > now()
        """;

    private const string RenewSql = $"""
        UPDATE {Table} SET lease_until = now() + $5 WHERE {KeyMatches} AND owner = $4 AND status_code IS NULL
        """;

    private const string CompleteSql = $"""
        UPDATE {Table} SET status_code = $5, headers = $6, body = $7, completed_at = now(), lease_until = NULL
        WHERE {KeyMatches} AND owner = $4 AND status_code IS NULL
        """;

    private const string ReleaseSql = $"DELETE FROM {Table} WHERE {KeyMatches} AND owner = $4 AND status_code IS NULL";

    private readonly IdempotencyOptions _options = options.Value;

    /// <summary>Holds the key for this request, or says why not (and what was stored, for a replay).</summary>
    public async Task<Reservation> ReserveAsync(IdempotencyScope scope, byte[] requestHash, Guid owner, CancellationToken cancellationToken)
    {
        // A row can vanish between the two statements (its request failed and released it, or it expired and was
        // cleaned up); then the insert is tried again.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await TryReserveAsync(scope, requestHash, owner, cancellationToken))
            {
                return new Reservation(ReservationOutcome.Reserved);
            }

            await using var read = dataSource.CreateCommand(ReadSql);
            AddScope(read.Parameters, scope);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                continue;
            }

            if (!reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(requestHash))
            {
                return new Reservation(ReservationOutcome.DifferentRequest);
            }

            if (await reader.IsDBNullAsync(1, cancellationToken))
            {
                return new Reservation(ReservationOutcome.Running);
            }

            var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2)) ?? [];
            return new Reservation(ReservationOutcome.Completed, new StoredResponse(reader.GetInt32(1), headers, reader.GetFieldValue<byte[]>(3)));
        }

        // Only a key released and re-taken over and over by other requests gets here: it is busy.
        return new Reservation(ReservationOutcome.Running);
    }

    /// <summary>Extends this request's lease; false if it no longer holds the key.</summary>
    public async Task<bool> RenewAsync(IdempotencyScope scope, Guid owner, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RenewSql);
        AddScope(command.Parameters, scope);
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        command.Parameters.Add(new NpgsqlParameter { Value = _options.Lease });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Keeps the final response for replays; false if this request no longer held the key.</summary>
    public async Task<bool> CompleteAsync(IdempotencyScope scope, Guid owner, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CompleteSql);
        AddScope(command.Parameters, scope);
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        command.Parameters.Add(new NpgsqlParameter { Value = response.StatusCode });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(response.Headers), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = response.Body, NpgsqlDbType = NpgsqlDbType.Bytea });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Gives the key up without a response, so the next request with it runs.</summary>
    public async Task ReleaseAsync(IdempotencyScope scope, Guid owner, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReleaseSql);
        AddScope(command.Parameters, scope);
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<bool> TryReserveAsync(IdempotencyScope scope, byte[] requestHash, Guid owner, CancellationToken cancellationToken)
    {
        // One round trip: the reservation and a little cleanup, committed together.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var reserve = new NpgsqlBatchCommand(ReserveSql);
        AddScope(reserve.Parameters, scope);
        reserve.Parameters.Add(new NpgsqlParameter { Value = requestHash, NpgsqlDbType = NpgsqlDbType.Bytea });
        reserve.Parameters.Add(new NpgsqlParameter { Value = owner });
        reserve.Parameters.Add(new NpgsqlParameter { Value = _options.Lease });
        reserve.Parameters.Add(new NpgsqlParameter { Value = _options.KeyLifetime });
        batch.BatchCommands.Add(reserve);
        var cleanup = new NpgsqlBatchCommand(CleanupSql);
        cleanup.Parameters.Add(new NpgsqlParameter { Value = _options.CleanupBatchSize });
        batch.BatchCommands.Add(cleanup);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var reserved = await reader.ReadAsync(cancellationToken);
        while (await reader.NextResultAsync(cancellationToken))
        {
            // drain the cleanup's result so the batch completes before the connection goes back to the pool
        }

        return reserved;
    }

    private static void AddScope(NpgsqlParameterCollection parameters, IdempotencyScope scope)
    {
        parameters.Add(new NpgsqlParameter { Value = scope.UserId, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = scope.Organisation, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = scope.Key, NpgsqlDbType = NpgsqlDbType.Text });
    }
}
