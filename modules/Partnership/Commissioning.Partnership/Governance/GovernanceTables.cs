namespace Commissioning.Partnership.Governance;

/// <summary>The governance read models' tables, schema-qualified, for projections and queries.</summary>
internal static class GovernanceTables
{
    public const string BoardMembers = PartnershipModule.SchemaName + ".governance_board_members";
    public const string Meetings = PartnershipModule.SchemaName + ".governance_meetings";
    public const string Decisions = PartnershipModule.SchemaName + ".governance_decisions";
    public const string Actions = PartnershipModule.SchemaName + ".governance_actions";
    public const string ActionUpdates = PartnershipModule.SchemaName + ".governance_action_updates";
    public const string ParticipationActivities = PartnershipModule.SchemaName + ".governance_participation_activities";
    public const string Feedback = PartnershipModule.SchemaName + ".governance_feedback";
}
