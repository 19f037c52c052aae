using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Partnership;

/// <summary>Behind a TLS-terminating proxy, trusted only when configured, the app knows the request was HTTPS.</summary>
public sealed class BehindAProxyTests : RunningHost
{
    protected override IDictionary<string, string>? Environment => new Dictionary<string, string> { ["Commissioning__Web__TrustForwardedHeaders"] = "true" };

    [Test]
    public async Task A_request_the_proxy_received_over_https_gets_a_secure_anti_forgery_cookie()
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Host.BaseAddress };
        using var viaProxy = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        using var secure = await client.SendAsync(viaProxy);
        using var direct = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(secure.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Commissioning-Antiforgery", StringComparison.Ordinal)),
                Does.Contain("secure").IgnoreCase);
            Assert.That(direct.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Commissioning-Antiforgery", StringComparison.Ordinal)),
                Does.Not.Contain("secure").IgnoreCase);
        });
    }
}
