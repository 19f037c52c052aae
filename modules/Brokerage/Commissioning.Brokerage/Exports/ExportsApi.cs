using System.Text;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Commissioning.Brokerage.Exports;

/// <summary>
/// The standard exports boroughs feed their own systems and statutory return from (api.md), so nothing is keyed twice.
/// They are child-level data, so they are served here, by the module that holds the children's records, never copied
/// into Reporting (which holds no child's identity); every record exported is audited.
/// </summary>
internal static class ExportsApi
{
    public static readonly string[] Readers = [Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/exports").WithTags("Exports");
        api.MapGet("/placements-standard", (IMediator m, string? from, string? to, CancellationToken ct) =>
                m.Send(new ExportPlacementsStandard(ExportPeriod.Parse(from, to)), ct))
            .RequireRoles(Readers).Produces<IReadOnlyList<PlacementsStandardRecord>>()
            .WithSummary("One record per referral submitted between from and to (yyyy-MM-dd, inclusive, both optional), with a property per Placements " +
                         "Data Standard v2 entity holding its fields by the standard's names and option values; ActualPlacement is null until a placement is " +
                         "agreed. A borough gets its own referrals; brokerage every borough's.");
        api.MapGet("/ssda903-episodes", async (IMediator m, string? from, string? to, string? borough, CancellationToken ct) =>
            {
                var episodes = await m.Send(new ExportSsda903Episodes(ExportPeriod.Parse(from, to), borough), ct);
                return Results.File(Encoding.UTF8.GetBytes(Ssda903Csv.Write(episodes)), "text/csv; charset=utf-8", $"ssda903-episodes-{from ?? "start"}-to-{to ?? "today"}.csv");
            })
            .RequireRoles(Readers).Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("CSV with the SSDA903 Episodes columns (ssda903.json's names and order, dates DD/MM/YYYY), one row per episode open at any time " +
                         "between from and to; an episode that ceased after to is written as open. LS, CIN and HOME_POST are left for the borough's " +
                         "case record. A borough gets its own; brokerage every borough's, or one with ?borough=.");
    }
}
