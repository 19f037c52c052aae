using Npgsql;

namespace Commissioning.Partnership.People;

/// <summary>One row of the people table: what sign-in and the admin pages decide from.</summary>
internal sealed record PersonRecord(
    Guid Id, long Version, string Email, string Name, string OrganisationCode, string Role, string PasswordHash, bool MustChangePassword,
    string? SecondFactorSecret, long LastCodeStep, int FailedAttempts, DateTimeOffset? LockedUntil, bool Disabled, string SecurityStamp,
    DateTimeOffset? LastSignedInAt, DateTimeOffset RegisteredAt)
{
    public bool HasSecondFactor => SecondFactorSecret is not null;

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;

    public string Stream => PersonStreams.For(Id);
}

internal static class PersonDirectory
{
    public const string Columns = """
        id, version, email, name, organisation_code, role, password_hash, must_change_password, second_factor_secret, last_code_step,
        failed_attempts, locked_until, disabled, security_stamp, last_signed_in_at, registered_at
        """;

    public static Task<PersonRecord?> FindAsync(NpgsqlDataSource dataSource, Guid id, CancellationToken cancellationToken) =>
        SingleAsync(dataSource, "id = $1", id, cancellationToken);

    public static Task<PersonRecord?> FindByEmailAsync(NpgsqlDataSource dataSource, string email, CancellationToken cancellationToken) =>
        SingleAsync(dataSource, "lower(email) = lower($1)", email.Trim(), cancellationToken);

    public static async Task<(IReadOnlyList<PersonRecord> People, long Total)> ListAsync(
        NpgsqlDataSource dataSource, string? organisation, string? role, string? search, long offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}, count(*) OVER () FROM partnership.people
            WHERE ($1::text IS NULL OR organisation_code = $1) AND ($2::text IS NULL OR role = $2)
              AND ($3::text IS NULL OR name ILIKE '%' || $3 || '%' OR email ILIKE '%' || $3 || '%')
            ORDER BY name, email, id OFFSET $4 LIMIT $5
            """);
        command.Parameters.Add(Text(organisation));
        command.Parameters.Add(Text(role));
        command.Parameters.Add(Text(search));
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var people = new List<PersonRecord>();
        long total = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            people.Add(Read(reader));
            total = reader.GetInt64(16);
        }

        return (people, total);
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = string.IsNullOrWhiteSpace(value) ? DBNull.Value : value.Trim(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    private static async Task<PersonRecord?> SingleAsync(NpgsqlDataSource dataSource, string where, object value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM partnership.people WHERE {where}");
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static PersonRecord Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetBoolean(7),
        r.IsDBNull(8) ? null : r.GetString(8), r.GetInt64(9), r.GetInt32(10), r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11),
        r.GetBoolean(12), r.GetString(13), r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14), r.GetFieldValue<DateTimeOffset>(15));
}
