using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Partnership.Governance.BoardMembers;
using Commissioning.Partnership.Governance.Meetings;
using Commissioning.Partnership.Governance.Participation;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Governance;

/// <summary>
/// Governance's part of the Partnership module: board members, board meetings with their decisions and actions,
/// and young people's participation with "you said, we did". The module class adds these to its own.
/// </summary>
internal static class GovernanceSetup
{
    /// <summary>
    /// Every module migration shares one version sequence (component "module" in the schema's migrations table),
    /// so governance keeps to versions 1001 to 1999 and names them "governance-…": other partnership features
    /// numbering from 1 can never collide with these, whatever order the branches merge in.
    /// </summary>
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1001, "governance-board-members", """
            CREATE TABLE {schema}.governance_board_members (
                member_id uuid PRIMARY KEY,
                version bigint NOT NULL,
                name text NOT NULL,
                role_on_board text NOT NULL,
                organisation_code text NULL,
                young_peoples_representative boolean NOT NULL,
                appointed_on date NOT NULL,
                stood_down_on date NULL,
                person_id text NULL);
            """),
        new(1002, "governance-board-meetings", """
            CREATE TABLE {schema}.governance_meetings (
                meeting_id uuid PRIMARY KEY,
                version bigint NOT NULL,
                meeting_date date NOT NULL,
                title text NOT NULL,
                location text NULL);
            CREATE INDEX governance_meetings_by_date ON {schema}.governance_meetings (meeting_date);
            CREATE TABLE {schema}.governance_decisions (
                meeting_id uuid NOT NULL,
                number int NOT NULL,
                text text NOT NULL,
                recorded_at timestamptz NOT NULL,
                PRIMARY KEY (meeting_id, number));
            CREATE TABLE {schema}.governance_actions (
                meeting_id uuid NOT NULL,
                number int NOT NULL,
                description text NOT NULL,
                owner_name text NOT NULL,
                due_on date NOT NULL,
                status text NOT NULL,
                status_note text NULL,
                status_changed_at timestamptz NULL,
                raised_at timestamptz NOT NULL,
                PRIMARY KEY (meeting_id, number));
            CREATE INDEX governance_actions_not_done ON {schema}.governance_actions (due_on) WHERE status <> 'done';
            CREATE TABLE {schema}.governance_action_updates (
                meeting_id uuid NOT NULL,
                number int NOT NULL,
                version bigint NOT NULL,
                status text NOT NULL,
                note text NULL,
                changed_at timestamptz NOT NULL,
                PRIMARY KEY (meeting_id, number, version));
            """),
        new(1003, "governance-participation", """
            CREATE TABLE {schema}.governance_participation_activities (
                activity_id uuid PRIMARY KEY,
                version bigint NOT NULL,
                took_place_on date NOT NULL,
                kind text NOT NULL,
                young_people_count int NOT NULL,
                summary text NOT NULL,
                recorded_at timestamptz NOT NULL);
            CREATE INDEX governance_participation_by_date ON {schema}.governance_participation_activities (took_place_on);
            CREATE TABLE {schema}.governance_feedback (
                activity_id uuid NOT NULL,
                number int NOT NULL,
                you_said text NOT NULL,
                added_at timestamptz NOT NULL,
                we_did text NULL,
                responded_on date NULL,
                PRIMARY KEY (activity_id, number));
            """),
    ];

    /// <summary>Adds governance's inline projections to the partnership store.</summary>
    public static void Configure(EventStoreBuilder store, IServiceCollection services)
    {
        // Event types are found by the module base, which registers every [EventType] in the assembly.
        store
            .InlineProjection(new BoardMemberProjection())
            .InlineProjection(new BoardMeetingProjection())
            .InlineProjection(new ParticipationProjection());
    }
}
