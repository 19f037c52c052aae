using Commissioning.Brokerage.SpotPurchases.Fairness;
using Commissioning.Brokerage.SpotPurchases.OutsideBrokerage;
using Commissioning.Brokerage.SpotPurchases.SpotRequests;
using Commissioning.BuildingBlocks.Identity;
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
        MapSpotRequests(api);
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

    private static void MapSpotRequests(RouteGroupBuilder api)
    {
        var readers = SpotPurchasesAccess.Split(SpotPurchasesAccess.SpotRequestReaders);
        api.MapGet("/referrals/{id:guid}/spot-purchase-recipients", (IMediator m, Guid id, CancellationToken ct) => m.Send(new PreviewSpotRequest(id), ct))
            .RequireRoles(Roles.Brokerage).Produces<SpotPreview>()
            .WithSummary("Who a spot purchase for the referral would be sent to, and why each provider is included or left out (accredited, and a home that passes " +
                         "the home-level hard constraints). cannotStart says why none can be sent now.");
        api.MapPost("/referrals/{id:guid}/spot-requests", async (IMediator m, Guid id, StartBody body, CancellationToken ct) =>
            {
                var started = await m.Send(new StartSpotRequest(id, body.BidsBy, body.Note), ct);
                return Results.Created($"/api/v1/spot-requests/{started.Id}", await m.Send(new GetSpotRequest(started.Id), ct));
            })
            .RequireRoles(Roles.Brokerage).Produces<SpotRequestView>(StatusCodes.Status201Created)
            .WithSummary("Starts a spot purchase for a submitted referral no block bed fits: sent only to accredited providers with a home that passes the " +
                         "home-level hard constraints (never to all), who are notified. The referral becomes spot-purchase. 409 when nobody is eligible.");
        api.MapGet("/spot-requests", (IMediator m, PageRequest page, string? status, CancellationToken ct) => m.Send(new ListSpotRequests(page, status), ct))
            .RequireRoles(readers).Produces<ChildPage<SpotRequestSummary>>()
            .WithSummary("Spot-purchase requests, latest first (?status=open|awarded|placed). Brokerage sees all, a borough its own, a provider those sent to it.");
        api.MapGet("/spot-requests/{id:guid}", async (IMediator m, Guid id, HttpContext http, CancellationToken ct) =>
                EntityVersions.Tagged(http, await m.Send(new GetSpotRequest(id), ct), v => v.Version))
            .RequireRoles(readers).Produces<SpotRequestView>()
            .WithSummary("One spot request: the minimum needs under a pseudonymous reference, and the bids (a provider sees only its own). 404 for a provider it was not sent to.");
        api.MapPost("/spot-requests/{id:guid}/bids", async (IMediator m, Guid id, BidBody body, CancellationToken ct) =>
            {
                var bid = await m.Send(new MakeSpotBid(id, body.HomeCode, body.WeeklyPrice, body.AvailableFrom, body.Note), ct);
                var request = await m.Send(new GetSpotRequest(id), ct);
                return Results.Created($"/api/v1/spot-requests/{id}", request.Bids.Single(b => b.Id == bid.BidId));
            })
            .RequireRoles(Roles.Provider).Produces<SpotBidView>(StatusCodes.Status201Created)
            .WithSummary("A provider the request was sent to bids one of its own homes that suits the child: homeCode, weeklyPrice (pounds), availableFrom, note.");
        api.MapPost("/spot-requests/{id:guid}/award", async (IMediator m, Guid id, AwardBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new AwardSpotBid(id, body.BidId, body.StartDate), ct);
                return EntityVersions.Tagged(http, await m.Send(new GetSpotRequest(id), ct), v => v.Version);
            })
            .RequireRoles(Roles.Brokerage).Produces<SpotRequestView>()
            .WithSummary("Awards one bid from a start date: a spot contract is agreed with its provider (award.spotContractId; Contracts shows it) and the placement is agreed under it.");
        api.MapPost("/spot-requests/{id:guid}/start", async (IMediator m, Guid id, StartPlacementBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new StartSpotPlacement(id, body.StartDate), ct);
                return EntityVersions.Tagged(http, await m.Send(new GetSpotRequest(id), ct), v => v.Version);
            })
            .RequireRoles(Roles.Brokerage).Produces<SpotRequestView>()
            .WithSummary("The child moved in: the awarded placement starts against its spot contract (the bed ledger is told) and the referral is placed.");
        api.MapPost("/spot-requests/{id:guid}/end", async (IMediator m, Guid id, EndSpotBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new EndSpotPlacement(id, body.EndDate, body.ReasonEpisodeCeased, body.ReasonPlaceChange, body.Planned), ct);
                return EntityVersions.Tagged(http, await m.Send(new GetSpotRequest(id), ct), v => v.Version);
            })
            .RequireRoles(Roles.Brokerage).Produces<SpotRequestView>()
            .WithSummary("The spot placement ended: endDate, reasonEpisodeCeased (SSDA903 REC), reasonPlaceChange (with X1 only), planned. The bed ledger is told.");
    }

    internal sealed record StartBody(DateOnly? BidsBy, string? Note);

    internal sealed record EndSpotBody(DateOnly? EndDate, string? ReasonEpisodeCeased, string? ReasonPlaceChange, bool? Planned);

    internal sealed record BidBody(string? HomeCode, decimal? WeeklyPrice, DateOnly? AvailableFrom, string? Note);

    internal sealed record AwardBody(Guid? BidId, DateOnly? StartDate);

    internal sealed record StartPlacementBody(DateOnly? StartDate);

    internal sealed record OutsidePlacementBody(
        string? ChildReference, Guid? ReferralId, string? ReasonCode, string? ReasonNote, string? ProviderName, string? PlacementType,
        string? PostcodeDistrict, DateOnly? StartDate, decimal? WeeklyCost, string? NeedBand);

    internal sealed record EndBody(DateOnly? EndDate, string? ReasonEpisodeCeased, string? ReasonPlaceChange, bool? Planned);
}
