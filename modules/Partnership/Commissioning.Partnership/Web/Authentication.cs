using System.Security.Claims;
using System.Text.Encodings.Web;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.Partnership.ApiKeys;
using Commissioning.Partnership.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commissioning.Partnership.Web;

/// <summary>
/// How people and systems prove who they are: people sign in to the pages with a password and (for every role
/// that sees children's data) a one-time code, and get a session cookie; systems call the API with a bearer key.
/// The API never accepts the cookie, so it needs no anti-forgery. (The OpenAPI document, outside /api, takes either.)
/// </summary>
internal static class Authentication
{
    public const string Default = "Commissioning";
    public const string Session = "Session";
    public const string PendingSignIn = "PendingSignIn";
    public const string ApiKey = "ApiKey";

    public const string StageClaim = "sign-in-stage";
    public const string CandidateSecretClaim = "candidate-secret";

    public static void AddPartnershipAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Default)
            .AddPolicyScheme(Default, "Session for pages, key for the API", o =>
                o.ForwardDefaultSelector = c =>
                    c.Request.Path.StartsWithSegments("/api") || c.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiKey
                        : Session)
            .AddCookie(Session, o =>
            {
                // __Host- cookies must be Secure, for path / and without a domain: no sub-domain can set or read them.
                // SameSite=Lax, not Strict, so that the link in a notification e-mail opens signed in; every form
                // carries an anti-forgery token, which is what stops cross-site posts.
                o.Cookie.Name = "__Host-Commissioning";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/sign-in";
                o.LogoutPath = "/sign-out";
                o.SlidingExpiration = true;
                o.Events.OnRedirectToAccessDenied = c =>
                {
                    c.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                o.Events.OnValidatePrincipal = ValidateSessionAsync;
            })
            .AddCookie(PendingSignIn, o =>
            {
                o.Cookie.Name = "__Host-Commissioning-SignIn";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(10);
                o.SlidingExpiration = false;
                o.LoginPath = "/sign-in";
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKey, null);
        services.AddOptions<CookieAuthenticationOptions>(Session).Configure<IOptions<SignInOptions>>((o, signIn) => o.ExpireTimeSpan = signIn.Value.SessionIdleTimeout);
        // The anti-forgery cookie only pairs with the token in each form; it is no credential. It follows the request's
        // scheme, because ASP.NET Core refuses to issue a Secure-only token over plain HTTP (the demo on 127.0.0.1).
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "Commissioning-Antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    public static ClaimsPrincipal SessionPrincipal(PersonRecord person) => new(new ClaimsIdentity(
    [
        new Claim(CommissioningClaims.UserId, person.Id.ToString()),
        new Claim(CommissioningClaims.Organisation, person.OrganisationCode),
        new Claim(CommissioningClaims.Role, person.Role),
        new Claim(CommissioningClaims.Name, person.Name),
        new Claim(CommissioningClaims.SecurityStamp, person.SecurityStamp),
    ], Session, CommissioningClaims.Name, CommissioningClaims.Role));

    public static ClaimsPrincipal PendingPrincipal(PersonRecord person, string stage, string? candidateSecret = null)
    {
        var claims = new List<Claim> { new(CommissioningClaims.UserId, person.Id.ToString()), new(StageClaim, stage) };
        if (candidateSecret is not null)
        {
            claims.Add(new Claim(CandidateSecretClaim, candidateSecret));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, PendingSignIn));
    }

    /// <summary>Ends a session at once when the account is disabled or its password, second factor or role changed.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirst(CommissioningClaims.UserId)?.Value;
        var stamp = context.Principal?.FindFirst(CommissioningClaims.SecurityStamp)?.Value;
        var dataSource = context.HttpContext.RequestServices.GetRequiredService<NpgsqlDataSource>();
        var person = Guid.TryParse(id, out var personId) ? await PersonDirectory.FindAsync(dataSource, personId, context.HttpContext.RequestAborted) : null;
        if (person is null || person.Disabled || person.SecurityStamp != stamp || person.MustChangePassword)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Session);
        }
    }
}

/// <summary>Authenticates "Authorization: Bearer &lt;key&gt;" on the API, and answers 401 and 403 as problem details.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = await verifier.VerifyAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(CommissioningClaims.UserId, "key:" + key.KeyId),
            new Claim(CommissioningClaims.Organisation, key.OrganisationCode),
            new Claim(CommissioningClaims.Role, key.Role),
            new Claim(CommissioningClaims.Name, key.Label),
        ], Scheme.Name, CommissioningClaims.Name, CommissioningClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Not signed in",
            "Send an API key in the Authorization header: 'Authorization: Bearer <key>'. The key is missing, unknown or revoked.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Not allowed", "This key's role may not do this.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
