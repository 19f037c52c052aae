using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Commissioning.BuildingBlocks.Web.EntityVersions;

namespace Commissioning.Brokerage.Referrals;

/// <summary>
/// Referrals and the worklist in the integration API (api.md): the same actions as the pages. A borough's key sees
/// and changes only its own borough's referrals (anything else is 404); brokerage sees all. Single referrals carry
/// an ETag (their version); return, resubmit and close take it back as If-Match.
/// </summary>
internal static class ReferralsApi
{
    private static readonly string[] Readers = [Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Referrals");

        api.MapPost("/referrals", async (IMediator m, HttpContext http, CancellationToken ct) =>
            {
                var details = ReferralJson.Deserialize(await ReadObjectAsync(http, ct));
                var written = await m.Send(new SubmitReferral(Guid.CreateVersion7(), details), ct);
                http.Response.Headers.ETag = ETag(written.Version);
                return Results.Created($"/api/v1/referrals/{written.Id}", await m.Send(new GetReferral(written.Id), ct));
            })
            .RequireRoles(Roles.BoroughReferrer).Accepts<ReferralDetails>("application/json").Produces<ReferralView>(StatusCodes.Status201Created)
            .WithSummary("Submits a referral for the caller's borough: the Placements Data Standard v2 fields flat with their option values verbatim, plus dateOfBirth, sex, needBand, needBandRationale, requiredByDate, homePostcodeDistrict, schoolPostcodeDistrict, locationsToAvoid, siblingHomeCodes, specialismsWanted, childsViews. 400 names every wrong field; nothing is stored.");
        api.MapPost("/referrals/drafts", async (IMediator m, HttpContext http, CancellationToken ct) =>
            {
                var details = ReferralJson.Deserialize(await ReadObjectAsync(http, ct));
                var written = await m.Send(new SaveReferralDraft(null, details), ct);
                http.Response.Headers.ETag = ETag(written.Version);
                return Results.Created($"/api/v1/referrals/{written.Id}", await m.Send(new GetReferral(written.Id), ct));
            })
            .RequireRoles(Roles.BoroughReferrer).Accepts<ReferralDetails>("application/json").Produces<ReferralView>(StatusCodes.Status201Created)
            .WithSummary("Starts a draft referral with whatever is known so far (any field may be missing; those given must be right).");
        api.MapPut("/referrals/{id:guid}/draft", async (IMediator m, Guid id, HttpContext http, CancellationToken ct) =>
            {
                var details = ReferralJson.Deserialize(await ReadObjectAsync(http, ct));
                await m.Send(new SaveReferralDraft(id, details), ct);
                return Tagged(http, await m.Send(new GetReferral(id), ct), v => v.Version);
            })
            .RequireRoles(Roles.BoroughReferrer).Accepts<ReferralDetails>("application/json").Produces<ReferralView>()
            .WithSummary("Replaces a draft's details with the body (the whole set as it now stands), or amends a returned referral's before it is answered. 409 otherwise.");
        api.MapGet("/referrals/{id:guid}/completeness", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetReferralCompleteness(id), ct))
            .RequireRoles(Readers).Produces<ReferralCompleteness>()
            .WithSummary("What is still missing or wrong before the referral can be submitted, field by field in plain English: { complete, missing: [ { field, message } ] }.");
        api.MapPost("/referrals/{id:guid}/submit", async (IMediator m, Guid id, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new SubmitReferral(id), ct);
                return Tagged(http, await m.Send(new GetReferral(id), ct), v => v.Version);
            })
            .RequireRoles(Roles.BoroughReferrer).Produces<ReferralView>()
            .WithSummary("Submits a draft: 400 naming every field still missing or wrong (the completeness check), otherwise it gets its reference and its decision clock starts.");

        api.MapGet("/referrals", (IMediator m, PageRequest page, string? status, CancellationToken ct) =>
                Send(m, new ListReferrals(page, ParseStatus(status)), ct))
            .RequireRoles(Readers).Produces<Paged<ReferralSummary>>()
            .WithSummary("Referrals, most recently changed first, optionally of one status (draft, submitted, returned, offered, placement-agreed, placed, spot-purchase, closed). A borough sees its own; brokerage sees all.");
        api.MapGet("/referrals/{id:guid}", async (IMediator m, Guid id, HttpContext http, CancellationToken ct) =>
                Tagged(http, await m.Send(new GetReferral(id), ct), v => v.Version))
            .RequireRoles(Readers).Produces<ReferralView>()
            .WithSummary("A referral: its status, clock, assignee and the returned question, then every field as submitted. Another borough's referral is 404.");
        api.MapGet("/referrals/{id:guid}/history", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetReferralHistory(id), ct))
            .RequireRoles(Readers).Produces<ReferralHistory>().WithSummary("The referral's status history, oldest first.");

        api.MapPost("/referrals/{id:guid}/return", async (IMediator m, Guid id, QuestionBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new ReturnReferral(id, body.Question, IfMatch(http)), ct);
                return Tagged(http, await m.Send(new GetReferral(id), ct), v => v.Version);
            })
            .RequireRoles(Roles.Brokerage).Produces<ReferralView>()
            .WithSummary("Returns a submitted referral to the borough asking for more information { question }. The borough is told.");
        api.MapPost("/referrals/{id:guid}/resubmit", async (IMediator m, Guid id, HttpContext http, CancellationToken ct) =>
            {
                var body = await ReadObjectAsync(http, ct);
                var answer = body["answer"] is JsonValue a && a.TryGetValue<string>(out var text) ? text
                    : body["answer"] is null ? null : throw RequestValidationException.For("answer", "Give answer as text in quotes");
                body.Remove("answer");
                ReferralJson.Deserialize(body); // names any unknown or wrongly typed field before anything is merged
                var changes = body.ToDictionary(p => p.Key, p => p.Value);
                await m.Send(new ResubmitReferral(id, answer, changes, IfMatch(http)), ct);
                return Tagged(http, await m.Send(new GetReferral(id), ct), v => v.Version);
            })
            .RequireRoles(Roles.BoroughReferrer).Produces<ReferralView>()
            .WithSummary("Answers brokerage's question and resubmits { answer, ...only the fields that change }. A new decision clock starts.");
        api.MapPost("/referrals/{id:guid}/assign", async (IMediator m, Guid id, AssignBody? body, HttpContext http, CancellationToken ct) =>
            {
                var self = string.IsNullOrWhiteSpace(body?.PersonId);
                await m.Send(new AssignReferral(id, body?.PersonId, self ? http.User.FindFirstValue(ClaimTypes.Name) : body?.PersonName), ct);
                return Tagged(http, await m.Send(new GetReferral(id), ct), v => v.Version);
            })
            .RequireRoles(Roles.Brokerage).Produces<ReferralView>()
            .WithSummary("Assigns the referral to the caller, or to { personId, personName } of the brokerage team.");
        api.MapPost("/referrals/{id:guid}/close", async (IMediator m, Guid id, CloseBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new CloseReferral(id, body.Reason, body.Note, IfMatch(http)), ct);
                return Tagged(http, await m.Send(new GetReferral(id), ct), v => v.Version);
            })
            .RequireRoles(Roles.BoroughReferrer, Roles.BoroughManager, Roles.Brokerage).Produces<ReferralView>()
            .WithSummary("Closes the referral { reason: withdrawn | no-longer-needed, note }. 409 while an offer, agreed placement or spot purchase is live.");

        api.MapGet("/worklist", (IMediator m, PageRequest page, string? status, string? borough, string? assignee, CancellationToken ct) =>
                Send(m, new GetWorklist(page, ParseStatus(status), borough, assignee), ct))
            .RequireRoles(Roles.Brokerage).Produces<Paged<WorklistItem>>()
            .WithSummary("Every open referral with its decision clock (24 hours for \"Today\", else 5 working days), time left or overdue, assignee, status and next action, most urgent first. Filters: status, borough (GSS code), assignee (person id, me or unassigned).");
    }

    private static async Task<Paged<T>> Send<T>(IMediator m, IRequest<ChildPage<T>> request, CancellationToken ct) where T : IChildRecord =>
        (await m.Send(request, ct)).Page;

    private static ReferralStatus? ParseStatus(string? status) =>
        string.IsNullOrWhiteSpace(status) ? null
        : ReferralStatuses.TryParse(status) ?? throw RequestValidationException.For("status", $"Give status as one of {ReferralStatuses.Choices}");

    /// <summary>The body as a JSON object; anything else is a 400 naming the body.</summary>
    internal static async Task<JsonObject> ReadObjectAsync(HttpContext http, CancellationToken ct)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct) as JsonObject
                   ?? throw RequestValidationException.For("body", "The request body must be a JSON object of a referral's fields");
        }
        catch (JsonException)
        {
            throw RequestValidationException.For("body", "The request body must be a JSON object of a referral's fields");
        }
    }

    internal sealed record QuestionBody(string? Question);

    internal sealed record AssignBody(string? PersonId, string? PersonName);

    internal sealed record CloseBody(string? Reason, string? Note);
}
