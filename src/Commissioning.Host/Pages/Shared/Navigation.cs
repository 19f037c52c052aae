using Commissioning.BuildingBlocks.Identity;

namespace Commissioning.Host.Pages.Shared;

/// <summary>One place in the service: where it is, what it is called, and the part of the work it belongs to.</summary>
internal sealed record MenuItem(string Href, string Text, string Section);

/// <summary>
/// What each role may open, grouped by the part of the work it belongs to (the home page lists them all), and the
/// few places it uses all day (the header: a long header wraps and hides the ones that matter).
/// </summary>
internal static class Navigation
{
    private const string Placements = "Referrals and placements";
    private const string Market = "Homes and contracts";
    private const string Money = "Money";
    private const string Partnership = "The partnership";
    private const string Administration = "Administration";
    private const string Outcomes = "Outcomes and innovation payments";
    private const string Workforce = "Training programme";
    private const string Performance = "Performance";

    /// <summary>Every place the role may open, in its sections' order.</summary>
    public static IReadOnlyList<MenuItem> For(string role)
    {
        var items = new List<MenuItem>();
        void Add(bool allowed, string href, string text, string section)
        {
            if (allowed)
            {
                items.Add(new MenuItem(href, text, section));
            }
        }

        var brokerage = role == Roles.Brokerage;
        var borough = role is Roles.BoroughReferrer or Roles.BoroughManager;
        var provider = role == Roles.Provider;

        // Brokerage: the lead borough's team works the lot; boroughs see their own children; providers what was offered to them.
        Add(brokerage, "/brokerage/worklist", "Worklist", Placements);
        Add(brokerage || borough, "/referrals", "Referrals", Placements);
        Add(brokerage || borough || provider, "/offers", "Offers", Placements);
        Add(brokerage || borough || provider, "/placements", "Placements", Placements);
        Add(brokerage, "/brokerage/allocation", "Allocation", Placements);
        Add(brokerage || borough || provider, "/spot-requests", "Spot purchases", Placements);
        Add(brokerage || borough, "/outside-placements", "Outside placements", Placements);
        Add(brokerage || borough, "/exports", "Standard exports", Placements);

        // Contracts: homes are open to every staff role; providers and contracts to those who work with them (ContractsAccess).
        Add(role is Roles.ContractManager or Roles.PartnershipAdmin or Roles.Finance or Roles.Brokerage or Roles.TrainingCoordinator or Roles.Provider,
            "/providers", "Providers", Market);
        Add(true, "/homes", "Homes", Market);
        Add(role is Roles.ContractManager or Roles.PartnershipAdmin or Roles.Finance or Roles.Brokerage or Roles.BoardMember or Roles.Provider,
            "/contracts", "Contracts", Market);
        Add(role is Roles.ContractManager or Roles.Brokerage or Roles.Finance or Roles.PartnershipAdmin, "/beds", "Beds", Market);
        Add(provider, "/beds/confirm", "Vacancies", Market);

        Add(role is Roles.Finance or Roles.ContractManager or Roles.BoroughManager or Roles.PartnershipAdmin, "/finance/recharges", "Recharges", Money);
        Add(role is Roles.Finance or Roles.ContractManager or Roles.Provider or Roles.PartnershipAdmin, "/finance/fee-schedules", "Fee schedules", Money);

        // Payment by results, outcomes part (section Outcomes): its lines go here.

        // Payment by results, payments part (section Outcomes): its lines go here.

        // Training, programme part (section Workforce): its lines go here.

        // Training, cohorts part (section Workforce): its lines go here.

        // Reporting, figures part (section Performance): its lines go here.

        // Reporting, packs part (section Performance): its lines go here.

        Add(true, "/partnership", "Partnership", Partnership);
        Add(role is Roles.PartnershipAdmin or Roles.BoardMember or Roles.Brokerage or Roles.ContractManager or Roles.BoroughManager or Roles.Finance or Roles.TrainingCoordinator,
            "/governance", "Governance", Partnership);
        Add(role is Roles.Brokerage or Roles.PartnershipAdmin or Roles.BoardMember or Roles.ContractManager or Roles.BoroughManager,
            "/brokerage/fairness", "Fairness", Partnership);

        Add(role == Roles.PartnershipAdmin, "/admin/people", "People", Administration);
        Add(role == Roles.PartnershipAdmin, "/admin/api-keys", "API keys", Administration);
        Add(role == Roles.PartnershipAdmin, "/admin/audit-log", "Audit log", Administration);
        return items;
    }

    /// <summary>The header: Home and the role's daily places (at most five), all of them also in <see cref="For"/>.</summary>
    public static IReadOnlyList<MenuItem> Header(string role)
    {
        string[] daily = role switch
        {
            Roles.Brokerage => ["/brokerage/worklist", "/referrals", "/offers", "/placements", "/beds"],
            Roles.BoroughReferrer => ["/referrals", "/placements", "/outside-placements"],
            Roles.BoroughManager => ["/referrals", "/placements", "/finance/recharges", "/brokerage/fairness"],
            Roles.Provider => ["/offers", "/placements", "/beds/confirm", "/spot-requests"],
            Roles.PartnershipAdmin => ["/admin/people", "/partnership", "/admin/audit-log"],
            Roles.ContractManager => ["/contracts", "/homes", "/providers", "/beds"],
            Roles.Finance => ["/finance/recharges", "/finance/fee-schedules", "/contracts"],
            Roles.BoardMember => ["/governance", "/brokerage/fairness", "/contracts"],
            Roles.TrainingCoordinator => ["/providers", "/homes"],
            _ => [],
        };
        var allowed = For(role);
        return [new MenuItem("/", "Home", ""), .. daily.Select(href => allowed.Single(i => i.Href == href))];
    }
}
