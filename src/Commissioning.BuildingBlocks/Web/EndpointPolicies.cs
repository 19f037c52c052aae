using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace Commissioning.BuildingBlocks.Web;

/// <summary>
/// How endpoints declare who may call them. Every endpoint declares something (these roles, any signed-in caller,
/// or anonymous): the authorisation matrix test fails on an endpoint that declares nothing.
/// </summary>
public static class EndpointPolicies
{
    /// <summary>Only callers holding one of <paramref name="roles"/>.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizeAttribute { Roles = string.Join(',', roles) });

    /// <summary>Any signed-in person or API key, whatever the role (the handler scopes what they see).</summary>
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizeAttribute());
}
