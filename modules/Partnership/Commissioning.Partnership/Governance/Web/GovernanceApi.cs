using System.Globalization;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using static Commissioning.BuildingBlocks.Web.EntityVersions;
using Commissioning.Partnership.Governance.BoardMembers;
using Commissioning.Partnership.Governance.Meetings;
using Commissioning.Partnership.Governance.Participation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Commissioning.Partnership.Governance.Web;

/// <summary>
/// Governance in the integration API, under /api/v1/governance: the same actions as the pages. Statuses and kinds
/// travel as the codes the read models keep (<c>in-progress</c>, <c>home-visit</c>); single records carry an ETag
/// (their version) and the changes to them accept it back as If-Match, refusing a stale one with 409.
/// </summary>
internal static class GovernanceApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/governance").WithTags("Governance");
        var readers = GovernanceAccess.ReaderRoles.ToArray();

        api.MapGet("/board-members", async (IMediator m, string? status, PageRequest page, CancellationToken ct) =>
            {
                var board = await m.Send(new ListBoardMembers(), ct);
                IReadOnlyList<BoardMemberView> members = status switch
                {
                    "current" => board.Current,
                    "past" => board.Past,
                    null or "" => [.. board.Current, .. board.Past],
                    _ => throw RequestValidationException.For("status", "Give the status as current or past, or leave it out for everyone"),
                };
                return Results.Ok(page.Of(members));
            })
            .RequireRoles(readers).Produces<Paged<BoardMemberView>>()
            .WithSummary("Board members: current first (by name), then those who stood down (latest first). status=current|past filters.");
        api.MapGet("/board-members/{id:guid}", async (IMediator m, Guid id, HttpContext http, CancellationToken ct) =>
                Tagged(http, await m.Send(new GetBoardMember(id), ct), v => v.Version))
            .RequireRoles(readers).Produces<BoardMemberView>();
        api.MapPost("/board-members", async (IMediator m, AppointBody body, CancellationToken ct) =>
            {
                var id = await m.Send(new AppointBoardMember(
                    body.Name ?? "", body.RoleOnBoard ?? "", body.OrganisationCode, body.IsYoungPeoplesRepresentative ?? false, body.AppointedOn, body.PersonId), ct);
                return Results.Created($"/api/v1/governance/board-members/{id}", await m.Send(new GetBoardMember(id), ct));
            })
            .RequireRoles(GovernanceAccess.Writers).Produces<BoardMemberView>(StatusCodes.Status201Created)
            .WithSummary("Appoints a board member (a young people's representative when isYoungPeoplesRepresentative is true).");
        api.MapPost("/board-members/{id:guid}/stand-down", async (IMediator m, Guid id, StandDownBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new StandDownBoardMember(id, body.StoodDownOn, IfMatch(http)), ct);
                return Tagged(http, await m.Send(new GetBoardMember(id), ct), v => v.Version);
            })
            .RequireRoles(GovernanceAccess.Writers).Produces<BoardMemberView>().WithSummary("Records that a member left the board.");

        api.MapGet("/meetings", async (IMediator m, string? when, PageRequest page, CancellationToken ct) =>
            {
                var meetings = await m.Send(new ListBoardMeetings(), ct);
                IReadOnlyList<BoardMeetingSummary> chosen = when switch
                {
                    "upcoming" => meetings.Upcoming,
                    "past" => meetings.Past,
                    null or "" => [.. meetings.Upcoming, .. meetings.Past],
                    _ => throw RequestValidationException.For("when", "Give when as upcoming or past, or leave it out for every meeting"),
                };
                return Results.Ok(page.Of(chosen));
            })
            .RequireRoles(readers).Produces<Paged<BoardMeetingSummary>>()
            .WithSummary("Board meetings: upcoming (today or later, soonest first), then past (latest first). when=upcoming|past filters.");
        api.MapGet("/meetings/{id:guid}", async (IMediator m, Guid id, HttpContext http, CancellationToken ct) =>
                Tagged(http, await m.Send(new GetBoardMeeting(id), ct), v => v.Version))
            .RequireRoles(readers).Produces<BoardMeetingDetails>().WithSummary("A meeting with its decisions and actions (each action with isOverdue).");
        api.MapPost("/meetings", async (IMediator m, ScheduleBody body, CancellationToken ct) =>
            {
                var id = await m.Send(new ScheduleBoardMeeting(body.MeetingDate, body.Title ?? "", body.Location), ct);
                return Results.Created($"/api/v1/governance/meetings/{id}", await m.Send(new GetBoardMeeting(id), ct));
            })
            .RequireRoles(GovernanceAccess.Writers).Produces<BoardMeetingDetails>(StatusCodes.Status201Created);
        api.MapGet("/meetings/{id:guid}/decisions/{number:int}", async (IMediator m, Guid id, int number, CancellationToken ct) =>
                Results.Ok((await m.Send(new GetBoardMeeting(id), ct)).Decisions.FirstOrDefault(d => d.Number == number)
                   ?? throw new NotFoundException($"This meeting has no decision {number}.")))
            .RequireRoles(readers).Produces<BoardDecision>();
        api.MapPost("/meetings/{id:guid}/decisions", async (IMediator m, Guid id, DecisionBody body, CancellationToken ct) =>
            {
                var number = await m.Send(new RecordDecision(id, body.Text ?? ""), ct);
                var decision = (await m.Send(new GetBoardMeeting(id), ct)).Decisions.Single(d => d.Number == number);
                return Results.Created($"/api/v1/governance/meetings/{id}/decisions/{number}", decision);
            })
            .RequireRoles(GovernanceAccess.Writers).Produces<BoardDecision>(StatusCodes.Status201Created)
            .WithSummary("Records a decision; it is numbered within the meeting.");
        api.MapGet("/meetings/{id:guid}/actions/{number:int}", async (IMediator m, Guid id, int number, CancellationToken ct) =>
                Results.Ok(ActionOf(await m.Send(new GetBoardMeeting(id), ct), number)))
            .RequireRoles(readers).Produces<BoardAction>();
        api.MapPost("/meetings/{id:guid}/actions", async (IMediator m, Guid id, ActionBody body, CancellationToken ct) =>
            {
                var number = await m.Send(new RaiseAction(id, body.Description ?? "", body.OwnerName ?? "", body.DueOn), ct);
                return Results.Created($"/api/v1/governance/meetings/{id}/actions/{number}", ActionOf(await m.Send(new GetBoardMeeting(id), ct), number));
            })
            .RequireRoles(GovernanceAccess.Writers).Produces<BoardAction>(StatusCodes.Status201Created)
            .WithSummary("Raises an action (owner, due date); it starts open and is numbered within the meeting.");
        api.MapPost("/meetings/{id:guid}/actions/{number:int}/status", async (IMediator m, Guid id, int number, StatusBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new ChangeActionStatus(id, number, ActionStatusCodes.TryParse(body.Status), body.Note, IfMatch(http)), ct);
                var meeting = await m.Send(new GetBoardMeeting(id), ct);
                http.Response.Headers.ETag = ETag(meeting.Version);
                return Results.Ok(ActionOf(meeting, number));
            })
            .RequireRoles(GovernanceAccess.Writers).Produces<BoardAction>()
            .WithSummary("Sets an action's status (open, in-progress or done) with an optional note. If-Match takes the meeting's ETag.");
        api.MapGet("/actions", async (IMediator m, bool? overdue, PageRequest page, CancellationToken ct) =>
                Results.Ok(page.Of(await m.Send(new ListOpenActions(overdue ?? false), ct))))
            .RequireRoles(readers).Produces<Paged<OpenBoardAction>>()
            .WithSummary("Actions not yet done, across meetings, earliest due first; overdue=true keeps those due before today.");

        api.MapGet("/participation", async (IMediator m, PageRequest page, CancellationToken ct) =>
                Results.Ok(page.Of(await m.Send(new ListParticipationActivities(), ct))))
            .RequireRoles(readers).Produces<Paged<ParticipationActivitySummary>>()
            .WithSummary("Young people's participation activities, latest first, with their feedback counts.");
        api.MapGet("/participation/{id:guid}", async (IMediator m, Guid id, HttpContext http, CancellationToken ct) =>
                Tagged(http, await m.Send(new GetParticipationActivity(id), ct), v => v.Version))
            .RequireRoles(readers).Produces<ParticipationActivityDetails>();
        api.MapPost("/participation", async (IMediator m, ActivityBody body, CancellationToken ct) =>
            {
                var id = await m.Send(new RecordParticipationActivity(body.TookPlaceOn, ParticipationKinds.TryParse(body.Kind), body.YoungPeopleCount, body.Summary ?? ""), ct);
                return Results.Created($"/api/v1/governance/participation/{id}", await m.Send(new GetParticipationActivity(id), ct));
            })
            .RequireRoles(GovernanceAccess.Writers).Produces<ParticipationActivityDetails>(StatusCodes.Status201Created)
            .WithSummary("Records an activity: kind board-meeting, home-visit, provider-assessment, survey, consultation or other. A count of young people, never names.");
        api.MapGet("/participation/{id:guid}/feedback/{number:int}", async (IMediator m, Guid id, int number, CancellationToken ct) =>
                Results.Ok(FeedbackOf(await m.Send(new GetParticipationActivity(id), ct), number)))
            .RequireRoles(readers).Produces<FeedbackItem>();
        api.MapPost("/participation/{id:guid}/feedback", async (IMediator m, Guid id, FeedbackBody body, CancellationToken ct) =>
            {
                var number = await m.Send(new AddFeedback(id, body.YouSaid ?? ""), ct);
                return Results.Created($"/api/v1/governance/participation/{id}/feedback/{number}", FeedbackOf(await m.Send(new GetParticipationActivity(id), ct), number));
            })
            .RequireRoles(GovernanceAccess.Writers).Produces<FeedbackItem>(StatusCodes.Status201Created)
            .WithSummary("Adds a \"you said\" item; it awaits a response.");
        api.MapPost("/participation/{id:guid}/feedback/{number:int}/response", async (IMediator m, Guid id, int number, ResponseBody body, HttpContext http, CancellationToken ct) =>
            {
                await m.Send(new RespondToFeedback(id, number, body.WeDid ?? "", body.RespondedOn, IfMatch(http)), ct);
                var activity = await m.Send(new GetParticipationActivity(id), ct);
                http.Response.Headers.ETag = ETag(activity.Version);
                return Results.Ok(FeedbackOf(activity, number));
            })
            .RequireRoles(GovernanceAccess.Writers).Produces<FeedbackItem>()
            .WithSummary("Records the \"we did\" response to a feedback item (one each). If-Match takes the activity's ETag.");
        api.MapGet("/you-said-we-did", async (IMediator m, DateOnly? from, DateOnly? to, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetYouSaidWeDidSummary(from, to), ct)))
            .RequireRoles(readers).Produces<YouSaidWeDidSummary>()
            .WithSummary("You said, we did: totals, the number awaiting a response, and every item (awaiting first), optionally for activities from/to dates.");
    }

    private static BoardAction ActionOf(BoardMeetingDetails meeting, int number) =>
        meeting.Actions.FirstOrDefault(a => a.Number == number) ?? throw new NotFoundException($"This meeting has no action {number}.");

    private static FeedbackItem FeedbackOf(ParticipationActivityDetails activity, int number) =>
        activity.Feedback.FirstOrDefault(f => f.Number == number) ?? throw new NotFoundException($"This activity has no feedback item {number}.");

    internal sealed record AppointBody(
        string? Name, string? RoleOnBoard, string? OrganisationCode, bool? IsYoungPeoplesRepresentative, DateOnly? AppointedOn, string? PersonId);

    internal sealed record StandDownBody(DateOnly? StoodDownOn);

    internal sealed record ScheduleBody(DateOnly? MeetingDate, string? Title, string? Location);

    internal sealed record DecisionBody(string? Text);

    internal sealed record ActionBody(string? Description, string? OwnerName, DateOnly? DueOn);

    internal sealed record StatusBody(string? Status, string? Note);

    internal sealed record ActivityBody(DateOnly? TookPlaceOn, string? Kind, int? YoungPeopleCount, string? Summary);

    internal sealed record FeedbackBody(string? YouSaid);

    internal sealed record ResponseBody(string? WeDid, DateOnly? RespondedOn);
}
