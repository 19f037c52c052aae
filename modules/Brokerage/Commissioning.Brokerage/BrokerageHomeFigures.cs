using System.Globalization;
using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Web;
using Npgsql;

namespace Commissioning.Brokerage;

/// <summary>The home page's Brokerage figures: the worklist for brokerage, a borough's own children, a provider's offers.</summary>
internal sealed class BrokerageHomeFigures(NpgsqlDataSource dataSource, TimeProvider clock) : IHomeFigures
{
    // The worklist's open statuses, as a SQL list of their codes.
    private static readonly string Open = $"({string.Join(", ", ReferralStatuses.Open.Select(s => $"'{ReferralStatuses.Code(s)}'"))})";

    public async Task<IReadOnlyList<HomeFigure>> ForAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var org = context.Organisation ?? "";
        switch (context.Role)
        {
            case Roles.Brokerage:
                var counts = await CountsAsync(clock.GetUtcNow(),
                    [$"SELECT count(*) FROM brokerage.referrals WHERE status IN {Open}",
                    $"SELECT count(*) FROM brokerage.referrals WHERE {ReferralTables.OverdueForDecision}",
                    "SELECT count(*) FROM brokerage.offers WHERE status = 'open'",
                    "SELECT count(*) FROM brokerage.placements WHERE status = 'started'"], cancellationToken);
                return
                [
                    new("Open referrals", Text(counts[0]), "/brokerage/worklist", "On the worklist"),
                    new("Overdue for a decision", Text(counts[1]), "/brokerage/worklist", "Past the 24-hour or 5-working-day target"),
                    new("Offers waiting for a provider", Text(counts[2]), "/offers"),
                    new("Children placed in block beds", Text(counts[3]), "/placements"),
                ];
            case Roles.BoroughReferrer or Roles.BoroughManager:
                counts = await CountsAsync(org,
                    [$"SELECT count(*) FROM brokerage.referrals WHERE borough_code = $1 AND status IN {Open}",
                    "SELECT count(*) FROM brokerage.referrals WHERE borough_code = $1 AND status = 'returned'",
                    "SELECT count(*) FROM brokerage.placements WHERE borough_code = $1 AND status = 'started'"], cancellationToken);
                return
                [
                    new("Your borough's open referrals", Text(counts[0]), "/referrals"),
                    new("Returned to you with a question", Text(counts[1]), "/referrals"),
                    new("Your children placed in block beds", Text(counts[2]), "/placements"),
                ];
            case Roles.Provider:
                counts = await CountsAsync(org,
                    ["SELECT count(*) FROM brokerage.offers WHERE provider_code = $1 AND status = 'open'",
                    "SELECT count(*) FROM brokerage.placements WHERE provider_code = $1 AND status = 'started'",
                    "SELECT count(*) FROM brokerage.spot_requests WHERE status = 'open' AND $1 = ANY (sent_to)"], cancellationToken);
                return
                [
                    new("Offers waiting for your answer", Text(counts[0]), "/offers"),
                    new("Children living in your homes", Text(counts[1]), "/placements"),
                    new("Spot requests open to you", Text(counts[2]), "/spot-requests"),
                ];
            default:
                return [];
        }
    }

    private static string Text(long count) => count.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>One round trip; every query that has a parameter takes <paramref name="parameter"/> as <c>$1</c>.</summary>
    private async Task<long[]> CountsAsync(object parameter, string[] queries, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var sql in queries)
        {
            var command = new NpgsqlBatchCommand(sql);
            if (sql.Contains("$1", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            }

            batch.BatchCommands.Add(command);
        }

        var counts = new long[queries.Length];
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < queries.Length; i++)
        {
            if (i > 0)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            await reader.ReadAsync(cancellationToken);
            counts[i] = reader.GetInt64(0);
        }

        return counts;
    }
}
