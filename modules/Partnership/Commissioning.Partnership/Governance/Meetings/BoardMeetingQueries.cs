using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Partnership.Governance.Meetings;

/// <summary>Board meetings: upcoming (today or later, soonest first) and past (most recent first).</summary>
[AllowedRoles(Roles.PartnershipAdmin, Roles.BoardMember, Roles.Brokerage, Roles.ContractManager, Roles.BoroughManager, Roles.Finance, Roles.TrainingCoordinator)]
internal sealed record ListBoardMeetings : IQuery<BoardMeetingList>;

/// <summary>One meeting with its decisions and actions.</summary>
[AllowedRoles(Roles.PartnershipAdmin, Roles.BoardMember, Roles.Brokerage, Roles.ContractManager, Roles.BoroughManager, Roles.Finance, Roles.TrainingCoordinator)]
internal sealed record GetBoardMeeting(Guid MeetingId) : IQuery<BoardMeetingDetails>;

/// <summary>Every action not yet done, across meetings, earliest due first.</summary>
/// <param name="OverdueOnly">Only those due before today.</param>
[AllowedRoles(Roles.PartnershipAdmin, Roles.BoardMember, Roles.Brokerage, Roles.ContractManager, Roles.BoroughManager, Roles.Finance, Roles.TrainingCoordinator)]
internal sealed record ListOpenActions(bool OverdueOnly = false) : IQuery<IReadOnlyList<OpenBoardAction>>;

internal sealed record BoardMeetingList(IReadOnlyList<BoardMeetingSummary> Upcoming, IReadOnlyList<BoardMeetingSummary> Past);

internal sealed record BoardMeetingSummary(
    Guid MeetingId, DateOnly MeetingDate, string Title, string? Location, int Decisions, int Actions, int OpenActions, int OverdueActions);

/// <param name="Version">The meeting's stream version, for If-Match.</param>
internal sealed record BoardMeetingDetails(
    Guid MeetingId,
    long Version,
    DateOnly MeetingDate,
    string Title,
    string? Location,
    bool IsUpcoming,
    IReadOnlyList<BoardDecision> Decisions,
    IReadOnlyList<BoardAction> Actions);

internal sealed record BoardDecision(int Number, string Text, DateTimeOffset RecordedAt);

/// <param name="Note">The note given with the latest status change.</param>
/// <param name="IsOverdue">Not done and due before today.</param>
/// <param name="Updates">Every status change, oldest first.</param>
internal sealed record BoardAction(
    int Number,
    string Description,
    string OwnerName,
    DateOnly DueOn,
    ActionStatus Status,
    string? Note,
    DateTimeOffset? StatusChangedAt,
    bool IsOverdue,
    IReadOnlyList<BoardActionUpdate> Updates);

internal sealed record BoardActionUpdate(ActionStatus Status, string? Note, DateTimeOffset ChangedAt);

internal sealed record OpenBoardAction(
    Guid MeetingId,
    DateOnly MeetingDate,
    string MeetingTitle,
    int Number,
    string Description,
    string OwnerName,
    DateOnly DueOn,
    ActionStatus Status,
    string? Note,
    bool IsOverdue);

internal sealed class BoardMeetingQueries([FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, TimeProvider clock)
    : IRequestHandler<ListBoardMeetings, BoardMeetingList>,
      IRequestHandler<GetBoardMeeting, BoardMeetingDetails>,
      IRequestHandler<ListOpenActions, IReadOnlyList<OpenBoardAction>>
{
    // "Overdue" in one place: not done and due before today ($1 in every query that uses it).
    private const string Overdue = "(a.status <> 'done' AND a.due_on < $1)";

    public async Task<BoardMeetingList> Handle(ListBoardMeetings request, CancellationToken cancellationToken)
    {
        var today = PartnershipCalendar.Today(clock);
        var meetings = await ReadModels.QueryAsync(
            store,
            $"""
            SELECT m.meeting_id, m.meeting_date, m.title, m.location,
                   (SELECT count(*)::int FROM {GovernanceTables.Decisions} d WHERE d.meeting_id = m.meeting_id),
                   (SELECT count(*)::int FROM {GovernanceTables.Actions} a WHERE a.meeting_id = m.meeting_id),
                   (SELECT count(*)::int FROM {GovernanceTables.Actions} a WHERE a.meeting_id = m.meeting_id AND a.status <> 'done'),
                   (SELECT count(*)::int FROM {GovernanceTables.Actions} a WHERE a.meeting_id = m.meeting_id AND {Overdue})
            FROM {GovernanceTables.Meetings} m
            ORDER BY m.meeting_date, m.title
            """,
            r => new BoardMeetingSummary(
                r.GetGuid(0), r.GetFieldValue<DateOnly>(1), r.GetString(2), r.NullableString(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7)),
            cancellationToken,
            today);
        return new BoardMeetingList(
            [.. meetings.Where(m => m.MeetingDate >= today)],
            [.. meetings.Where(m => m.MeetingDate < today).Reverse()]);
    }

    public async Task<BoardMeetingDetails> Handle(GetBoardMeeting request, CancellationToken cancellationToken)
    {
        var today = PartnershipCalendar.Today(clock);
        var meetings = await ReadModels.QueryAsync(
            store,
            $"SELECT meeting_date, title, location, version FROM {GovernanceTables.Meetings} WHERE meeting_id = $1",
            r => (Date: r.GetFieldValue<DateOnly>(0), Title: r.GetString(1), Location: r.NullableString(2), Version: r.GetInt64(3)),
            cancellationToken,
            request.MeetingId);
        if (meetings.Count == 0)
        {
            throw new NotFoundException("There is no board meeting with that id.");
        }

        var decisions = await ReadModels.QueryAsync(
            store,
            $"SELECT number, text, recorded_at FROM {GovernanceTables.Decisions} WHERE meeting_id = $1 ORDER BY number",
            r => new BoardDecision(r.GetInt32(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2)),
            cancellationToken,
            request.MeetingId);
        var updates = (await ReadModels.QueryAsync(
                store,
                $"SELECT number, status, note, changed_at FROM {GovernanceTables.ActionUpdates} WHERE meeting_id = $1 ORDER BY number, version",
                r => (Number: r.GetInt32(0), Update: new BoardActionUpdate(ActionStatusCodes.Parse(r.GetString(1)), r.NullableString(2), r.GetFieldValue<DateTimeOffset>(3))),
                cancellationToken,
                request.MeetingId))
            .ToLookup(u => u.Number, u => u.Update);
        var actions = await ReadModels.QueryAsync(
            store,
            $"""
            SELECT a.number, a.description, a.owner_name, a.due_on, a.status, a.status_note, a.status_changed_at, {Overdue}
            FROM {GovernanceTables.Actions} a WHERE a.meeting_id = $2 ORDER BY a.number
            """,
            r => new BoardAction(
                r.GetInt32(0),
                r.GetString(1),
                r.GetString(2),
                r.GetFieldValue<DateOnly>(3),
                ActionStatusCodes.Parse(r.GetString(4)),
                r.NullableString(5),
                r.NullableInstant(6),
                r.GetBoolean(7),
                [.. updates[r.GetInt32(0)]]),
            cancellationToken,
            today,
            request.MeetingId);

        var (date, title, location, version) = meetings[0];
        return new BoardMeetingDetails(request.MeetingId, version, date, title, location, date >= today, decisions, actions);
    }

    public async Task<IReadOnlyList<OpenBoardAction>> Handle(ListOpenActions request, CancellationToken cancellationToken) =>
        await ReadModels.QueryAsync(
            store,
            $"""
            SELECT m.meeting_id, m.meeting_date, m.title, a.number, a.description, a.owner_name, a.due_on, a.status, a.status_note, {Overdue}
            FROM {GovernanceTables.Actions} a JOIN {GovernanceTables.Meetings} m ON m.meeting_id = a.meeting_id
            WHERE a.status <> 'done' AND (NOT $2 OR {Overdue})
            ORDER BY a.due_on, m.meeting_date, a.number
            """,
            MapOpenAction,
            cancellationToken,
            PartnershipCalendar.Today(clock),
            request.OverdueOnly);

    private static OpenBoardAction MapOpenAction(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        r.GetFieldValue<DateOnly>(1),
        r.GetString(2),
        r.GetInt32(3),
        r.GetString(4),
        r.GetString(5),
        r.GetFieldValue<DateOnly>(6),
        ActionStatusCodes.Parse(r.GetString(7)),
        r.NullableString(8),
        r.GetBoolean(9));
}
