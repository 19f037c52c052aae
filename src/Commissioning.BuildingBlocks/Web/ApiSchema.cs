using Commissioning.BuildingBlocks.Database;

namespace Commissioning.BuildingBlocks.Web;

/// <summary>
/// The schema of the HTTP API's own bookkeeping (not any module's business): the idempotency keys. The host adds
/// <see cref="Migrations"/> to its start-up migrations.
/// </summary>
public static class ApiSchema
{
    /// <summary>The schema's name.</summary>
    public const string Name = "api";

    /// <summary>The schema's migrations.</summary>
    public static MigrationSet Migrations { get; } = new(Name, "api",
    [
        new Migration(1, "idempotency keys", """
            -- One row per (caller, key). While the first request runs, status_code is null and its owner holds a
            -- lease it renews; once it has a final response, the response is kept until expires_at for replays.
            CREATE TABLE {schema}.idempotency_keys (
                user_id text NOT NULL,
                organisation text NOT NULL,
                key text NOT NULL,
                request_hash bytea NOT NULL,
                owner uuid NOT NULL,
                lease_until timestamptz,
                status_code int,
                headers jsonb,
                body bytea,
                created_at timestamptz NOT NULL DEFAULT now(),
                completed_at timestamptz,
                expires_at timestamptz NOT NULL,
                PRIMARY KEY (user_id, organisation, key),
                CONSTRAINT idempotency_keys_running_or_done CHECK (
                    (status_code IS NULL AND lease_until IS NOT NULL AND headers IS NULL AND body IS NULL AND completed_at IS NULL)
                    OR (status_code IS NOT NULL AND lease_until IS NULL AND headers IS NOT NULL AND body IS NOT NULL AND completed_at IS NOT NULL)));
            CREATE INDEX idempotency_keys_expires_at ON {schema}.idempotency_keys (expires_at);
            """),
    ]);
}
