using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Partnership.Governance.BoardMembers;

/// <summary>The board, current members first, then those who have stood down.</summary>
[AllowedRoles(Roles.PartnershipAdmin, Roles.BoardMember, Roles.Brokerage, Roles.ContractManager, Roles.BoroughManager, Roles.Finance, Roles.TrainingCoordinator)]
internal sealed record ListBoardMembers : IQuery<BoardMemberList>;

/// <summary>One board member.</summary>
[AllowedRoles(Roles.PartnershipAdmin, Roles.BoardMember, Roles.Brokerage, Roles.ContractManager, Roles.BoroughManager, Roles.Finance, Roles.TrainingCoordinator)]
internal sealed record GetBoardMember(Guid MemberId) : IQuery<BoardMemberView>;

/// <param name="Current">Members today, by name.</param>
/// <param name="Past">Members who have stood down, most recent first.</param>
internal sealed record BoardMemberList(IReadOnlyList<BoardMemberView> Current, IReadOnlyList<BoardMemberView> Past);

/// <param name="IsCurrent">Not stood down by today (a stand-down dated later still counts as current until then).</param>
/// <param name="Version">The member's stream version, for If-Match.</param>
internal sealed record BoardMemberView(
    Guid MemberId,
    string Name,
    string RoleOnBoard,
    string? OrganisationCode,
    bool IsYoungPeoplesRepresentative,
    DateOnly AppointedOn,
    DateOnly? StoodDownOn,
    string? PersonId,
    bool IsCurrent,
    long Version);

internal sealed class BoardMemberQueries([FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, TimeProvider clock)
    : IRequestHandler<ListBoardMembers, BoardMemberList>, IRequestHandler<GetBoardMember, BoardMemberView>
{
    private const string Select = $"""
        SELECT member_id, name, role_on_board, organisation_code, young_peoples_representative, appointed_on, stood_down_on, person_id,
               stood_down_on IS NULL OR stood_down_on > $1, version
        FROM {GovernanceTables.BoardMembers}
        """;

    public async Task<BoardMemberList> Handle(ListBoardMembers request, CancellationToken cancellationToken)
    {
        var all = await ReadModels.QueryAsync(store, $"{Select} ORDER BY name, appointed_on", Map, cancellationToken, PartnershipCalendar.Today(clock));
        return new BoardMemberList(
            [.. all.Where(m => m.IsCurrent)],
            [.. all.Where(m => !m.IsCurrent).OrderByDescending(m => m.StoodDownOn).ThenBy(m => m.Name, StringComparer.Ordinal)]);
    }

    public async Task<BoardMemberView> Handle(GetBoardMember request, CancellationToken cancellationToken)
    {
        var found = await ReadModels.QueryAsync(
            store, $"{Select} WHERE member_id = $2", Map, cancellationToken, PartnershipCalendar.Today(clock), request.MemberId);
        return found.Count == 1 ? found[0] : throw new NotFoundException("There is no board member with that id.");
    }

    private static BoardMemberView Map(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        r.GetString(1),
        r.GetString(2),
        r.NullableString(3),
        r.GetBoolean(4),
        r.GetFieldValue<DateOnly>(5),
        r.NullableDate(6),
        r.NullableString(7),
        r.GetBoolean(8),
        r.GetInt64(9));
}
