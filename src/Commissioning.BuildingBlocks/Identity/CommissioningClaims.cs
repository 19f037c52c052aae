using System.Security.Claims;

namespace Commissioning.BuildingBlocks.Identity;

/// <summary>
/// The claims a signed-in person or an API key carries, whichever way they signed in. The edge turns them into the
/// scope's <see cref="RequestContext"/>; nothing else reads claims.
/// </summary>
public static class CommissioningClaims
{
    /// <summary>The person's id, or "key:" and the API key's id.</summary>
    public const string UserId = "sub";

    /// <summary>The acting organisation's code (a GSS code for a borough, the short code for a provider).</summary>
    public const string Organisation = "org";

    /// <summary>The one role held.</summary>
    public const string Role = ClaimTypes.Role;

    /// <summary>The display name (a person's name, or the key's label).</summary>
    public const string Name = ClaimTypes.Name;

    /// <summary>Changes whenever the account's password, second factor, role or status changes: older cookies stop working.</summary>
    public const string SecurityStamp = "stamp";

    /// <summary>The person id, the organisation and the role of a principal; null when any is missing.</summary>
    public static (string UserId, string Organisation, string Role)? Read(ClaimsPrincipal principal)
    {
        var user = principal.FindFirst(UserId)?.Value;
        var organisation = principal.FindFirst(Organisation)?.Value;
        var role = principal.FindFirst(Role)?.Value;
        return user is null || organisation is null || role is null ? null : (user, organisation, role);
    }
}
