using Commissioning.BuildingBlocks.Database;

namespace Commissioning.BuildingBlocks.Notifications;

/// <summary>
/// The notification service's own schema: what was told to whom, who has read it, and the e-mails to send. The host
/// applies <see cref="Migrations"/> with every other migration set; a test database that uses notifications does too.
/// </summary>
public static class NotificationSchema
{
    /// <summary>The PostgreSQL schema.</summary>
    public const string Name = "notifications";

    /// <summary>The schema's migrations.</summary>
    public static MigrationSet Migrations { get; } = new(Name, "notifications",
    [
        new Migration(1, "notifications, recipients and the e-mail outbox", """
            -- One row per fact told. (category, idempotency_key) makes telling it again a no-op.
            CREATE TABLE {schema}.notifications (
                id uuid PRIMARY KEY,
                created_at timestamptz NOT NULL,
                category text NOT NULL,
                idempotency_key text NOT NULL,
                audience_person_id text,
                audience_organisation text,
                audience_roles text[] NOT NULL DEFAULT '{}',
                subject text NOT NULL,
                body text NOT NULL,
                link text NOT NULL,
                reference text,
                CONSTRAINT notifications_one_audience CHECK ((audience_person_id IS NULL) <> (audience_organisation IS NULL)),
                CONSTRAINT notifications_key UNIQUE (category, idempotency_key));

            -- One row per person the audience reached when it was told: their inbox, and their read mark.
            CREATE TABLE {schema}.recipients (
                seq bigint GENERATED ALWAYS AS IDENTITY,
                notification_id uuid NOT NULL REFERENCES {schema}.notifications (id) ON DELETE CASCADE,
                person_id text NOT NULL,
                read_at timestamptz,
                PRIMARY KEY (notification_id, person_id));
            CREATE INDEX recipients_inbox ON {schema}.recipients (person_id, seq DESC);
            CREATE INDEX recipients_unread ON {schema}.recipients (person_id) WHERE read_at IS NULL;

            -- The e-mail outbox: one row per recipient address. next_attempt_at doubles as the claim's lease: a
            -- dispatcher moves it forward when it takes a row, so a row whose dispatcher died is due again later.
            CREATE TABLE {schema}.emails (
                id uuid PRIMARY KEY,
                notification_id uuid NOT NULL REFERENCES {schema}.notifications (id) ON DELETE CASCADE,
                person_id text NOT NULL,
                address text NOT NULL,
                display_name text NOT NULL,
                status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
                attempts int NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL,
                last_error text,
                created_at timestamptz NOT NULL,
                sent_at timestamptz,
                CONSTRAINT emails_one_per_address UNIQUE (notification_id, address));
            CREATE INDEX emails_due ON {schema}.emails (next_attempt_at) WHERE status = 'pending';
            """),
        new Migration(2, "read marks of API keys", """
            -- An API key is an organisation's system, not a person: it reads what its organisation and role are told,
            -- matched when it reads, and marks it read here.
            CREATE TABLE {schema}.key_reads (
                notification_id uuid NOT NULL REFERENCES {schema}.notifications (id) ON DELETE CASCADE,
                key_id text NOT NULL,
                read_at timestamptz NOT NULL,
                PRIMARY KEY (key_id, notification_id));
            CREATE INDEX notifications_organisation ON {schema}.notifications (audience_organisation, created_at DESC) WHERE audience_organisation IS NOT NULL;
            """),
    ]);
}
