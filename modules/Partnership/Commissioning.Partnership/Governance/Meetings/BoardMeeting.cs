using System.Collections.Immutable;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Partnership.Governance.Meetings;

/// <summary>
/// A board meeting's state rebuilt from its stream, with the decisions it makes (pure: no I/O).
/// </summary>
/// <remarks>
/// One stream per meeting, holding its decisions and actions. Decisions and actions are numbered within their
/// meeting ("action 3 of the May board"), which only the meeting's own stream can hand out without a race, and
/// a meeting's writes come from one admin typing up minutes, so contention is negligible. Actions do outlive
/// their meeting (status changes months later), but a stream per action would need a second aggregate to number
/// them and would gain nothing: a stale write on the meeting is still caught by its version.
/// </remarks>
internal sealed record BoardMeeting(bool Exists, DateOnly MeetingDate, int DecisionCount, ImmutableDictionary<int, ActionStatus> Actions)
    : IAggregateState<BoardMeeting>
{
    public const string StreamType = "board-meeting";

    public static BoardMeeting Initial => new(false, default, 0, ImmutableDictionary<int, ActionStatus>.Empty);

    public static string StreamId(Guid meetingId) => $"board-meeting-{meetingId:N}";

    public BoardMeeting Apply(object @event) => @event switch
    {
        BoardMeetingScheduled scheduled => this with { Exists = true, MeetingDate = scheduled.MeetingDate },
        BoardDecisionRecorded recorded => this with { DecisionCount = recorded.Number },
        BoardActionRaised raised => this with { Actions = Actions.SetItem(raised.Number, ActionStatus.Open) },
        BoardActionStatusChanged changed => this with { Actions = Actions.SetItem(changed.Number, changed.Status) },
        _ => this,
    };

    public BoardDecisionRecorded RecordDecision(Guid meetingId, string text, DateTimeOffset now)
    {
        EnsureExists();
        return new BoardDecisionRecorded(meetingId, DecisionCount + 1, text, now);
    }

    public BoardActionRaised RaiseAction(Guid meetingId, string description, string ownerName, DateOnly dueOn, DateTimeOffset now)
    {
        EnsureExists();
        return new BoardActionRaised(meetingId, Actions.Count + 1, description, ownerName, dueOn, now);
    }

    /// <summary>Nothing to record when the status is unchanged and there is no note: a resubmitted form changes nothing.</summary>
    public IReadOnlyList<object> ChangeActionStatus(Guid meetingId, int number, ActionStatus status, string? note, DateTimeOffset now)
    {
        EnsureExists();
        if (!Actions.TryGetValue(number, out var current))
        {
            throw new NotFoundException($"This meeting has no action {number}.");
        }

        return current == status && note is null ? [] : [new BoardActionStatusChanged(meetingId, number, status, note, now)];
    }

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw new NotFoundException("There is no board meeting with that id.");
        }
    }
}
