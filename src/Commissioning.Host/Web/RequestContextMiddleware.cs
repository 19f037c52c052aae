using Commissioning.BuildingBlocks.Identity;

namespace Commissioning.Host.Web;

/// <summary>
/// Fills the scope's <see cref="RequestContext"/> at the edge, after authentication: who is acting (from the session's
/// or the key's claims), through which interface, and a correlation id every log line and event carries.
/// </summary>
internal sealed class RequestContextMiddleware(RequestDelegate next)
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext httpContext, RequestContext context, ILogger<RequestContextMiddleware> logger)
    {
        var offered = httpContext.Request.Headers[CorrelationHeader].ToString();
        if (offered.Length is > 0 and <= 64 && offered.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            context.CorrelationId = offered;
        }

        httpContext.Response.Headers[CorrelationHeader] = context.CorrelationId;
        if (CommissioningClaims.Read(httpContext.User) is var (userId, organisation, role))
        {
            context.SignIn(userId, organisation, role, httpContext.Request.Path.StartsWithSegments("/api") ? AccessChannel.Api : AccessChannel.Web);
        }

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = context.CorrelationId }))
        {
            await next(httpContext);
        }
    }
}
