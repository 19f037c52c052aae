using Commissioning.BuildingBlocks.Audit;
using Npgsql;
using NpgsqlTypes;

namespace Commissioning.Partnership.Audit;

/// <summary>Appends audit entries to partnership.audit_log (append-only by trigger) in one statement.</summary>
internal sealed class PartnershipAuditLog(NpgsqlDataSource dataSource) : IAuditLog
{
    public async Task RecordAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO partnership.audit_log (occurred_at, user_id, organisation, role, channel, action, record_type, record_id, operation, correlation_id)
            SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
            """);
        Add(command, NpgsqlDbType.TimestampTz, entries.Select(e => e.OccurredAt).ToArray());
        Add(command, NpgsqlDbType.Text, entries.Select(e => e.UserId).ToArray());
        Add(command, NpgsqlDbType.Text, entries.Select(e => e.Organisation).ToArray());
        Add(command, NpgsqlDbType.Text, entries.Select(e => e.Role).ToArray());
        Add(command, NpgsqlDbType.Text, entries.Select(e => e.Channel.ToString().ToLowerInvariant()).ToArray());
        Add(command, NpgsqlDbType.Text, entries.Select(e => e.Action).ToArray());
        Add(command, NpgsqlDbType.Text, entries.Select(e => e.RecordType).ToArray());
        Add(command, NpgsqlDbType.Text, entries.Select(e => e.RecordId).ToArray());
        Add(command, NpgsqlDbType.Text, entries.Select(e => e.Operation).ToArray());
        Add(command, NpgsqlDbType.Text, entries.Select(e => e.CorrelationId).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add<T>(NpgsqlCommand command, NpgsqlDbType type, T[] values) =>
        command.Parameters.Add(new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type });
}
