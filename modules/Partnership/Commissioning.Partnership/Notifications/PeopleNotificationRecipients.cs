using Commissioning.BuildingBlocks.Notifications;
using Npgsql;
using NpgsqlTypes;

namespace Commissioning.Partnership.Notifications;

/// <summary>
/// Who a notification reaches, from the people table: enabled accounts only. A locked-out account is still told
/// (a lock-out ends by itself); a disabled one is not.
/// </summary>
internal sealed class PeopleNotificationRecipients(NpgsqlDataSource dataSource) : INotificationRecipients
{
    public async Task<IReadOnlyList<NotificationRecipient>> ResolveAsync(NotificationAudience audience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audience);
        NpgsqlCommand command;
        if (audience.PersonId is { } personId)
        {
            if (!Guid.TryParse(personId, out var id))
            {
                return [];
            }

            command = dataSource.CreateCommand("SELECT id, email, name FROM partnership.people WHERE id = $1 AND NOT disabled");
            command.Parameters.Add(new NpgsqlParameter { Value = id });
        }
        else
        {
            command = dataSource.CreateCommand("""
                SELECT id, email, name FROM partnership.people
                WHERE organisation_code = $1 AND NOT disabled AND (cardinality($2::text[]) = 0 OR role = ANY ($2))
                ORDER BY name, id
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = audience.Organisation! });
            command.Parameters.Add(new NpgsqlParameter { Value = audience.Roles.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        }

        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var recipients = new List<NotificationRecipient>();
            while (await reader.ReadAsync(cancellationToken))
            {
                // The same spelling of the id as the sign-in claim, so the person's inbox finds it.
                recipients.Add(new NotificationRecipient(reader.GetGuid(0).ToString(), reader.GetString(1), reader.GetString(2)));
            }

            return recipients;
        }
    }
}
