using Commissioning.Brokerage.SpotPurchases.Fairness;
using Commissioning.Brokerage.SpotPurchases.OutsideBrokerage;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Commissioning.Brokerage.SpotPurchases;

/// <summary>
/// Spot purchases, placements made outside brokerage and fairness in the integration API: the same actions as the
/// pages. Child records outside the caller's scope answer 404, exactly as records that do not exist.
/// </summary>
internal static class SpotPurchasesApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Brokerage: spot purchases");
        MapOutsidePlacements(api);
        api.MapGet("/fairness", (IMediator m, string? financialYear, CancellationToken ct) => m.Send(new GetFairness(financialYear), ct))
            .RequireRoles(SpotPurchasesAccess.Split(SpotPurchasesAccess.FairnessReaders)).Produces<FairnessView>()
            .WithSummary("Each borough's share of block bed-days in the financial year (?financialYear=2026-27, the current one when left out) against its " +
                         "pooled-budget share, with the difference in percentage points and a sentence; each provider's offers, acceptances, declines by reason and lapses.");
    }

    private static void MapOutsidePlacements(RouteGroupBuilder api)
    {
        var writers = SpotPurchasesAccess.Split(SpotPurchasesAccess.OutsidePlacementWriters);
        var readers = SpotPurchasesAccess.Split(SpotPurchasesAccess.OutsidePlacementReaders);
        api.MapGet("/outside-placements", (IMediator m, PageRequest page, string? borough, string? status, CancellationToken ct) =>
                m.Send(new ListOutsidePlacements(page, borough, status), ct))
            .RequireRoles(readers).Produces<ChildPage<OutsidePlacementView>>()
            .WithSummary("Placements boroughs made outside brokerage, latest start first (?borough=&status=open|ended). A borough sees its own; brokerage sees all.");
        api.MapGet("/outside-placements/{id:guid}", async (IMediator m, Guid id, HttpContext http, CancellationToken ct) =>
                EntityVersions.Tagged(http, await m.Send(new GetOutsidePlacement(id), ct), v => v.Version))
            .RequireRoles(readers).Produces<OutsidePlacementView>()
            .WithSummary("One placement made outside brokerage. Another borough's answers 404.");
        api.MapPost("/outside-placements", async (IMediator m, OutsidePlacementBody body, CancellationToken ct) =>
            {
                var recorded = await m.Send(new RecordOutsidePlacement(body.ChildReference, body.ReferralId, body.ReasonCode, body.ReasonNote, body.ProviderName,
                    body.PlacementType, body.PostcodeDistrict, body.StartDate, body.WeeklyCost, body.NeedBand), ct);
                return Results.Created($"/api/v1/outside-placements/{recorded.Id}", await m.Send(new GetOutsidePlacement(recorded.Id), ct));
            })
            .RequireRoles(writers).Produces<OutsidePlacementView>(StatusCodes.Status201Created)
            .WithSummary("Records a placement the borough's own team made: reasonCode (emergency-out-of-hours, court-direction, no-suitable-block-bed, sibling-group, " +
                         "continuity-of-existing-placement, other with reasonNote), placementType as the Placements Data Standard v2 spells it (Residential, Foster, " +
                         "Supported Accommodation), weeklyCost in pounds, needBand. A referralId of the borough's closes that referral (placed-outside-brokerage).");
        api.MapPost("/outside-placements/{id:guid}/end", async (IMediator m, Guid id, EndBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new EndOutsidePlacement(id, body.EndDate, body.ReasonEpisodeCeased, body.ReasonPlaceChange, body.Planned), ct);
                return EntityVersions.Tagged(http, await m.Send(new GetOutsidePlacement(id), ct), v => v.Version);
            })
            .RequireRoles(writers).Produces<OutsidePlacementView>()
            .WithSummary("Records the end: endDate, reasonEpisodeCeased (SSDA903 REC), reasonPlaceChange (SSDA903, with X1 only), planned.");
    }

    internal sealed record OutsidePlacementBody(
        string? ChildReference, Guid? ReferralId, string? ReasonCode, string? ReasonNote, string? ProviderName, string? PlacementType,
        string? PostcodeDistrict, DateOnly? StartDate, decimal? WeeklyCost, string? NeedBand);

    internal sealed record EndBody(DateOnly? EndDate, string? ReasonEpisodeCeased, string? ReasonPlaceChange, bool? Planned);
}
