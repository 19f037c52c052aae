using System.Globalization;
using System.Text;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Npgsql;
using NpgsqlTypes;

namespace Commissioning.Partnership.Audit;

internal sealed record AuditLine(
    long Id, DateTimeOffset OccurredAt, string? UserId, string? Organisation, string? Role, string Channel, string Action,
    string RecordType, string RecordId, string Operation, string CorrelationId);

internal sealed record AuditFilter(
    DateOnly? From = null, DateOnly? To = null, string? UserId = null, string? Organisation = null, string? Action = null,
    string? RecordType = null, string? RecordId = null);

/// <summary>The partnership admin searches the audit log (newest first). Searching it is not itself child-level data.</summary>
[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record SearchAuditLog(AuditFilter Filter, PageRequest Page) : IQuery<Paged<AuditLine>>;

/// <summary>The same search as CSV, every matching line (capped), for the admin's own tools.</summary>
[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record ExportAuditLog(AuditFilter Filter) : IQuery<string>;

internal sealed class AuditSearchHandlers(NpgsqlDataSource dataSource) :
    IRequestHandler<SearchAuditLog, Paged<AuditLine>>, IRequestHandler<ExportAuditLog, string>
{
    public const int ExportLimit = 100_000;

    public async Task<Paged<AuditLine>> Handle(SearchAuditLog request, CancellationToken cancellationToken)
    {
        var (lines, total) = await QueryAsync(request.Filter, request.Page.Offset, request.Page.PageSize, cancellationToken);
        return new Paged<AuditLine>(request.Page, lines, total);
    }

    public async Task<string> Handle(ExportAuditLog request, CancellationToken cancellationToken)
    {
        var (lines, _) = await QueryAsync(request.Filter, 0, ExportLimit, cancellationToken);
        var csv = new StringBuilder("occurredAt,userId,organisation,role,channel,action,recordType,recordId,operation,correlationId\r\n");
        foreach (var l in lines)
        {
            csv.AppendJoin(',', new[]
            {
                l.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture), l.UserId, l.Organisation, l.Role, l.Channel,
                l.Action, l.RecordType, l.RecordId, l.Operation, l.CorrelationId,
            }.Select(Csv.Field)).Append("\r\n");
        }

        return csv.ToString();
    }

    private async Task<(IReadOnlyList<AuditLine>, long)> QueryAsync(AuditFilter f, long offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, occurred_at, user_id, organisation, role, channel, action, record_type, record_id, operation, correlation_id, count(*) OVER ()
            FROM partnership.audit_log
            WHERE ($1::date IS NULL OR occurred_at >= $1::date) AND ($2::date IS NULL OR occurred_at < $2::date + 1)
              AND ($3::text IS NULL OR user_id = $3) AND ($4::text IS NULL OR organisation = $4) AND ($5::text IS NULL OR action = $5)
              AND ($6::text IS NULL OR record_type = $6) AND ($7::text IS NULL OR record_id = $7)
            ORDER BY occurred_at DESC, id DESC OFFSET $8 LIMIT $9
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)f.From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)f.To ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        foreach (var text in new[] { f.UserId, f.Organisation, f.Action, f.RecordType, f.RecordId })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = string.IsNullOrWhiteSpace(text) ? DBNull.Value : text.Trim(), NpgsqlDbType = NpgsqlDbType.Text });
        }

        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<AuditLine>();
        long total = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            lines.Add(new AuditLine(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), Text(2), Text(3), Text(4), reader.GetString(5),
                reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10)));
            total = reader.GetInt64(11);
        }

        return (lines, total);
    }
}

/// <summary>RFC 4180 fields, with spreadsheet formula injection neutralised (a leading =, +, - or @ is quoted behind an apostrophe).</summary>
internal static class Csv
{
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
