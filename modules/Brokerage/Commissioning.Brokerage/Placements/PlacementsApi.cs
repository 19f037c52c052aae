using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Commissioning.Brokerage.Placements;

internal sealed record OfferBody(string? BedId, DateTimeOffset? RespondBy);

internal sealed record AcceptBody(DateOnly? PlannedStartDate, DateOnly? PrePlacementVisitDate);

internal sealed record DeclineBody(string? ReasonCode, string? Comment);

internal sealed record ReasonBody(string? Reason);

internal sealed record StartBody(DateOnly? StartDate);

internal sealed record EndBody(DateOnly? EndDate, string? ReasonEpisodeCeased, string? ReasonPlaceChange, bool? Planned);

internal sealed record RebandingBody(string? Band, string? Rationale);

internal sealed record RebandingDecisionBody(bool? Approve, DateOnly? EffectiveFrom, string? Reason);

internal sealed record StepDownBody(DateOnly? StepDownDate, string? Reason);

internal sealed record StayingPutBody(DateOnly? Until, string? Note);

internal sealed record MoveBody(string? BedId, DateOnly? MoveDate, string? ReasonPlaceChange, bool? Planned);

/// <summary>
/// Offers and placements in the integration API (api.md's fixed endpoints and the rest of the part's actions). Every
/// response that holds a child's record passes the child-data gate: out of scope is 404.
/// </summary>
internal static class PlacementsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Brokerage: offers and placements");
        var readers = PlacementsAccess.ChildReaders;

        api.MapPost("/referrals/{id:guid}/offers", async (IMediator m, Guid id, OfferBody body, CancellationToken ct) =>
            {
                var offerId = await m.Send(new MakeOffer(id, body.BedId, body.RespondBy), ct);
                return Results.Created($"/api/v1/offers/{offerId}", await m.Send(new GetOffer(offerId), ct));
            })
            .RequireRoles(Roles.Brokerage).Produces<OfferView>(StatusCodes.Status201Created)
            .WithSummary("Offers a contracted bed to its provider for a waiting referral, to answer by respondBy. The bed is held. 409 if the bed is not free, not confirmed available, or the referral already has an open offer.");
        api.MapGet("/offers", (IMediator m, string? status, PageRequest page, CancellationToken ct) => m.Send(new ListOffers(status, page), ct))
            .RequireRoles(readers).Produces<ChildRecordPage<OfferView>>()
            .WithSummary("Offers, latest first; status open, accepted, declined, lapsed or withdrawn. A provider sees the offers made to it.");
        api.MapGet("/offers/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetOffer(id), ct))
            .RequireRoles(readers).Produces<OfferView>()
            .WithSummary("One offer, with the minimum a provider needs to decide (age, never the date of birth).");
        api.MapPost("/offers/{id:guid}/accept", async (IMediator m, Guid id, AcceptBody body, CancellationToken ct) =>
            {
                var placementId = await m.Send(new AcceptOffer(id, body.PlannedStartDate, body.PrePlacementVisitDate), ct);
                return Results.Ok(await m.Send(new GetPlacement(placementId), ct));
            })
            .RequireRoles(Roles.Provider).Produces<PlacementView>()
            .WithSummary("The provider accepts: the placement exists with status confirmed. 409 when the offer was already answered or its deadline passed.");
        api.MapPost("/offers/{id:guid}/decline", async (IMediator m, Guid id, DeclineBody body, CancellationToken ct) =>
            {
                await m.Send(new DeclineOffer(id, body.ReasonCode, body.Comment), ct);
                return Results.Ok(await m.Send(new GetOffer(id), ct));
            })
            .RequireRoles(Roles.Provider).Produces<OfferView>()
            .WithSummary("The provider declines with reasonCode cannot-meet-needs, impact-on-current-residents, no-staffing, bed-not-available, location-unsuitable or other (comment required). The bed is free again.");
        api.MapPost("/offers/{id:guid}/withdraw", async (IMediator m, Guid id, ReasonBody? body, CancellationToken ct) =>
            {
                await m.Send(new WithdrawOffer(id, body?.Reason), ct);
                return Results.Ok(await m.Send(new GetOffer(id), ct));
            })
            .RequireRoles(Roles.Brokerage).Produces<OfferView>().WithSummary("Brokerage withdraws an open offer: the bed is free again.");

        api.MapGet("/placements", (IMediator m, string? borough, string? status, PageRequest page, CancellationToken ct) =>
                m.Send(new ListPlacements(borough, status, page), ct))
            .RequireRoles(readers).Produces<ChildRecordPage<PlacementView>>()
            .WithSummary("Placements, latest first; status confirmed, started, ended or called-off. A borough sees its own, a provider those in its homes.");
        api.MapGet("/placements/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetPlacement(id), ct))
            .RequireRoles(readers).Produces<PlacementView>().WithSummary("One placement with its bands over time and its re-banding requests.");
        Action("/placements/{id:guid}/start", (Guid id, StartBody b) => new StartPlacement(id, b.StartDate), [Roles.Brokerage, Roles.Provider],
            "Records the day the child moved in: the placement is started and the referral placed.");
        Action("/placements/{id:guid}/end", (Guid id, EndBody b) => new EndPlacement(id, b.EndDate, b.ReasonEpisodeCeased, b.ReasonPlaceChange, b.Planned),
            [Roles.Brokerage, Roles.Provider],
            "Ends the placement: reasonEpisodeCeased an SSDA903 REC code, reasonPlaceChange an SSDA903 REASON_PLACE_CHANGE code (required with X1), planned true or false.");
        Action("/placements/{id:guid}/call-off", (Guid id, ReasonBody b) => new CallOffPlacement(id, b.Reason), [Roles.Brokerage],
            "Calls off an agreed placement that will not start, with the reason: the bed is free again and the referral waits for another bed.");
        Action("/placements/{id:guid}/step-down", (Guid id, StepDownBody b) => new SetStepDownDate(id, b.StepDownDate, b.Reason), [Roles.Brokerage],
            "Changes the planned step-down date; outside 6 to 9 months from the start it needs a reason.");
        Action("/placements/{id:guid}/staying-put", (Guid id, StayingPutBody b) => new AgreeStayingPut(id, b.Until, b.Note), [Roles.Brokerage],
            "Records a staying-put agreement: the young person stays past 18 until the date given, at most the 21st birthday.");
        api.MapPost("/placements/{id:guid}/rebanding-requests", async (IMediator m, Guid id, RebandingBody body, CancellationToken ct) =>
            {
                var requestId = await m.Send(new RequestRebanding(id, body.Band, body.Rationale), ct);
                var placement = await m.Send(new GetPlacement(id), ct);
                return Results.Created($"/api/v1/placements/{id}", placement);
            })
            .RequireRoles(Roles.Provider).Produces<PlacementView>(StatusCodes.Status201Created)
            .WithSummary("The provider asks for the child's band to change (low, medium, high, specialist), with its rationale.");
        Action2("/placements/{id:guid}/rebanding-requests/{requestId:guid}/decision",
            (Guid id, Guid requestId, RebandingDecisionBody b) => new DecideRebanding(id, requestId, b.Approve, b.EffectiveFrom, b.Reason), [Roles.Brokerage],
            "Brokerage approves (approve true, effectiveFrom: the fee follows from that date) or rejects (approve false, reason) a re-banding request.");
        api.MapPost("/placements/{id:guid}/move", async (IMediator m, Guid id, MoveBody body, CancellationToken ct) =>
            {
                var newId = await m.Send(new MovePlacement(id, body.BedId, body.MoveDate, body.ReasonPlaceChange, body.Planned), ct);
                return Results.Created($"/api/v1/placements/{newId}", await m.Send(new GetPlacement(newId), ct));
            })
            .RequireRoles(Roles.Brokerage).Produces<PlacementView>(StatusCodes.Status201Created)
            .WithSummary("Moves the child to another free contracted bed: this placement ends with X1 and reasonPlaceChange, a new one starts the same day.");

        void Action<TBody>(string pattern, Func<Guid, TBody, IRequest<Unit>> command, string[] roles, string summary) =>
            api.MapPost(pattern, async (IMediator m, Guid id, TBody body, CancellationToken ct) =>
                {
                    await m.Send(command(id, body), ct);
                    return Results.Ok(await m.Send(new GetPlacement(id), ct));
                })
                .RequireRoles(roles).Produces<PlacementView>().WithSummary(summary);

        void Action2<TBody>(string pattern, Func<Guid, Guid, TBody, IRequest<Unit>> command, string[] roles, string summary) =>
            api.MapPost(pattern, async (IMediator m, Guid id, Guid requestId, TBody body, CancellationToken ct) =>
                {
                    await m.Send(command(id, requestId, body), ct);
                    return Results.Ok(await m.Send(new GetPlacement(id), ct));
                })
                .RequireRoles(roles).Produces<PlacementView>().WithSummary(summary);
    }
}
