using Commissioning.BuildingBlocks.Identity;
using Npgsql;

namespace Commissioning.BuildingBlocks.Notifications;

/// <summary>One entry in an inbox.</summary>
/// <param name="Id">The notification's id.</param>
/// <param name="CreatedAt">When it was told.</param>
/// <param name="Category">What kind of news (<c>offer-made</c>).</param>
/// <param name="Subject">Its one-line title.</param>
/// <param name="Body">Its text.</param>
/// <param name="Link">The path in the web app that shows the thing itself.</param>
/// <param name="Reference">The pseudonymous reference, when there is one.</param>
/// <param name="ReadAt">When the owner marked it read; null while unread.</param>
public sealed record InboxItem(
    Guid Id, DateTimeOffset CreatedAt, string Category, string Subject, string Body, string Link, string? Reference, DateTimeOffset? ReadAt)
{
    /// <summary>True once the owner has marked it read.</summary>
    public bool IsRead => ReadAt is not null;
}

/// <summary>One page of an inbox, newest first.</summary>
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

/// <summary>Whose inbox: a person's, or an API key's.</summary>
public sealed record InboxOwner
{
    private InboxOwner(string id, string? organisation, string? role)
    {
        Id = id;
        Organisation = organisation;
        Role = role;
    }

    /// <summary>The person id, or <c>key:</c> and the key's id.</summary>
    public string Id { get; }

    /// <summary>A key's organisation (null for a person: what a person was told was settled when it was told).</summary>
    public string? Organisation { get; }

    /// <summary>A key's role (null for a person).</summary>
    public string? Role { get; }

    /// <summary>True for an API key.</summary>
    public bool IsApiKey => Organisation is not null;

    /// <summary>
    /// A person: they see what was told to them, and what was told to their organisation and role while they held
    /// it (fanned out to them when told).
    /// </summary>
    public static InboxOwner Person(string personId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        return new InboxOwner(personId, null, null);
    }

    /// <summary>
    /// An API key (an organisation's system, not a person): it sees what was told to its organisation, for its role
    /// or for everyone there, never what was told to a person.
    /// </summary>
    public static InboxOwner ApiKey(string keyUserId, string organisation, string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyUserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(organisation);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return new InboxOwner(keyUserId, organisation, role);
    }

    /// <summary>The inbox of whoever is acting, or null for nobody or the system.</summary>
    public static InboxOwner? For(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.UserId is not { } id || context.IsSystem)
        {
            return null;
        }

        return id.StartsWith(KeyPrefix, StringComparison.Ordinal)
            ? context.Organisation is { } organisation && context.Role is { } role ? ApiKey(id, organisation, role) : null
            : Person(id);
    }

    /// <summary>How <see cref="CommissioningClaims.UserId"/> marks an API key.</summary>
    public const string KeyPrefix = "key:";
}

/// <summary>
/// The in-app notifications of one owner: the list, the unread count and the read marks. Each method touches the
/// owner's entries only: another's notification is answered as not found. A singleton.
/// </summary>
public sealed class NotificationInbox(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>The largest page accepted (api.md's limit).</summary>
    public const int MaxPageSize = 200;

    private const string Schema = NotificationSchema.Name;

    // A key's inbox: its organisation's notifications for its role or for everyone there ($2 organisation, $3 role).
    private const string KeyAudience = "n.audience_organisation = $2 AND (cardinality(n.audience_roles) = 0 OR $3 = ANY (n.audience_roles))";

    /// <summary>One page of the owner's notifications, newest first.</summary>
    /// <param name="owner">Whose inbox.</param>
    /// <param name="page">From 1; past the last page gives an empty page.</param>
    /// <param name="pageSize">1 to <see cref="MaxPageSize"/>.</param>
    /// <param name="unreadOnly">Only the unread entries.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<InboxPage> ListAsync(InboxOwner owner, int page = 1, int pageSize = 20, bool unreadOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);

        var offset = (long)(page - 1) * pageSize;
        await using var batch = dataSource.CreateBatch();
        if (owner.IsApiKey)
        {
            batch.BatchCommands.Add(BatchCommand($"""
                SELECT n.id, n.created_at, n.category, n.subject, n.body, n.link, n.reference, k.read_at
                FROM {Schema}.notifications n
                LEFT JOIN {Schema}.key_reads k ON k.notification_id = n.id AND k.key_id = $1
                WHERE {KeyAudience} AND (NOT $4 OR k.read_at IS NULL)
                ORDER BY n.created_at DESC, n.id DESC
                LIMIT $5 OFFSET $6
                """, owner.Id, owner.Organisation!, owner.Role!, unreadOnly, pageSize, offset));
            batch.BatchCommands.Add(BatchCommand($"""
                SELECT count(*), count(*) FILTER (WHERE k.read_at IS NULL)
                FROM {Schema}.notifications n
                LEFT JOIN {Schema}.key_reads k ON k.notification_id = n.id AND k.key_id = $1
                WHERE {KeyAudience}
                """, owner.Id, owner.Organisation!, owner.Role!));
        }
        else
        {
            batch.BatchCommands.Add(BatchCommand($"""
                SELECT n.id, n.created_at, n.category, n.subject, n.body, n.link, n.reference, r.read_at
                FROM {Schema}.recipients r JOIN {Schema}.notifications n ON n.id = r.notification_id
                WHERE r.person_id = $1 AND (NOT $2 OR r.read_at IS NULL)
                ORDER BY r.seq DESC
                LIMIT $3 OFFSET $4
                """, owner.Id, unreadOnly, pageSize, offset));
            batch.BatchCommands.Add(BatchCommand($"""
                SELECT count(*), count(*) FILTER (WHERE read_at IS NULL) FROM {Schema}.recipients WHERE person_id = $1
                """, owner.Id));
        }

        var items = new List<InboxItem>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Item(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = (int)reader.GetInt64(0);
        var unread = (int)reader.GetInt64(1);
        return new InboxPage(items, page, pageSize, unreadOnly ? unread : total, unread);
    }

    /// <summary>One of the owner's notifications, or null when the owner has no such notification.</summary>
    public async Task<InboxItem?> GetAsync(InboxOwner owner, Guid notificationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await using var command = owner.IsApiKey
            ? Command($"""
                SELECT n.id, n.created_at, n.category, n.subject, n.body, n.link, n.reference, k.read_at
                FROM {Schema}.notifications n
                LEFT JOIN {Schema}.key_reads k ON k.notification_id = n.id AND k.key_id = $1
                WHERE n.id = $4 AND {KeyAudience}
                """, owner.Id, owner.Organisation!, owner.Role!, notificationId)
            : Command($"""
                SELECT n.id, n.created_at, n.category, n.subject, n.body, n.link, n.reference, r.read_at
                FROM {Schema}.recipients r JOIN {Schema}.notifications n ON n.id = r.notification_id
                WHERE r.person_id = $1 AND r.notification_id = $2
                """, owner.Id, notificationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Item(reader) : null;
    }

    /// <summary>How many of the owner's notifications are unread (for the header's count).</summary>
    public async Task<int> UnreadCountAsync(InboxOwner owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await using var command = owner.IsApiKey
            ? Command($"""
                SELECT count(*) FROM {Schema}.notifications n
                WHERE {KeyAudience}
                  AND NOT EXISTS (SELECT 1 FROM {Schema}.key_reads k WHERE k.notification_id = n.id AND k.key_id = $1)
                """, owner.Id, owner.Organisation!, owner.Role!)
            : Command($"SELECT count(*) FROM {Schema}.recipients WHERE person_id = $1 AND read_at IS NULL", owner.Id);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Marks one of the owner's notifications read (again is harmless: the first time stands). False when the
    /// owner has no such notification, whether it does not exist or is someone else's.
    /// </summary>
    public async Task<bool> MarkReadAsync(InboxOwner owner, Guid notificationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await using var command = owner.IsApiKey
            ? Command($"""
                WITH mine AS (SELECT n.id FROM {Schema}.notifications n WHERE n.id = $4 AND {KeyAudience}),
                marked AS (
                    INSERT INTO {Schema}.key_reads (notification_id, key_id, read_at) SELECT id, $1, $5 FROM mine
                    ON CONFLICT (key_id, notification_id) DO NOTHING)
                SELECT count(*) FROM mine
                """, owner.Id, owner.Organisation!, owner.Role!, notificationId, clock.GetUtcNow())
            : Command($"""
                WITH marked AS (
                    UPDATE {Schema}.recipients SET read_at = coalesce(read_at, $3)
                    WHERE notification_id = $2 AND person_id = $1
                    RETURNING 1)
                SELECT count(*) FROM marked
                """, owner.Id, notificationId, clock.GetUtcNow());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    /// <summary>Marks every unread notification of the owner read; returns how many there were.</summary>
    public async Task<int> MarkAllReadAsync(InboxOwner owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await using var command = owner.IsApiKey
            ? Command($"""
                INSERT INTO {Schema}.key_reads (notification_id, key_id, read_at)
                SELECT n.id, $1, $4 FROM {Schema}.notifications n WHERE {KeyAudience}
                ON CONFLICT (key_id, notification_id) DO NOTHING
                """, owner.Id, owner.Organisation!, owner.Role!, clock.GetUtcNow())
            : Command($"UPDATE {Schema}.recipients SET read_at = $2 WHERE person_id = $1 AND read_at IS NULL", owner.Id, clock.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static InboxItem Item(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetFieldValue<DateTimeOffset>(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7));

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
