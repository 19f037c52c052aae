using Commissioning.BuildingBlocks.Identity;

namespace Commissioning.Partnership.Tests.Governance;

/// <summary>The people the governance tests act as.</summary>
internal static class Actors
{
    public static void Admin(RequestContext context) => context.SignIn("admin-1", "E09000016", Roles.PartnershipAdmin, AccessChannel.Web);

    public static void BoardMember(RequestContext context) => context.SignIn("board-1", "E09000016", Roles.BoardMember, AccessChannel.Web);

    public static void Finance(RequestContext context) => context.SignIn("finance-1", "E09000016", Roles.Finance, AccessChannel.Web);

    public static void Provider(RequestContext context) => context.SignIn("provider-1", "PRV-A", Roles.Provider, AccessChannel.Api);

    public static void Referrer(RequestContext context) => context.SignIn("referrer-1", "E09000025", Roles.BoroughReferrer, AccessChannel.Web);
}
