using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Contracts.BedLedger;
using Commissioning.Contracts.BlockContracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commissioning.Contracts.Money;

/// <summary>
/// Gathers one month's <see cref="MoneyInputs"/> from the module's own data (each block contract's terms folded from
/// its stream, the ledger's placements with their bands, the spot contracts and the pooled-budget copy) and computes
/// the month with the configured void-sharing rule. Nothing is stored: the month is re-derived on every read.
/// </summary>
internal sealed class MoneyReader(
    [FromKeyedServices(ContractsModule.SchemaName)] EventStore store,
    NpgsqlDataSource dataSource,
    IEnumerable<IVoidSharingRule> rules,
    IOptions<BedLedgerOptions> options)
{
    public IVoidSharingRule Rule => rules.FirstOrDefault(r => r.Code == options.Value.VoidSharingRule)
        ?? throw new InvalidOperationException(
            $"Commissioning:Contracts:VoidSharingRule is '{options.Value.VoidSharingRule}'; give one of {string.Join(", ", rules.Select(r => r.Code))}.");

    public async Task<MonthlyMoney> ComputeAsync(MoneyMonth month, CancellationToken cancellationToken) =>
        MoneyEngine.Compute(await ReadAsync(month, cancellationToken), Rule);

    public async Task<MoneyInputs> ReadAsync(MoneyMonth month, CancellationToken cancellationToken)
    {
        var contracts = new List<ContractTerms>();
        foreach (var id in await ContractIdsAsync(month, cancellationToken))
        {
            contracts.Add((await store.LoadAsync<ContractTerms>(BlockContractStreams.For(id), cancellationToken)).State);
        }

        return new MoneyInputs(month, contracts, await OccupanciesAsync(month, cancellationToken), await SpotsAsync(month, cancellationToken),
            await ContributionsAsync(month.FinancialYear, cancellationToken));
    }

    private async Task<List<Guid>> ContractIdsAsync(MoneyMonth month, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT contract_id FROM contracts.block_contracts WHERE starts_on <= $2 AND ends_on >= $1 ORDER BY reference");
        command.Parameters.Add(new NpgsqlParameter { Value = month.FirstDay });
        command.Parameters.Add(new NpgsqlParameter { Value = month.LastDay });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<List<BedOccupancy>> OccupanciesAsync(MoneyMonth month, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT p.placement_id, p.bed_id, p.borough_code, p.start_date, p.end_date,
                   array_agg(b.effective_from ORDER BY b.effective_from), array_agg(b.band ORDER BY b.effective_from)
            FROM contracts.ledger_placements p JOIN contracts.ledger_placement_bands b ON b.placement_id = p.placement_id
            WHERE p.bed_id IS NOT NULL AND p.start_date <= $2 AND (p.end_date IS NULL OR p.end_date > $1)
            GROUP BY p.placement_id
            ORDER BY p.placement_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = month.FirstDay });
        command.Parameters.Add(new NpgsqlParameter { Value = month.LastDay });
        var list = new List<BedOccupancy>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            var froms = r.GetFieldValue<DateOnly[]>(5);
            var bands = r.GetFieldValue<string[]>(6);
            list.Add(new BedOccupancy(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4),
                froms.Zip(bands, (f, b) => (f, Codes.Parse<NeedBand>(b))).ToList()));
        }

        return list;
    }

    private async Task<List<SpotCharge>> SpotsAsync(MoneyMonth month, CancellationToken cancellationToken)
    {
        // A spot contract is paid from its start to its end date inclusive: the end date is "the last day it is paid
        // for" (contracts core), whether agreed at the start or set when it was ended.
        await using var command = dataSource.CreateCommand("""
            SELECT spot_contract_id, reference, provider_code, home_code, borough_code, band, weekly_price, starts_on, ends_on + 1
            FROM contracts.spot_contracts
            WHERE starts_on <= $2 AND (ends_on IS NULL OR ends_on >= $1)
            ORDER BY reference
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = month.FirstDay });
        command.Parameters.Add(new NpgsqlParameter { Value = month.LastDay });
        var list = new List<SpotCharge>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            list.Add(new SpotCharge(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Codes.Parse<NeedBand>(r.GetString(5)),
                r.GetDecimal(6), r.GetFieldValue<DateOnly>(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8)));
        }

        return list;
    }

    private async Task<Dictionary<string, decimal>> ContributionsAsync(string financialYear, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT borough_code, amount FROM contracts.ledger_pooled_budget WHERE financial_year = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = financialYear });
        var contributions = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            contributions[r.GetString(0)] = r.GetDecimal(1);
        }

        return contributions;
    }
}
