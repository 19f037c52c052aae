using Npgsql;

namespace Commissioning.BuildingBlocks.Notifications;

/// <summary>One entry in a person's inbox.</summary>
/// <param name="Id">The notification's id.</param>
/// <param name="CreatedAt">When it was told.</param>
/// <param name="Category">What kind of news (<c>offer-made</c>).</param>
/// <param name="Subject">Its one-line title.</param>
/// <param name="Body">Its text.</param>
/// <param name="Link">The path in the web app that shows the thing itself.</param>
/// <param name="Reference">The pseudonymous reference, when there is one.</param>
/// <param name="ReadAt">When this person marked it read; null while unread.</param>
public sealed record InboxItem(
    Guid Id, DateTimeOffset CreatedAt, string Category, string Subject, string Body, string Link, string? Reference, DateTimeOffset? ReadAt)
{
    /// <summary>True once the person has marked it read.</summary>
    public bool IsRead => ReadAt is not null;
}

/// <summary>One page of a person's inbox, newest first.</summary>
/// <param name="Items">The entries on this page.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">At most this many entries a page.</param>
/// <param name="Total">How many entries the inbox holds (all of them, or the unread ones when only those were asked for).</param>
/// <param name="Unread">How many entries are unread.</param>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Page, int PageSize, int Total, int Unread)
{
    /// <summary>How many pages there are (at least one).</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// A person's in-app notifications: the list, the unread count and the read marks. Every method takes the person's
/// own id (the signed-in person's, from the request context) and touches only that person's entries: another
/// person's notification is answered as not found.
/// </summary>
public sealed class NotificationInbox(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>The largest page accepted.</summary>
    public const int MaxPageSize = 100;

    private const string Schema = NotificationSchema.Name;

    /// <summary>One page of the person's notifications, newest first.</summary>
    /// <param name="personId">The person whose inbox it is.</param>
    /// <param name="page">From 1; past the last page gives an empty page.</param>
    /// <param name="pageSize">1 to <see cref="MaxPageSize"/>.</param>
    /// <param name="unreadOnly">Only the unread entries.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<InboxPage> ListAsync(string personId, int page = 1, int pageSize = 20, bool unreadOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(BatchCommand($"""
            SELECT n.id, n.created_at, n.category, n.subject, n.body, n.link, n.reference, r.read_at
            FROM {Schema}.recipients r JOIN {Schema}.notifications n ON n.id = r.notification_id
            WHERE r.person_id = $1 AND (NOT $2 OR r.read_at IS NULL)
            ORDER BY r.seq DESC
            LIMIT $3 OFFSET $4
            """, personId, unreadOnly, pageSize, (long)(page - 1) * pageSize));
        batch.BatchCommands.Add(BatchCommand($"""
            SELECT count(*), count(*) FILTER (WHERE read_at IS NULL) FROM {Schema}.recipients WHERE person_id = $1
            """, personId));

        var items = new List<InboxItem>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new InboxItem(
                reader.GetGuid(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = (int)reader.GetInt64(0);
        var unread = (int)reader.GetInt64(1);
        return new InboxPage(items, page, pageSize, unreadOnly ? unread : total, unread);
    }

    /// <summary>How many of the person's notifications are unread (for the header's badge).</summary>
    public async Task<int> UnreadCountAsync(string personId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        await using var command = Command($"SELECT count(*) FROM {Schema}.recipients WHERE person_id = $1 AND read_at IS NULL", personId);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Marks one of the person's notifications read (again is harmless: the first time stands). False when the
    /// person has no such notification, whether it does not exist or is someone else's.
    /// </summary>
    public async Task<bool> MarkReadAsync(string personId, Guid notificationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        await using var command = Command($"""
            UPDATE {Schema}.recipients SET read_at = coalesce(read_at, $3)
            WHERE notification_id = $1 AND person_id = $2
            """, notificationId, personId, clock.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Marks every unread notification of the person read; returns how many there were.</summary>
    public async Task<int> MarkAllReadAsync(string personId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        await using var command = Command($"UPDATE {Schema}.recipients SET read_at = $2 WHERE person_id = $1 AND read_at IS NULL",
            personId, clock.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(string sql, params object[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
