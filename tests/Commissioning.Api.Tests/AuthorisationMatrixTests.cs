using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests;

/// <summary>
/// Every page and API endpoint, discovered from the app's own endpoint data source (the list-endpoints verb), called
/// by nobody and by every role from two organisations (one where api.md allows only the lead borough). A new
/// endpoint is covered the moment it is mapped: it must declare who may call it, refuse everyone else, and answer
/// an out-of-scope or unknown record with 404, never with data.
/// </summary>
public sealed partial class AuthorisationMatrixTests : RunningHost
{
    /// <summary>Open to anyone: health for load balancers, sign-in itself, the error page, and the public accessibility and privacy statements.</summary>
    private static readonly Regex Anonymous = AnonymousRoutes();

    private const string Havering = "E09000016";
    private const string Newham = "E09000025";
    private const string Hackney = "E09000012";
    private const string Redbridge = "E09000026";

    /// <summary>Each role from two organisations where the partnership lets two hold it (brokerage, contract manager and admin are the lead borough's).</summary>
    private static readonly (string Role, string Organisation)[] Callers =
    [
        (Roles.PartnershipAdmin, Havering),
        (Roles.Brokerage, Havering),
        (Roles.ContractManager, Havering),
        (Roles.BoroughReferrer, Newham), (Roles.BoroughReferrer, Hackney),
        (Roles.BoroughManager, Newham), (Roles.BoroughManager, Redbridge),
        (Roles.Provider, "PRV-A"), (Roles.Provider, "PRV-B"),
        (Roles.Finance, Havering), (Roles.Finance, Newham),
        (Roles.TrainingCoordinator, Havering), (Roles.TrainingCoordinator, "TRAINING"),
        (Roles.BoardMember, Newham), (Roles.BoardMember, "VOICE"),
    ];

    private IReadOnlyList<EndpointInfo> _endpoints = [];
    private readonly List<(string Role, string Organisation, HttpClient Api, WebSession Web)> _callers = [];

    [OneTimeSetUp]
    public async Task DiscoverEndpointsAndSignEveryoneIn()
    {
        var listed = await HostProcess.RunCliAsync(["list-endpoints"], Database.ConnectionString);
        Assert.That(listed.ExitCode, Is.Zero, listed.Error);
        _endpoints = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<EndpointInfo>(line, JsonSerializerOptions.Web)!)
            .Where(e => e.Route != "/Index")
            .ToList();

        using var admin = Keys.Client(await Keys.AdminKeyAsync());
        foreach (var (code, kind) in new[] { ("PRV-A", "provider"), ("PRV-B", "provider"), ("TRAINING", "private"), ("VOICE", "private") })
        {
            using var registered = await admin.PostAsync(new Uri("/api/v1/organisations", UriKind.Relative),
                new StringContent(JsonSerializer.Serialize(new { code, name = $"Organisation {code}", kind }), Encoding.UTF8, "application/json"));
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
        }

        foreach (var (role, organisation) in Callers)
        {
            var (session, _, _, _) = await Keys.SignedInPersonAsync(organisation, role);
            _callers.Add((role, organisation, await Keys.ClientAsync(organisation, role), session));
        }
    }

    [OneTimeTearDown]
    public void SignOut()
    {
        foreach (var caller in _callers)
        {
            caller.Api.Dispose();
            caller.Web.Dispose();
        }
    }

    [Test]
    public void The_app_has_pages_and_api_endpoints_to_check()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_endpoints.Count(e => e.Page), Is.GreaterThan(10));
            Assert.That(_endpoints.Count(e => e.Route.StartsWith("/api/", StringComparison.Ordinal)), Is.GreaterThan(15));
        });
    }

    [Test]
    public void Every_endpoint_declares_who_may_call_it()
    {
        Assert.That(_endpoints.Where(e => !e.Declared).Select(e => e.Describe()), Is.Empty,
            "Declare a policy: RequireRoles(...) / RequireSignedIn() on an endpoint, [Authorize(...)] on a page.");
    }

    [Test]
    public void Only_health_sign_in_and_the_public_statements_are_open_without_signing_in()
    {
        Assert.That(_endpoints.Where(e => e.Anonymous && !Anonymous.IsMatch(e.Route)).Select(e => e.Describe()), Is.Empty);
    }

    [Test]
    public async Task Nobody_gets_an_answer_without_signing_in()
    {
        using var anonymousApi = new HttpClient { BaseAddress = Host.BaseAddress };
        using var anonymousWeb = new WebSession(Host.BaseAddress);
        var failures = new List<string>();
        foreach (var endpoint in _endpoints.Where(e => !e.Anonymous))
        {
            foreach (var method in endpoint.MethodsToTry())
            {
                // Outside /api (pages, the OpenAPI document) a visitor is sent to sign in; the API answers 401.
                var web = !endpoint.Route.StartsWith("/api/", StringComparison.Ordinal);
                using var response = web
                    ? await anonymousWeb.GetRawAsync(endpoint.SamplePath())
                    : await anonymousApi.SendAsync(endpoint.Request(method));
                var expected = web ? HttpStatusCode.Redirect : HttpStatusCode.Unauthorized;
                if (response.StatusCode != expected || (web && response.Headers.Location?.AbsolutePath != "/sign-in"))
                {
                    failures.Add($"{method} {endpoint.SamplePath()} answered {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Every_role_from_each_organisation_is_refused_what_it_may_not_do_and_never_sees_an_unknown_or_out_of_scope_record()
    {
        var failures = new List<string>();
        foreach (var endpoint in _endpoints.Where(e => !e.Anonymous))
        {
            foreach (var (role, organisation, api, web) in _callers)
            {
                var allowed = endpoint.Roles is null || endpoint.Roles.Contains(role);
                foreach (var method in endpoint.MethodsToTry())
                {
                    using var response = endpoint.Page ? await web.GetRawAsync(endpoint.SamplePath()) : await api.SendAsync(endpoint.Request(method));
                    var status = (int)response.StatusCode;
                    var who = $"{role} of {organisation}: {method} {endpoint.SamplePath()} answered {status}";
                    if (!allowed && status != 403)
                    {
                        failures.Add($"{who}, expected 403");
                    }
                    else if (allowed && status is 401 or 403 or >= 500)
                    {
                        failures.Add($"{who}, expected the role to be let in");
                    }
                    else if (allowed && method == "GET" && endpoint.HasRecordParameter && status == 200 && !NotScoped.Contains(endpoint.Route))
                    {
                        failures.Add($"{who}: an unknown record must be 404");
                    }
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    /// <summary>
    /// GET endpoints whose route names a record but answer 200 for any value, because the value is not a record of
    /// anyone's (a document name, a partnership-wide list). Everything else with an id must 404 when it is unknown.
    /// </summary>
    private static readonly HashSet<string> NotScoped = ["/openapi/{documentName}.json"];

    private sealed record EndpointInfo(string Route, string[] Methods, bool Page, bool Anonymous, bool Declared, string[]? Roles, string Name)
    {
        public bool HasRecordParameter => Route.Contains('{', StringComparison.Ordinal) && !Route.Contains("{*", StringComparison.Ordinal);

        /// <summary>Pages are tried with GET (their POST handlers sit behind the same policy and need a form's token).</summary>
        public string[] MethodsToTry() => Page || Methods.Length == 0 ? ["GET"] : Methods;

        public string SamplePath() => RouteParameter().Replace(Route, m => m.Groups[1].Value switch
        {
            var name when m.Value.Contains(":guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            "documentName" => "v1",
            "financialYear" => "2026-27",
            var name when m.Value.StartsWith("{*", StringComparison.Ordinal) => "no-such-thing",
            var name when name.Contains("code", StringComparison.OrdinalIgnoreCase) => "ZZ-UNKNOWN",
            _ => "unknown-" + Guid.NewGuid().ToString("N")[..8],
        });

        public HttpRequestMessage Request(string method) => new(new HttpMethod(method), SamplePath())
        {
            Content = method is "POST" or "PUT" or "PATCH" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
        };

        public string Describe() => $"{string.Join('|', Methods)} {Route} ({Name})";
    }

    [GeneratedRegex(@"^/(health/(live|ready)|sign-in(/.*)?|sign-out|error|accessibility|privacy)$")]
    private static partial Regex AnonymousRoutes();

    [GeneratedRegex(@"\{\*?([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
