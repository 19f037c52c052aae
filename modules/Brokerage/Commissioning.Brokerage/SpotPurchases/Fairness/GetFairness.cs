using Commissioning.Brokerage.Placements;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.SpotPurchases.Fairness;

/// <summary>
/// Whether allocation is fair, for a financial year (the current one when none is given): each borough's share of the
/// block's bed-days against its pooled-budget share, and each provider's offers and answers. Partnership-level figures:
/// no child is named, so it is not child data.
/// </summary>
[AllowedRoles(Roles.Brokerage, Roles.PartnershipAdmin, Roles.BoardMember, Roles.ContractManager, Roles.BoroughManager)]
internal sealed record GetFairness(string? FinancialYear) : IQuery<FairnessView>;

/// <summary>What each provider was offered in the year and how it answered.</summary>
/// <param name="DeclinesByReason">Declines by the provider's coded reason.</param>
/// <param name="AcceptanceRate">Percent of the answered or lapsed offers it accepted, to one decimal place; null when none were.</param>
internal sealed record ProviderOffers(
    string ProviderCode, int Offers, int Accepted, int Declined, int Lapsed, int Withdrawn, int Open,
    IReadOnlyDictionary<string, int> DeclinesByReason, decimal? AcceptanceRate);

/// <param name="CountedTo">The last day counted: the year's end, or today while the year is in progress.</param>
/// <param name="PlacedOutsideBrokerage">
/// Placements each borough recorded as made outside brokerage that started in the year (borough code to count), so the
/// block's share is read beside what was bought without it.
/// </param>
internal sealed record FairnessView(
    string FinancialYear, DateOnly From, DateOnly To, DateOnly? CountedTo, int TotalBedDays, decimal TotalContributions,
    IReadOnlyList<BoroughFairness> Boroughs, IReadOnlyList<ProviderOffers> Providers, IReadOnlyDictionary<string, int> PlacedOutsideBrokerage);

internal sealed class GetFairnessHandler([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, TimeProvider clock)
    : IRequestHandler<GetFairness, FairnessView>
{
    public async Task<FairnessView> Handle(GetFairness request, CancellationToken cancellationToken)
    {
        var today = PartnershipCalendar.Today(clock);
        var year = string.IsNullOrWhiteSpace(request.FinancialYear) ? FinancialYear.Containing(today) : FinancialYear.Parse(request.FinancialYear);
        DateOnly? countTo = today < year.From ? null : today < year.To ? today : year.To;

        // Block beds only (a bed id, not a spot contract), occupied within the year.
        var stays = countTo is { } last
            ? await ReadModels.QueryAsync(store,
                $"""
                SELECT borough_code, start_date, end_date FROM {PlacementsSchema.Placements}
                WHERE bed_id IS NOT NULL AND start_date IS NOT NULL AND start_date <= $2 AND (end_date IS NULL OR end_date > $1)
                """,
                r => new BlockStay(r.GetString(0), r.GetFieldValue<DateOnly>(1), r.NullableDate(2)), cancellationToken, year.From, last)
            : [];
        var contributions = (await ReadModels.QueryAsync(store,
                $"SELECT borough_code, amount FROM {SpotTables.PooledBudget} WHERE financial_year = $1",
                r => (Borough: r.GetString(0), Amount: r.GetDecimal(1)), cancellationToken, year.Code))
            .ToDictionary(c => c.Borough, c => c.Amount);
        var boroughs = countTo is { } to
            ? FairnessArithmetic.Shares(stays, contributions, year.From, to, Boroughs.All)
            : FairnessArithmetic.Shares([], contributions, year.From, year.From, Boroughs.All);

        var offers = await ReadModels.QueryAsync(store,
            $"""
            SELECT provider_code, status, decline_reason_code, count(*)::int FROM {PlacementsSchema.Offers}
            WHERE (made_at AT TIME ZONE 'Europe/London')::date BETWEEN $1 AND $2
            GROUP BY provider_code, status, decline_reason_code ORDER BY provider_code
            """,
            r => (Provider: r.GetString(0), Status: r.GetString(1), Reason: r.NullableString(2), Count: r.GetInt32(3)), cancellationToken, year.From, year.To);
        var providers = offers.GroupBy(o => o.Provider).Select(g =>
        {
            int Count(string status) => g.Where(o => o.Status == status).Sum(o => o.Count);
            var (accepted, declined, lapsed) = (Count("accepted"), Count("declined"), Count("lapsed"));
            var answered = accepted + declined + lapsed;
            return new ProviderOffers(g.Key, g.Sum(o => o.Count), accepted, declined, lapsed, Count("withdrawn"), Count("open"),
                g.Where(o => o.Status == "declined").GroupBy(o => o.Reason ?? "not-given").OrderBy(r => r.Key).ToDictionary(r => r.Key, r => r.Sum(o => o.Count)),
                answered == 0 ? null : decimal.Round(100m * accepted / answered, 1, MidpointRounding.AwayFromZero));
        }).ToList();

        var outside = (await ReadModels.QueryAsync(store,
                $"SELECT borough_code, count(*)::int FROM {SpotTables.OutsidePlacements} WHERE start_date BETWEEN $1 AND $2 GROUP BY borough_code",
                r => (Borough: r.GetString(0), Count: r.GetInt32(1)), cancellationToken, year.From, year.To))
            .ToDictionary(o => o.Borough, o => o.Count);
        return new FairnessView(year.Code, year.From, year.To, countTo, boroughs.Sum(b => b.BedDays), contributions.Values.Sum(), boroughs, providers, outside);
    }
}
