using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Commissioning.BuildingBlocks.Notifications;

/// <summary>
/// Resolves the audience to people now, then stores the notification, a row per person (their inbox entry and read
/// mark) and, when e-mail is on, a row per address in the outbox: one SQL statement, so one transaction.
/// </summary>
/// <remarks>
/// Fanning out to people when told, rather than matching the audience when each inbox is read, means the inbox and
/// the e-mails agree on who was told, a person who joins an organisation later does not inherit its old news about
/// children, and someone who leaves or is disabled keeps nothing new.
/// </remarks>
internal sealed class Notifier(
    NpgsqlDataSource dataSource,
    INotificationRecipients recipients,
    NotificationSettings settings,
    TimeProvider clock,
    ILogger<Notifier> logger) : INotifier
{
    private const string Insert = $"""
        WITH n AS (
            INSERT INTO {NotificationSchema.Name}.notifications
                (id, created_at, category, idempotency_key, audience_person_id, audience_organisation, audience_roles, subject, body, link, reference)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (category, idempotency_key) DO NOTHING
            RETURNING id, created_at),
        r AS (
            INSERT INTO {NotificationSchema.Name}.recipients (notification_id, person_id)
            SELECT n.id, p.person_id FROM n, unnest($12::text[]) AS p(person_id)),
        e AS (
            INSERT INTO {NotificationSchema.Name}.emails (id, notification_id, person_id, address, display_name, next_attempt_at, created_at)
            SELECT m.id, n.id, m.person_id, m.address, m.display_name, n.created_at, n.created_at
            FROM n, unnest($13::uuid[], $14::text[], $15::text[], $16::text[]) AS m(id, person_id, address, display_name))
        SELECT count(*) FROM n
        """;

    public async Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        notification.Validate();

        // A redelivery is the common repeat: answer it without asking another module for people.
        if (await ExistsAsync(notification, cancellationToken))
        {
            logger.LogDebug("Notification {Category}/{Key} was stored before; not told again", notification.Category, notification.Key);
            return;
        }

        var people = (await recipients.ResolveAsync(notification.Audience, cancellationToken))
            .Where(p => !string.IsNullOrWhiteSpace(p.PersonId))
            .DistinctBy(p => p.PersonId, StringComparer.Ordinal)
            .ToList();
        var emails = settings.Smtp.Enabled
            ? people.Where(p => !string.IsNullOrWhiteSpace(p.Email))
                .DistinctBy(p => p.Email!.Trim(), StringComparer.OrdinalIgnoreCase)
                .ToList()
            : [];

        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand(Insert);
        var audience = notification.Audience;
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7(now) });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = notification.Category });
        command.Parameters.Add(new NpgsqlParameter { Value = notification.Key });
        command.Parameters.Add(Text(audience.PersonId));
        command.Parameters.Add(Text(audience.Organisation));
        command.Parameters.Add(new NpgsqlParameter { Value = audience.Roles.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = notification.Subject });
        command.Parameters.Add(new NpgsqlParameter { Value = notification.Body });
        command.Parameters.Add(new NpgsqlParameter { Value = notification.Link });
        command.Parameters.Add(Text(notification.Reference));
        command.Parameters.Add(TextArray(people.Select(p => p.PersonId)));
        command.Parameters.Add(new NpgsqlParameter { Value = emails.Select(_ => Guid.CreateVersion7(now)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(TextArray(emails.Select(p => p.PersonId)));
        command.Parameters.Add(TextArray(emails.Select(p => p.Email!.Trim())));
        command.Parameters.Add(TextArray(emails.Select(p => p.DisplayName ?? "")));

        var stored = (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
        if (stored)
        {
            logger.LogInformation("Notification {Category}/{Key} told {People} people ({Emails} e-mails queued), audience {Audience}",
                notification.Category, notification.Key, people.Count, emails.Count, audience);
        }
        else
        {
            logger.LogDebug("Notification {Category}/{Key} was stored meanwhile by another delivery; not told again", notification.Category, notification.Key);
        }
    }

    private async Task<bool> ExistsAsync(Notification notification, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT EXISTS (SELECT 1 FROM {NotificationSchema.Name}.notifications WHERE category = $1 AND idempotency_key = $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = notification.Category });
        command.Parameters.Add(new NpgsqlParameter { Value = notification.Key });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter TextArray(IEnumerable<string> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
