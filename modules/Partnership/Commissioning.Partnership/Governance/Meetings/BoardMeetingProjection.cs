using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Partnership.Governance.Meetings;

/// <summary>Meetings, their decisions, their actions as they stand and each action's status history.</summary>
/// <remarks>Overdue is not stored: it depends on today, so the queries work it out when they read.</remarks>
internal sealed class BoardMeetingProjection : Projection
{
    public override string Name => "governance-board-meetings";

    public override IReadOnlyList<string> OwnedTables =>
        [GovernanceTables.Meetings, GovernanceTables.Decisions, GovernanceTables.Actions, GovernanceTables.ActionUpdates];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        switch (storedEvent.Data)
        {
            case BoardMeetingScheduled e:
                commands.Execute(
                    $"INSERT INTO {GovernanceTables.Meetings} (meeting_id, version, meeting_date, title, location) VALUES ($1, $5, $2, $3, $4)",
                    e.MeetingId, e.MeetingDate, e.Title, e.Location, storedEvent.Version);
                break;
            case BoardDecisionRecorded e:
                commands.Execute(
                    $"INSERT INTO {GovernanceTables.Decisions} (meeting_id, number, text, recorded_at) VALUES ($1, $2, $3, $4)",
                    e.MeetingId, e.Number, e.Text, e.RecordedAt);
                Touch(commands, e.MeetingId, storedEvent.Version);
                break;
            case BoardActionRaised e:
                commands.Execute(
                    $"""
                    INSERT INTO {GovernanceTables.Actions} (meeting_id, number, description, owner_name, due_on, status, raised_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    """,
                    e.MeetingId, e.Number, e.Description, e.OwnerName, e.DueOn, ActionStatusCodes.Code(ActionStatus.Open), e.RaisedAt);
                Touch(commands, e.MeetingId, storedEvent.Version);
                break;
            case BoardActionStatusChanged e:
                commands.Execute(
                    $"UPDATE {GovernanceTables.Actions} SET status = $3, status_note = $4, status_changed_at = $5 WHERE meeting_id = $1 AND number = $2",
                    e.MeetingId, e.Number, ActionStatusCodes.Code(e.Status), e.Note, e.ChangedAt);
                commands.Execute(
                    $"""
                    INSERT INTO {GovernanceTables.ActionUpdates} (meeting_id, number, version, status, note, changed_at)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    """,
                    e.MeetingId, e.Number, storedEvent.Version, ActionStatusCodes.Code(e.Status), e.Note, e.ChangedAt);
                Touch(commands, e.MeetingId, storedEvent.Version);
                break;
        }
    }

    // The meeting's version, which single-meeting reads give out for If-Match.
    private static void Touch(ProjectionCommands commands, Guid meetingId, long version) =>
        commands.Execute($"UPDATE {GovernanceTables.Meetings} SET version = $2 WHERE meeting_id = $1", meetingId, version);
}
