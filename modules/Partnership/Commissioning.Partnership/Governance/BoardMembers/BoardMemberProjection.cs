using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Partnership.Governance.BoardMembers;

/// <summary>One row per board member, past and present.</summary>
internal sealed class BoardMemberProjection : Projection
{
    public override string Name => "governance-board-members";

    public override IReadOnlyList<string> OwnedTables => [GovernanceTables.BoardMembers];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        switch (storedEvent.Data)
        {
            case BoardMemberAppointed e:
                commands.Execute(
                    $"""
                    INSERT INTO {GovernanceTables.BoardMembers}
                        (member_id, version, name, role_on_board, organisation_code, young_peoples_representative, appointed_on, person_id)
                    VALUES ($1, $8, $2, $3, $4, $5, $6, $7)
                    """,
                    e.MemberId, e.Name, e.RoleOnBoard, e.OrganisationCode, e.IsYoungPeoplesRepresentative, e.AppointedOn, e.PersonId, storedEvent.Version);
                break;
            case BoardMemberStoodDown e:
                commands.Execute($"UPDATE {GovernanceTables.BoardMembers} SET stood_down_on = $2, version = $3 WHERE member_id = $1", e.MemberId, e.StoodDownOn, storedEvent.Version);
                break;
        }
    }
}
