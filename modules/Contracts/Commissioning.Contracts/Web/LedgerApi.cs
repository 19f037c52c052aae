using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Contracts.BedLedger;
using Commissioning.Contracts.Money;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Commissioning.Contracts.Web;

/// <summary>
/// The bed ledger and the money in the integration API: beds with their status (api.md), providers' vacancy
/// confirmations for their own homes (api.md), and finance's recharge statements and fee schedules as JSON and CSV.
/// </summary>
internal static class LedgerApi
{
    private static readonly string[] RechargeReaders = [Roles.Finance, Roles.ContractManager, Roles.BoroughManager, Roles.PartnershipAdmin];
    private static readonly string[] FeeScheduleReaders = [Roles.Finance, Roles.ContractManager, Roles.Provider, Roles.PartnershipAdmin];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Bed ledger and money");

        api.MapGet("/beds", (IMediator m, string? status, string? band, string? homeCode, PageRequest page, CancellationToken ct) =>
                m.Send(new ListBeds(status, band, homeCode, page), ct))
            .RequireRoles(BedLedgerAccess.ReaderRoles).Produces<Paged<BedView>>()
            .WithSummary("Contracted beds by home, with status (available, held, occupied, unavailable, void), unconfirmed and availableFrom. " +
                "status=unconfirmed lists beds whose confirmation is missing or lapsed. A provider sees its own beds only.");
        api.MapGet("/homes/{homeCode}/beds", (IMediator m, string homeCode, CancellationToken ct) => m.Send(new GetHomeBeds(homeCode), ct))
            .RequireRoles(BedLedgerAccess.ReaderRoles).Produces<IReadOnlyList<BedView>>()
            .WithSummary("One home's contracted beds. A provider may ask for its own homes only (404 otherwise).");
        api.MapPost("/homes/{homeCode}/vacancy-confirmations", async (IMediator m, string homeCode, VacancyConfirmationsBody? body, CancellationToken ct) =>
            {
                var confirmed = await m.Send(new ConfirmVacancies(homeCode, body?.Beds), ct);
                return Results.Ok(new VacancyConfirmationsResult(homeCode, confirmed, await m.Send(new GetHomeBeds(homeCode), ct)));
            })
            .RequireRoles(Roles.Provider).Produces<VacancyConfirmationsResult>()
            .WithSummary("A provider confirms beds of its own home: status available (availableFrom, today by default) or unavailable (reason required). " +
                "Another provider's home answers 404; wrong fields answer 400 naming them, e.g. beds[0].availableFrom.");

        api.MapGet("/recharges", async (IMediator m, string? borough, string? month, PageRequest page, CancellationToken ct) =>
                page.Of(await m.Send(new GetRecharges(borough, month), ct)))
            .RequireRoles(RechargeReaders).Produces<Paged<RechargeStatement>>()
            .WithSummary("Monthly recharge statements per borough (month=2026-10, default this month): its children's occupied and spot lines " +
                "and its share of the void cost. A borough manager sees its own borough only.");
        api.MapGet("/recharges.csv", async (IMediator m, string? borough, string? month, CancellationToken ct) =>
                Csv(MoneyCsv.Recharges(await m.Send(new GetRecharges(borough, month), ct)), $"recharges-{month ?? "this-month"}.csv"))
            .RequireRoles(RechargeReaders).Produces<string>(contentType: "text/csv")
            .WithSummary("The same statements as CSV for finance: a row per line and a void-share row per borough.");
        api.MapGet("/fee-schedules", async (IMediator m, string? providerCode, string? month, PageRequest page, CancellationToken ct) =>
                page.Of(await m.Send(new GetFeeSchedules(providerCode, month), ct)))
            .RequireRoles(FeeScheduleReaders).Produces<Paged<FeeSchedule>>()
            .WithSummary("Provider fee schedules for a month: every contracted bed accrues a seventh of its weekly fee a day (occupied at the " +
                "child's band, void at the bed's band), plus spot contracts. A provider sees its own only.");
        api.MapGet("/fee-schedules.csv", async (IMediator m, string? providerCode, string? month, CancellationToken ct) =>
                Csv(MoneyCsv.FeeSchedules(await m.Send(new GetFeeSchedules(providerCode, month), ct)), $"fee-schedules-{month ?? "this-month"}.csv"))
            .RequireRoles(FeeScheduleReaders).Produces<string>(contentType: "text/csv")
            .WithSummary("The same fee schedules as CSV for finance.");
        api.MapGet("/money/summary", (IMediator m, string? month, CancellationToken ct) => m.Send(new GetMoneySummary(month), ct))
            .RequireRoles(Roles.Finance, Roles.ContractManager, Roles.PartnershipAdmin).Produces<MoneySummary>()
            .WithSummary("The month as a whole: fees payable, void cost, recharged, any void cost left unallocated, and anomalies in the inputs.");
    }


    private static IResult Csv(string csv, string fileName) =>
        Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", fileName);
}

internal sealed record VacancyConfirmationsBody(IReadOnlyList<VacancyConfirmationLine>? Beds);

internal sealed record VacancyConfirmationsResult(string HomeCode, int Confirmed, IReadOnlyList<BedView> Beds);
