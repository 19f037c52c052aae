using Commissioning.BuildingBlocks.Database;

namespace Commissioning.BuildingBlocks.EventStore;

/// <summary>
/// The tables and functions of one module's event store, created in the module's own schema.
/// </summary>
/// <remarks>
/// Readers that follow the log order it by (writing transaction id, sequence) and only read transactions older
/// than the oldest one still running (<c>pg_snapshot_xmin</c>). Sequence numbers are handed out before commit, so
/// a reader ordered by sequence alone would skip an event whose transaction commits late; no transaction older than
/// the horizon can still commit, so nothing is ever skipped and no gap timeout is needed (ADR 0003).
/// </remarks>
internal static class EventStoreSchema
{
    public const string ConflictState = "CS409";
    public const string CheckpointMovedState = "CS410";

    public static MigrationSet For(string schema) => new(schema, "event-store",
    [
        new Migration(1, "event store: streams, events, checkpoints, inbox", """
            CREATE TABLE {schema}.streams (
                stream_id text PRIMARY KEY,
                stream_type text NOT NULL,
                version bigint NOT NULL,
                scope text NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL);

            CREATE TABLE {schema}.events (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
                stream_id text NOT NULL,
                stream_type text NOT NULL,
                version bigint NOT NULL,
                event_type text NOT NULL,
                scope text NULL,
                data jsonb NOT NULL,
                user_id text NULL,
                organisation text NULL,
                correlation_id text NULL,
                causation_id text NULL,
                recorded_at timestamptz NOT NULL,
                CONSTRAINT events_stream_version UNIQUE (stream_id, version));
            CREATE INDEX events_log_order ON {schema}.events (tx_id, seq);
            CREATE INDEX events_type ON {schema}.events (event_type);

            CREATE FUNCTION {schema}.events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'events are append-only: % is not allowed on %.events', TG_OP, TG_TABLE_SCHEMA;
            END $$;
            CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON {schema}.events
                FOR EACH ROW EXECUTE FUNCTION {schema}.events_are_append_only();
            CREATE TRIGGER events_never_truncated BEFORE TRUNCATE ON {schema}.events
                FOR EACH STATEMENT EXECUTE FUNCTION {schema}.events_are_append_only();

            CREATE TABLE {schema}.checkpoints (
                name text PRIMARY KEY,
                tx_id xid8 NOT NULL DEFAULT '0',
                seq bigint NOT NULL DEFAULT 0,
                updated_at timestamptz NOT NULL DEFAULT now());

            CREATE TABLE {schema}.inbox (
                consumer text NOT NULL,
                message_id uuid NOT NULL,
                processed_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT inbox_once PRIMARY KEY (consumer, message_id));

            -- One append: the stream row is written first, so the transaction id that orders the log is taken
            -- while the stream is locked, and a stream's events are in version order in the log as well.
            CREATE FUNCTION {schema}.append_events(
                p_stream_id text, p_stream_type text, p_expected bigint, p_scope text,
                p_types text[], p_data jsonb[], p_user text, p_organisation text,
                p_correlation text, p_causation text, p_at timestamptz)
            RETURNS TABLE (out_seq bigint, out_version bigint, out_tx xid8)
            LANGUAGE plpgsql AS $$
            DECLARE
                n int := cardinality(p_types);
                new_version bigint;
                found_version bigint;
            BEGIN
                IF p_expected = 0 THEN
                    INSERT INTO {schema}.streams AS s (stream_id, stream_type, version, scope, created_at, updated_at)
                    VALUES (p_stream_id, p_stream_type, n, p_scope, p_at, p_at)
                    ON CONFLICT (stream_id) DO NOTHING
                    RETURNING s.version INTO new_version;
                ELSE
                    UPDATE {schema}.streams AS s SET version = s.version + n, updated_at = p_at
                    WHERE s.stream_id = p_stream_id AND s.version = p_expected
                    RETURNING s.version INTO new_version;
                END IF;

                IF new_version IS NULL THEN
                    SELECT s.version INTO found_version FROM {schema}.streams AS s WHERE s.stream_id = p_stream_id;
                    -- The found version goes in the message: clients redact DETAIL by default.
                    RAISE EXCEPTION USING ERRCODE = 'CS409',
                        MESSAGE = 'stream version conflict; found version ' || coalesce(found_version::text, 'none');
                END IF;

                RETURN QUERY
                INSERT INTO {schema}.events AS e (stream_id, stream_type, version, event_type, scope, data,
                                                 user_id, organisation, correlation_id, causation_id, recorded_at)
                SELECT p_stream_id, p_stream_type, new_version - n + i.ord, i.t, p_scope, i.d,
                       p_user, p_organisation, p_correlation, p_causation, p_at
                FROM unnest(p_types, p_data) WITH ORDINALITY AS i(t, d, ord)
                ORDER BY i.ord
                RETURNING e.seq, e.version, e.tx_id;
            END $$;

            -- Moves a reader's checkpoint only from where the caller read it, so two readers of the same
            -- projection (a leader hand-over, a rebuild) can never both apply the same batch.
            CREATE FUNCTION {schema}.advance_checkpoint(
                p_name text, p_from_tx xid8, p_from_seq bigint, p_to_tx xid8, p_to_seq bigint)
            RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE {schema}.checkpoints AS c SET tx_id = p_to_tx, seq = p_to_seq, updated_at = now()
                WHERE c.name = p_name AND c.tx_id = p_from_tx AND c.seq = p_from_seq;
                IF NOT FOUND THEN
                    RAISE EXCEPTION USING ERRCODE = 'CS410', MESSAGE = format('checkpoint %s has moved', p_name);
                END IF;
            END $$;
            """),
    ]);
}
