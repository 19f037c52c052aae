using Commissioning.BuildingBlocks.Identity;

namespace Commissioning.Contracts.Core;

/// <summary>
/// Who may use providers, homes and contracts. None of it is child data. The contract manager and the partnership
/// admin keep it. Homes are what every borough places into, so every role reads them; providers' records hold their
/// staff's contact details, so only the roles that work with providers read those; block contracts are commercial
/// terms the board oversees; a spot contract is one child's placement bought alone, so the board does not see those.
/// A provider sees only its own provider record, homes and contracts (anything else answers 404).
/// Requests repeat these roles in their [AllowedRoles] (attributes need literals).
/// </summary>
internal static class ContractsAccess
{
    public const string Writers = Roles.ContractManager + "," + Roles.PartnershipAdmin;

    public const string ProviderReaders =
        Roles.ContractManager + "," + Roles.PartnershipAdmin + "," + Roles.Finance + "," + Roles.Brokerage + "," + Roles.TrainingCoordinator + "," + Roles.Provider;

    public const string HomeReaders =
        Roles.ContractManager + "," + Roles.PartnershipAdmin + "," + Roles.Finance + "," + Roles.Brokerage + "," + Roles.TrainingCoordinator + "," +
        Roles.BoroughReferrer + "," + Roles.BoroughManager + "," + Roles.BoardMember + "," + Roles.Provider;

    public const string ContractReaders =
        Roles.ContractManager + "," + Roles.PartnershipAdmin + "," + Roles.Finance + "," + Roles.Brokerage + "," + Roles.BoardMember + "," + Roles.Provider;

    public const string SpotContractReaders =
        Roles.ContractManager + "," + Roles.PartnershipAdmin + "," + Roles.Finance + "," + Roles.Brokerage + "," + Roles.Provider;

    public static string[] Split(string roles) => roles.Split(',');

    public static bool MayWrite(string? role) => role is Roles.ContractManager or Roles.PartnershipAdmin;

    /// <summary>The provider a caller is limited to, or null when the caller sees every provider's records.</summary>
    public static string? ProviderScope(RequestContext context) => context.Role == Roles.Provider ? context.Organisation ?? "" : null;
}
