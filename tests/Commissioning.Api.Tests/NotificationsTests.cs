using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests;

public sealed partial class NotificationsTests
{
    private const string Newham = "E09000025";

    private TestDatabase _database = null!;
    private HostProcess _host = null!;
    private ApiKeys _keys = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _database = await HostDatabase.CreateAsync();
        _host = await HostProcess.StartAsync(_database.ConnectionString);
        _keys = new ApiKeys(_host, _database.ConnectionString);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task A_person_whose_password_an_admin_resets_sees_it_in_the_header_and_the_inbox_and_can_mark_it_read()
    {
        var (session, personId, email, _) = await _keys.SignedInPersonAsync(Newham, Roles.BoroughReferrer);
        using var _ = session;
        var (_, before) = await session.GetAsync("/notifications");
        using var admin = await _keys.ClientAsync(ApiKeys.LeadBorough, Roles.PartnershipAdmin);

        using var reset = await admin.PostAsync(new Uri($"/api/v1/people/{personId}/password-reset", UriKind.Relative), null);
        var temporary = JsonDocument.Parse(await reset.Content.ReadAsStringAsync()).RootElement.GetProperty("temporaryPassword").GetString()!;
        // The reset ended the person's session: they sign in again with the temporary password and choose another.
        await session.SignInAsync(email, temporary, "a different horse battery staple");
        var page = await PollAsync(session, body => body.Contains("Your Commissioning password was reset", StringComparison.Ordinal));

        var (_, afterRead) = await session.PostFormAsync(ReadPath(page), new Dictionary<string, string>(), pageToReadTokenFrom: "/notifications");

        Assert.Multiple(() =>
        {
            Assert.That(before, Does.Contain("You have no unread notifications."));
            Assert.That(UnreadInHeader(before), Is.Null);
            Assert.That(page, Does.Contain("You have 1 unread notification."));
            Assert.That(UnreadInHeader(page), Is.EqualTo(1));
            Assert.That(page, Does.Not.Contain(temporary));
            Assert.That(afterRead, Does.Contain("You have no unread notifications."));
            Assert.That(UnreadInHeader(afterRead), Is.Null);
            Assert.That(afterRead, Does.Contain("Your Commissioning password was reset"), "read notifications stay in the list");
        });
    }

    [Test]
    public async Task Mark_all_as_read_is_a_form_that_clears_the_unread_count()
    {
        var (session, personId, email, _) = await _keys.SignedInPersonAsync(Newham, Roles.BoroughManager);
        using var _ = session;
        using var admin = await _keys.ClientAsync(ApiKeys.LeadBorough, Roles.PartnershipAdmin);
        using var reset = await admin.PostAsync(new Uri($"/api/v1/people/{personId}/password-reset", UriKind.Relative), null);
        var temporary = JsonDocument.Parse(await reset.Content.ReadAsStringAsync()).RootElement.GetProperty("temporaryPassword").GetString()!;
        await session.SignInAsync(email, temporary, "a different horse battery staple");
        await PollAsync(session, body => body.Contains("You have 1 unread notification.", StringComparison.Ordinal));

        var (response, body) = await session.PostFormAsync("/notifications?handler=ReadAll", new Dictionary<string, string>(), pageToReadTokenFrom: "/notifications");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(session.LastAddress!.AbsolutePath, Is.EqualTo("/notifications"));
            Assert.That(body, Does.Contain("You have no unread notifications."));
        });
    }

    [Test]
    public async Task A_form_post_without_the_anti_forgery_token_is_refused()
    {
        var (session, _, _, _) = await _keys.SignedInPersonAsync(Newham, Roles.BoroughManager);
        using var _ = session;

        var (response, _) = await session.PostFormWithTokenAsync("/notifications?handler=ReadAll", new Dictionary<string, string>(), token: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task The_api_answers_an_api_keys_notifications_as_a_paged_list_and_marks_them_read()
    {
        using var client = await _keys.ClientAsync(Newham, Roles.BoroughManager);

        using var list = await client.GetAsync(new Uri("/api/v1/notifications?page=1&pageSize=10", UriKind.Relative));
        using var listBody = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        using var unread = await client.GetAsync(new Uri("/api/v1/notifications/unread-count", UriKind.Relative));
        using var unreadBody = JsonDocument.Parse(await unread.Content.ReadAsStringAsync());
        using var readAll = await client.PostAsync(new Uri("/api/v1/notifications/read-all", UriKind.Relative), null);
        using var readAllBody = JsonDocument.Parse(await readAll.Content.ReadAsStringAsync());
        using var readUnknown = await client.PostAsync(new Uri($"/api/v1/notifications/{Guid.NewGuid()}/read", UriKind.Relative), null);
        using var tooBig = await client.GetAsync(new Uri("/api/v1/notifications?pageSize=500", UriKind.Relative));
        using var tooBigBody = JsonDocument.Parse(await tooBig.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var root = listBody.RootElement;
            Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "items", "page", "pageSize", "total" }));
            Assert.That(root.GetProperty("items").GetArrayLength(), Is.Zero);
            Assert.That((root.GetProperty("page").GetInt32(), root.GetProperty("pageSize").GetInt32(), root.GetProperty("total").GetInt32()), Is.EqualTo((1, 10, 0)));
            Assert.That(unread.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(unreadBody.RootElement.GetProperty("unread").GetInt32(), Is.Zero);
            Assert.That(readAll.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(readAllBody.RootElement.GetProperty("marked").GetInt32(), Is.Zero);
            Assert.That(readUnknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(readUnknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(tooBig.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(tooBigBody.RootElement.GetProperty("errors").GetProperty("pageSize")[0].GetString(), Is.EqualTo("Page size must be a whole number from 1 to 200."));
        });
    }

    [Test]
    public async Task The_api_refuses_a_caller_without_a_key()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.BaseAddress };

        using var list = await anonymous.GetAsync(new Uri("/api/v1/notifications", UriKind.Relative));
        using var read = await anonymous.PostAsJsonAsync("/api/v1/notifications/read-all", new { });

        Assert.Multiple(() =>
        {
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task The_notifications_page_needs_a_signed_in_person()
    {
        using var anonymous = new WebSession(_host.BaseAddress);

        using var response = await anonymous.GetRawAsync("/notifications");

        Assert.That(response.Headers.Location?.ToString(), Does.Contain("/sign-in"));
    }

    private static async Task<string> PollAsync(WebSession session, Func<string, bool> condition)
    {
        // The notification is made by a subscription that the leader's daemon runs after the reset is stored.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var (_, body) = await session.GetAsync("/notifications");
            if (condition(body))
            {
                return body;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"The notification did not arrive within 30 s. Last page: {body}");
            }

            await Task.Delay(250);
        }
    }

    private static string ReadPath(string page) =>
        ReadForm().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no 'Mark as read' form: " + page);

    private static int? UnreadInHeader(string page) =>
        UnreadCount().Match(page) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("action=\"(/notifications\\?(?:id=[0-9a-f-]{36}&amp;handler=Read|handler=Read&amp;id=[0-9a-f-]{36}))\"")]
    private static partial Regex ReadForm();

    [GeneratedRegex("<span class=\"app-count\">([0-9]+)<")]
    private static partial Regex UnreadCount();
}
