using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Partnership.Governance.Meetings;

/// <summary>Where a board action stands. Stored in events by name: never rename a member.</summary>
internal enum ActionStatus
{
    Open,
    InProgress,
    Done,
}

/// <summary>A board meeting was put in the diary.</summary>
[EventType("partnership.board-meeting-scheduled.v1")]
internal sealed record BoardMeetingScheduled(Guid MeetingId, DateOnly MeetingDate, string Title, string? Location);

/// <summary>The board decided something at a meeting; decisions are numbered from 1 within the meeting.</summary>
[EventType("partnership.board-decision-recorded.v1")]
internal sealed record BoardDecisionRecorded(Guid MeetingId, int Number, string Text, DateTimeOffset RecordedAt);

/// <summary>A meeting gave someone something to do by a date; actions are numbered from 1 within the meeting.</summary>
[EventType("partnership.board-action-raised.v1")]
internal sealed record BoardActionRaised(Guid MeetingId, int Number, string Description, string OwnerName, DateOnly DueOn, DateTimeOffset RaisedAt);

/// <summary>An action moved on (or was noted on without moving).</summary>
[EventType("partnership.board-action-status-changed.v1")]
internal sealed record BoardActionStatusChanged(Guid MeetingId, int Number, ActionStatus Status, string? Note, DateTimeOffset ChangedAt);

/// <summary>The codes the read models store statuses as.</summary>
internal static class ActionStatusCodes
{
    public static string Code(ActionStatus status) => status switch
    {
        ActionStatus.Open => "open",
        ActionStatus.InProgress => "in-progress",
        ActionStatus.Done => "done",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown action status."),
    };

    public static ActionStatus Parse(string code) => code switch
    {
        "open" => ActionStatus.Open,
        "in-progress" => ActionStatus.InProgress,
        "done" => ActionStatus.Done,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown action status code."),
    };

    /// <summary>A status from a form or an API body; null when it is not one (the validator then asks for one).</summary>
    public static ActionStatus? TryParse(string? code) =>
        Enum.GetValues<ActionStatus>().Cast<ActionStatus?>().FirstOrDefault(s => Code(s!.Value) == code?.Trim());

    public static string Describe(ActionStatus status) => status switch
    {
        ActionStatus.Open => "Open",
        ActionStatus.InProgress => "In progress",
        ActionStatus.Done => "Done",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown action status."),
    };
}
