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
        return items;
    }
}
