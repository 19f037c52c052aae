using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Partnership.Governance.Participation;

/// <summary>Participation activities and their "you said, we did" items.</summary>
internal sealed class ParticipationProjection : Projection
{
    public override string Name => "governance-participation";

    public override IReadOnlyList<string> OwnedTables => [GovernanceTables.ParticipationActivities, GovernanceTables.Feedback];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        switch (storedEvent.Data)
        {
            case ParticipationActivityRecorded e:
                commands.Execute(
                    $"""
                    INSERT INTO {GovernanceTables.ParticipationActivities} (activity_id, version, took_place_on, kind, young_people_count, summary, recorded_at)
                    VALUES ($1, $7, $2, $3, $4, $5, $6)
                    """,
                    e.ActivityId, e.TookPlaceOn, ParticipationKinds.Code(e.Kind), e.YoungPeopleCount, e.Summary, e.RecordedAt, storedEvent.Version);
                break;
            case ParticipationFeedbackAdded e:
                commands.Execute(
                    $"INSERT INTO {GovernanceTables.Feedback} (activity_id, number, you_said, added_at) VALUES ($1, $2, $3, $4)",
                    e.ActivityId, e.Number, e.YouSaid, e.AddedAt);
                Touch(commands, e.ActivityId, storedEvent.Version);
                break;
            case ParticipationFeedbackResponded e:
                commands.Execute(
                    $"UPDATE {GovernanceTables.Feedback} SET we_did = $3, responded_on = $4 WHERE activity_id = $1 AND number = $2",
                    e.ActivityId, e.Number, e.WeDid, e.RespondedOn);
                Touch(commands, e.ActivityId, storedEvent.Version);
                break;
        }
    }

    // The activity's version, which single-activity reads give out for If-Match.
    private static void Touch(ProjectionCommands commands, Guid activityId, long version) =>
        commands.Execute($"UPDATE {GovernanceTables.ParticipationActivities} SET version = $2 WHERE activity_id = $1", activityId, version);
}
