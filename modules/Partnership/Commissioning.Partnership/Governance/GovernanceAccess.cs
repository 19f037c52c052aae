using Commissioning.BuildingBlocks.Identity;

namespace Commissioning.Partnership.Governance;

/// <summary>
/// Who may use governance. It holds no child data, so every staff role that works at partnership level may read it;
/// only the partnership admin keeps it. Requests repeat these roles in their [AllowedRoles] (attributes need literals).
/// </summary>
internal static class GovernanceAccess
{
    public const string Readers =
        Roles.PartnershipAdmin + "," + Roles.BoardMember + "," + Roles.Brokerage + "," + Roles.ContractManager + "," +
        Roles.BoroughManager + "," + Roles.Finance + "," + Roles.TrainingCoordinator;

    public const string Writers = Roles.PartnershipAdmin;

    public static IReadOnlyList<string> ReaderRoles { get; } = Readers.Split(',');

    public static bool MayRead(string? role) => role is not null && ReaderRoles.Contains(role);

    public static bool MayWrite(string? role) => role == Writers;
}
