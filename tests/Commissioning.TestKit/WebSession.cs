using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Commissioning.BuildingBlocks.Identity;

namespace Commissioning.TestKit;

/// <summary>
/// A person using the pages over HTTP, as a browser would: cookies kept (the host's cookies are Secure, and this
/// test client talks plain HTTP to 127.0.0.1, so it keeps them itself), redirects followed by hand, and forms posted
/// with the anti-forgery token read from the page.
/// </summary>
public sealed partial class WebSession : IDisposable
{
    private readonly Dictionary<string, string> _cookies = [];
    private readonly HttpClient _client;

    /// <summary>A session against <paramref name="baseAddress"/>, signed out.</summary>
    public WebSession(Uri baseAddress)
    {
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
    }

    /// <summary>The second-factor secret this session's person set up, if it did.</summary>
    public string? SecondFactorSecret { get; private set; }

    /// <summary>The last page's address.</summary>
    public Uri? LastAddress { get; private set; }

    /// <summary>GET, following redirects; returns the final response and its body.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>GET without following a redirect.</summary>
    public async Task<HttpResponseMessage> GetRawAsync(string path) => await SendOnceAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>Posts a form found on the page at <paramref name="path"/> (its anti-forgery token included), following redirects.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> PostFormAsync(string path, IDictionary<string, string> fields, string? pageToReadTokenFrom = null)
    {
        var (_, page) = await GetAsync(pageToReadTokenFrom ?? path);
        return await PostFormWithTokenAsync(path, fields, AntiforgeryToken(page));
    }

    /// <summary>Posts a form with a token already read.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> PostFormWithTokenAsync(string path, IDictionary<string, string> fields, string? token)
    {
        var all = new Dictionary<string, string>(fields);
        if (token is not null)
        {
            all["__RequestVerificationToken"] = token;
        }

        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(all) });
    }

    /// <summary>
    /// Signs in through the pages: password, then the second factor (set up now when it is not yet, with the secret
    /// the page shows), then a new password when the one given was temporary. Returns the page signed in to.
    /// </summary>
    public async Task<string> SignInAsync(string email, string password, string? newPassword = null, string? secondFactorSecret = null)
    {
        var (response, body) = await PostFormAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        for (var step = 0; step < 4; step++)
        {
            var path = LastAddress?.AbsolutePath;
            if (path == "/sign-in/set-up-authenticator")
            {
                SecondFactorSecret = SetupKey().Match(body).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
                (response, body) = await PostFormWithTokenAsync(path, new Dictionary<string, string> { ["code"] = CurrentCode(SecondFactorSecret) }, AntiforgeryToken(body));
            }
            else if (path == "/sign-in/code")
            {
                SecondFactorSecret ??= secondFactorSecret ?? throw new InvalidOperationException("This account has a second factor: give its secret.");
                (response, body) = await PostFormWithTokenAsync(path, new Dictionary<string, string> { ["code"] = NextUnusedCode(SecondFactorSecret) }, AntiforgeryToken(body));
            }
            else if (path == "/sign-in/new-password")
            {
                var chosen = newPassword ?? throw new InvalidOperationException("The password was temporary: give a new one.");
                (response, body) = await PostFormWithTokenAsync(path,
                    new Dictionary<string, string> { ["newPassword"] = chosen, ["confirmPassword"] = chosen }, AntiforgeryToken(body));
            }
            else
            {
                break;
            }
        }

        if (LastAddress?.AbsolutePath.StartsWith("/sign-in", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in did not complete ({(int)response.StatusCode} at {LastAddress}): {ErrorSummaryText(body)}");
        }

        return body;
    }

    /// <summary>The text of the page's error summary, or empty.</summary>
    public static string ErrorSummaryText(string body)
    {
        var match = ErrorSummary().Match(body);
        return match.Success ? WebUtility.HtmlDecode(Tags().Replace(match.Value, " ")).Trim() : "";
    }

    /// <summary>
    /// The anti-forgery token of the first form in the page's main content. The header's sign-out form is skipped:
    /// any token of the session would pass, so reading it would hide a content form that lacks its own token.
    /// </summary>
    public static string? AntiforgeryToken(string page)
    {
        var main = page.IndexOf("id=\"main-content\"", StringComparison.Ordinal);
        var match = TokenField().Match(page, Math.Max(main, 0));
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>The code an authenticator shows now.</summary>
    public static string CurrentCode(string secret) => Totp.CodeAt(secret, Totp.StepAt(DateTimeOffset.UtcNow));

    private long _lastStep;

    /// <summary>A code the host has not seen yet (each is accepted once), waiting for the next step if need be.</summary>
    private string NextUnusedCode(string secret)
    {
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        if (step <= _lastStep)
        {
            // One step ahead is accepted for clock drift.
            step = _lastStep + 1;
        }

        _lastStep = step;
        return Totp.CodeAt(secret, step);
    }

    private async Task<(HttpResponseMessage, string)> SendAsync(HttpRequestMessage request)
    {
        var response = await SendOnceAsync(request);
        for (var hops = 0; hops < 10 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            var location = response.Headers.Location!;
            response.Dispose();
            response = await SendOnceAsync(new HttpRequestMessage(HttpMethod.Get, location.IsAbsoluteUri ? location : new Uri(_client.BaseAddress!, location)));
        }

        return (response, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _client.SendAsync(request);
        LastAddress = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(_client.BaseAddress!, request.RequestUri);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
                var value = pair[(name.Length + 1)..];
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }

        return response;
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("id=\"setup-key\">([A-Z2-7 ]+)<")]
    private static partial Regex SetupKey();

    [GeneratedRegex("<div class=\"govuk-error-summary\".*?</ul>", RegexOptions.Singleline)]
    private static partial Regex ErrorSummary();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}

/// <summary>API callers for a running host: the first admin key from the CLI, then keys for anyone through the API.</summary>
public sealed class ApiKeys(HostProcess host, string connectionString)
{
    private string? _adminKey;

    /// <summary>The lead borough's partnership admin key (created with the host's create-api-key verb, once).</summary>
    public async Task<string> AdminKeyAsync()
    {
        if (_adminKey is null)
        {
            var result = await HostProcess.RunCliAsync(["create-api-key", "--organisation", LeadBorough, "--role", Roles.PartnershipAdmin], connectionString);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"create-api-key failed: {result.Error}");
            }

            _adminKey = result.Output.Trim();
        }

        return _adminKey;
    }

    /// <summary>Havering, the default lead borough.</summary>
    public const string LeadBorough = "E09000016";

    /// <summary>A client calling the API with a new key for <paramref name="organisation"/> and <paramref name="role"/>.</summary>
    public async Task<HttpClient> ClientAsync(string organisation, string role) => Client(await KeyAsync(organisation, role));

    /// <summary>A new key for <paramref name="organisation"/> and <paramref name="role"/>.</summary>
    public async Task<string> KeyAsync(string organisation, string role)
    {
        if (organisation == LeadBorough && role == Roles.PartnershipAdmin)
        {
            return await AdminKeyAsync();
        }

        using var admin = Client(await AdminKeyAsync());
        using var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { organisationCode = organisation, role });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating a {role} key for {organisation} failed: {(int)response.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>A client calling the API with <paramref name="key"/>.</summary>
    public HttpClient Client(string key) =>
        new() { BaseAddress = host.BaseAddress, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };

    /// <summary>
    /// A person registered through the API, signed in through the pages (second factor set up, password chosen).
    /// </summary>
    public async Task<(WebSession Session, Guid PersonId, string Email, string Password)> SignedInPersonAsync(string organisation, string role, string? email = null)
    {
        email ??= $"{role}.{Guid.NewGuid():N}@example.gov.uk";
        using var admin = Client(await AdminKeyAsync());
        using var response = await admin.PostAsJsonAsync("/api/v1/people", new { email, name = $"Test {role}", organisationCode = organisation, role });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Registering a {role} at {organisation} failed: {(int)response.StatusCode} {body}");
        }

        var json = JsonDocument.Parse(body).RootElement;
        const string password = "correct horse battery staple";
        var session = new WebSession(host.BaseAddress);
        await session.SignInAsync(email, json.GetProperty("temporaryPassword").GetString()!, password);
        return (session, json.GetProperty("personId").GetGuid(), email, password);
    }
}
