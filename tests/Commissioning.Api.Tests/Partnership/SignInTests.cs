using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Partnership;

/// <summary>Sign-in through the pages, as a person meets it: temporary password, second factor, lockout, sign-out.</summary>
public sealed class SignInTests : RunningHost
{
    private const string Newham = "E09000025";

    [Test]
    public async Task A_page_sends_an_anonymous_visitor_to_sign_in_and_back_afterwards()
    {
        using var visitor = new WebSession(Host.BaseAddress);
        using var response = await visitor.GetRawAsync("/partnership");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(response.Headers.Location!.ToString(), Does.Contain("/sign-in?ReturnUrl=%2Fpartnership"));
        });
    }

    [Test]
    public async Task A_new_referrer_sets_up_a_second_factor_and_a_password_and_is_then_signed_in()
    {
        var (session, _, _, _) = await Keys.SignedInPersonAsync(Newham, Roles.BoroughReferrer);
        using (session)
        {
            var (response, body) = await session.GetAsync("/");

            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(session.LastAddress!.AbsolutePath, Is.EqualTo("/"));
                Assert.That(body, Does.Contain("Signed in as"));
                Assert.That(session.SecondFactorSecret, Is.Not.Null.And.Length.EqualTo(32));
            });
        }
    }

    [Test]
    public async Task Signing_in_again_asks_for_the_code_and_refuses_a_wrong_one()
    {
        var (first, _, email, password) = await Keys.SignedInPersonAsync(Newham, Roles.BoroughManager);
        first.Dispose();
        using var session = new WebSession(Host.BaseAddress);

        var (_, codePage) = await session.PostFormAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        Assert.That(session.LastAddress!.AbsolutePath, Is.EqualTo("/sign-in/code"));
        var (_, wrong) = await session.PostFormWithTokenAsync("/sign-in/code", new Dictionary<string, string> { ["code"] = "000000" }, WebSession.AntiforgeryToken(codePage));

        Assert.Multiple(() =>
        {
            Assert.That(session.LastAddress!.AbsolutePath, Is.EqualTo("/sign-in/code"));
            Assert.That(WebSession.ErrorSummaryText(wrong), Does.Contain("The code is not right"));
        });
        Assert.That(async () => await session.GetRawAsync("/"), Has.Property("StatusCode").EqualTo(HttpStatusCode.Redirect), "not signed in after a wrong code");
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_until_an_admin_unlocks_it()
    {
        var (first, personId, email, password) = await Keys.SignedInPersonAsync(Newham, Roles.BoroughReferrer);
        first.Dispose();
        using var session = new WebSession(Host.BaseAddress);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await session.PostFormAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = "wrong password " + attempt });
        }

        var (_, locked) = await session.PostFormAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        Assert.That(WebSession.ErrorSummaryText(locked), Does.Contain("Your account is locked"));

        using var admin = Keys.Client(await Keys.AdminKeyAsync());
        using var unlocked = await admin.PostAsync(new Uri($"/api/v1/people/{personId}/unlock", UriKind.Relative), null);
        Assert.That(unlocked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await session.PostFormAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        Assert.That(session.LastAddress!.AbsolutePath, Is.EqualTo("/sign-in/code"), "the right password works again after unlocking");
    }

    [Test]
    public async Task A_disabled_account_cannot_sign_in_and_its_open_session_ends_at_once()
    {
        var (session, personId, email, password) = await Keys.SignedInPersonAsync(Newham, Roles.BoroughReferrer);
        using (session)
        {
            using var admin = Keys.Client(await Keys.AdminKeyAsync());
            using var disabled = await admin.PostAsJsonAsync($"/api/v1/people/{personId}/disable", new { reason = "Left the borough" });
            Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.OK));

            using var home = await session.GetRawAsync("/");
            Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the old session no longer works");
            using var again = new WebSession(Host.BaseAddress);
            var (_, refused) = await again.PostFormAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
            Assert.That(WebSession.ErrorSummaryText(refused), Does.Contain("active account"));
        }
    }

    [Test]
    public async Task A_password_reset_by_an_admin_gives_a_temporary_password_that_must_be_replaced()
    {
        var (session, personId, email, _) = await Keys.SignedInPersonAsync(Newham, Roles.BoardMember);
        session.Dispose();
        using var admin = Keys.Client(await Keys.AdminKeyAsync());
        using var reset = await admin.PostAsync(new Uri($"/api/v1/people/{personId}/password-reset", UriKind.Relative), null);
        var temporary = JsonDocument.Parse(await reset.Content.ReadAsStringAsync()).RootElement.GetProperty("temporaryPassword").GetString()!;

        using var again = new WebSession(Host.BaseAddress);
        var (_, page) = await again.PostFormAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = temporary });
        Assert.That(again.LastAddress!.AbsolutePath, Is.EqualTo("/sign-in/new-password"));
        var (_, tooShort) = await again.PostFormWithTokenAsync("/sign-in/new-password",
            new Dictionary<string, string> { ["newPassword"] = "short", ["confirmPassword"] = "short" }, WebSession.AntiforgeryToken(page));
        Assert.That(WebSession.ErrorSummaryText(tooShort), Does.Contain("at least 12 characters"));
        await again.PostFormWithTokenAsync("/sign-in/new-password",
            new Dictionary<string, string> { ["newPassword"] = "a brand new long password", ["confirmPassword"] = "a brand new long password" }, WebSession.AntiforgeryToken(tooShort));
        Assert.That(again.LastAddress!.AbsolutePath, Is.EqualTo("/"));
    }

    [Test]
    public async Task A_form_posted_without_the_anti_forgery_token_is_refused()
    {
        using var session = new WebSession(Host.BaseAddress);
        var (response, _) = await session.PostFormWithTokenAsync("/sign-in", new Dictionary<string, string> { ["email"] = "a@example.gov.uk", ["password"] = "x" }, token: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task The_session_cookie_is_secure_http_only_and_same_site()
    {
        var (session, _, email, password) = await Keys.SignedInPersonAsync(Newham, Roles.BoardMember);
        session.Dispose();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Host.BaseAddress };
        using var signInPage = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
        var token = WebSession.AntiforgeryToken(await signInPage.Content.ReadAsStringAsync());
        var antiforgeryCookie = signInPage.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = token! }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        using var signedIn = await client.SendAsync(request);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-Commissioning=", StringComparison.Ordinal));

        Assert.That(cookie, Does.Contain("secure").IgnoreCase.And.Contain("httponly").IgnoreCase.And.Contain("samesite=lax").IgnoreCase);
    }
}
