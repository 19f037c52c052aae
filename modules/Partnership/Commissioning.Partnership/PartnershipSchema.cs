using Commissioning.BuildingBlocks.Database;

namespace Commissioning.Partnership;

/// <summary>The module's read models and its audit log. Read models are kept by projections from the module's events.</summary>
internal static class PartnershipSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "organisations, the partnership agreement and pooled budget", """
            CREATE TABLE {schema}.organisations (
                code text PRIMARY KEY,
                name text NOT NULL,
                kind text NOT NULL,
                gss_code text NULL,
                la_number text NULL,
                joined_on date NULL,
                data_sharing_agreement text NULL,
                registered_at timestamptz NOT NULL);

            CREATE TABLE {schema}.lead_borough (
                only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
                borough_code text NOT NULL,
                leadership_agreement text NOT NULL,
                agreed_on date NOT NULL);

            CREATE TABLE {schema}.pooled_budget_contributions (
                borough_code text NOT NULL,
                financial_year text NOT NULL,
                amount numeric(14, 2) NOT NULL,
                PRIMARY KEY (borough_code, financial_year));
            """),
        new(2, "people", """
            CREATE TABLE {schema}.people (
                id uuid PRIMARY KEY,
                version bigint NOT NULL,
                email text NOT NULL,
                name text NOT NULL,
                organisation_code text NOT NULL,
                role text NOT NULL,
                password_hash text NOT NULL,
                must_change_password boolean NOT NULL,
                second_factor_secret text NULL,
                last_code_step bigint NOT NULL DEFAULT 0,
                failed_attempts integer NOT NULL DEFAULT 0,
                locked_until timestamptz NULL,
                disabled boolean NOT NULL DEFAULT false,
                security_stamp text NOT NULL,
                last_signed_in_at timestamptz NULL,
                registered_at timestamptz NOT NULL);
            -- One account per e-mail address: the append of a second registration fails on this index.
            CREATE UNIQUE INDEX people_email ON {schema}.people (lower(email));
            CREATE INDEX people_organisation ON {schema}.people (organisation_code, role);
            """),
        new(3, "API keys", """
            CREATE TABLE {schema}.api_keys (
                id text PRIMARY KEY,
                organisation_code text NOT NULL,
                role text NOT NULL,
                label text NOT NULL,
                secret_hash bytea NOT NULL,
                created_at timestamptz NOT NULL,
                created_by text NULL,
                revoked_at timestamptz NULL,
                revoked_by text NULL);

            -- Operational, not a business fact: written at most once a minute per key, outside the event store.
            CREATE TABLE {schema}.api_key_usage (
                id text PRIMARY KEY,
                last_used_at timestamptz NOT NULL);
            """),
        new(4, "the audit log", """
            CREATE TABLE {schema}.audit_log (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                occurred_at timestamptz NOT NULL,
                user_id text NULL,
                organisation text NULL,
                role text NULL,
                channel text NOT NULL,
                action text NOT NULL,
                record_type text NOT NULL,
                record_id text NOT NULL,
                operation text NOT NULL,
                correlation_id text NOT NULL);
            CREATE INDEX audit_log_record ON {schema}.audit_log (record_type, record_id, occurred_at);
            CREATE INDEX audit_log_user ON {schema}.audit_log (user_id, occurred_at);
            CREATE INDEX audit_log_time ON {schema}.audit_log (occurred_at);

            CREATE FUNCTION {schema}.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only';
            END $$;
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {schema}.audit_log
                FOR EACH STATEMENT EXECUTE FUNCTION {schema}.audit_log_is_append_only();
            """),
    ];
}
