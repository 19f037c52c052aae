using Commissioning.BuildingBlocks.Identity;

namespace Commissioning.Host.Pages.Shared;

/// <summary>The menu each role sees: the places it works in, and nothing it may not open.</summary>
internal static class Navigation
{
    public static IReadOnlyList<(string Href, string Text)> For(string role)
    {
        var items = new List<(string, string)> { ("/", "Home") };
        if (role == Roles.PartnershipAdmin)
        {
            items.AddRange([("/admin/people", "People"), ("/admin/api-keys", "API keys"), ("/admin/audit-log", "Audit log")]);
        }

        items.Add(("/partnership", "Partnership"));
        if (role is Roles.PartnershipAdmin or Roles.BoardMember or Roles.Brokerage or Roles.ContractManager or Roles.BoroughManager or Roles.Finance or Roles.TrainingCoordinator)
        {
            items.Add(("/governance", "Governance"));
        }
        // Contracts: homes are open to every staff role; providers and contracts to those who work with them (ContractsAccess).
        if (role is Roles.ContractManager or Roles.PartnershipAdmin or Roles.Finance or Roles.Brokerage or Roles.TrainingCoordinator or Roles.Provider)
        {
            items.Add(("/providers", "Providers"));
        }

        items.AddRange(role is Roles.Brokerage or Roles.BoroughReferrer or Roles.BoroughManager ? [("/referrals", "Referrals")] : []);
        items.AddRange(role is Roles.Brokerage ? [("/brokerage/worklist", "Worklist")] : []);
        items.Add(("/homes", "Homes"));
        if (role is Roles.ContractManager or Roles.PartnershipAdmin or Roles.Finance or Roles.Brokerage or Roles.BoardMember or Roles.Provider)
        {
            items.Add(("/contracts", "Contracts"));
        }

        if (role is Roles.ContractManager or Roles.Brokerage or Roles.Finance or Roles.PartnershipAdmin or Roles.Provider)
        {
            items.Add(role == Roles.Provider ? ("/beds/confirm", "Vacancies") : ("/beds", "Beds"));
        }

        if (role == Roles.Brokerage) { items.Add(("/brokerage/allocation", "Allocation")); }
        if (role is Roles.Brokerage or Roles.Provider or Roles.BoroughReferrer or Roles.BoroughManager) { items.Add(("/offers", "Offers")); }
        if (role is Roles.Brokerage or Roles.Provider or Roles.BoroughReferrer or Roles.BoroughManager) { items.Add(("/placements", "Placements")); }

        if (role is Roles.Finance or Roles.ContractManager or Roles.BoroughManager or Roles.PartnershipAdmin)
        {
            items.Add(("/finance/recharges", "Recharges"));
        }

        if (role is Roles.Finance or Roles.ContractManager or Roles.Provider or Roles.PartnershipAdmin)
        {
            items.Add(("/finance/fee-schedules", "Fee schedules"));
        }

        if (role is Roles.Brokerage or Roles.BoroughReferrer or Roles.BoroughManager) { items.Add(("/outside-placements", "Outside placements")); }
        if (role is Roles.Brokerage or Roles.Provider or Roles.BoroughReferrer or Roles.BoroughManager) { items.Add(("/spot-requests", "Spot purchases")); }
        if (role is Roles.Brokerage or Roles.PartnershipAdmin or Roles.BoardMember or Roles.ContractManager or Roles.BoroughManager) { items.Add(("/brokerage/fairness", "Fairness")); }
        return items;
    }
}
