using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Partnership.Governance.BoardMembers;

/// <summary>Someone joined the partnership board.</summary>
/// <param name="OrganisationCode">A borough's GSS code or another organisation's code, when they sit for one.</param>
/// <param name="PersonId">Their sign-in account, when they have one.</param>
[EventType("partnership.board-member-appointed.v1")]
internal sealed record BoardMemberAppointed(
    Guid MemberId,
    string Name,
    string RoleOnBoard,
    string? OrganisationCode,
    bool IsYoungPeoplesRepresentative,
    DateOnly AppointedOn,
    string? PersonId);

/// <summary>A member left the board.</summary>
[EventType("partnership.board-member-stood-down.v1")]
internal sealed record BoardMemberStoodDown(Guid MemberId, DateOnly StoodDownOn);
