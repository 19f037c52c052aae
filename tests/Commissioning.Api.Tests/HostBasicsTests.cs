using System.Net;
using System.Text.Json;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests;

public sealed class HostBasicsTests : RunningHost
{
    private HttpClient _admin = null!;
    private WebSession _adminPages = null!;

    private HostProcess _host => Host;

    private TestDatabase _database => Database;

    [OneTimeSetUp]
    public async Task SignInAsTheAdmin()
    {
        _admin = Keys.Client(await Keys.AdminKeyAsync());
        (_adminPages, _, _, _) = await Keys.SignedInPersonAsync("E09000016", BuildingBlocks.Identity.Roles.PartnershipAdmin);
    }

    [OneTimeTearDown]
    public void SignOut()
    {
        _admin.Dispose();
        _adminPages.Dispose();
    }

    [Test]
    public async Task Liveness_answers_and_says_whether_this_instance_leads_the_async_projections()
    {
        using var response = await _host.Client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.RootElement.GetProperty("status").GetString(), Is.EqualTo("ok"));
            Assert.That(body.RootElement.GetProperty("checks").GetProperty("async-daemon").GetProperty("description").GetString(), Does.Contain("async projections"));
        });
    }

    [Test]
    public async Task Readiness_answers_once_the_database_is_reachable_and_migrated()
    {
        using var response = await _host.Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString(), Is.EqualTo("healthy"));
        });
    }

    [Test]
    public async Task The_clustered_scheduler_provisioned_its_tables_in_the_quartz_schema()
    {
        await using var command = _database.DataSource.CreateCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'quartz' AND table_name IN ('qrtz_locks', 'qrtz_scheduler_state', 'qrtz_triggers')");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long tables;
        while ((tables = (long)(await command.ExecuteScalarAsync())!) < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.That(tables, Is.EqualTo(3));
    }

    [Test]
    public async Task The_host_migrates_the_notification_schema_and_schedules_the_email_dispatcher()
    {
        await using var tables = _database.DataSource.CreateCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'notifications' AND table_name IN ('notifications', 'recipients', 'emails')");
        await using var job = _database.DataSource.CreateCommand(
            "SELECT count(*) FROM quartz.qrtz_triggers WHERE trigger_name = 'notifications.send-emails'");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long jobs = 0;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((jobs = (long)(await job.ExecuteScalarAsync())!) == 1)
                {
                    break;
                }
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
            {
                // Quartz has not provisioned its tables yet.
            }

            await Task.Delay(200);
        }

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((long)(await tables.ExecuteScalarAsync())!, Is.EqualTo(3));
            Assert.That(jobs, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_OpenAPI_document_is_served_at_its_fixed_address()
    {
        using var response = await _admin.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.RootElement.GetProperty("openapi").GetString(), Does.StartWith("3."));
            Assert.That(body.RootElement.GetProperty("info").GetProperty("title").GetString(), Is.EqualTo("Commissioning integration API"));
        });
    }

    [Test]
    public async Task An_unknown_API_address_answers_404_as_problem_details()
    {
        using var response = await _admin.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(body.RootElement.GetProperty("status").GetInt32(), Is.EqualTo(404));
            Assert.That(body.RootElement.GetProperty("title").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task A_POST_with_an_Idempotency_Key_passes_through_the_idempotency_handling_to_the_API()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/no-such-thing", UriKind.Relative))
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "3f1c2d5e-api-test");
        using var response = await _admin.SendAsync(request);
        await using var command = _database.DataSource.CreateCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'api' AND table_name = 'idempotency_keys'");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(1L), "migrate creates the idempotency store");
        });
    }

    [Test]
    public async Task An_unknown_page_answers_404_with_a_page_a_person_can_read()
    {
        var (response, html) = await _adminPages.GetAsync("/no-such-page");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("Page not found"));
        });
    }

    [Test]
    public async Task A_visitor_lands_on_the_sign_in_page_and_a_signed_in_person_on_the_home_page()
    {
        using var visitor = new WebSession(_host.BaseAddress);
        var (_, signIn) = await visitor.GetAsync("/");
        var (home, html) = await _adminPages.GetAsync("/");

        Assert.Multiple(() =>
        {
            Assert.That(visitor.LastAddress!.AbsolutePath, Is.EqualTo("/sign-in"));
            Assert.That(signIn, Does.Contain("Sign in to Commissioning"));
            Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("Your work"));
        });
    }

    [Test]
    public async Task The_status_page_shows_the_database_ready_and_every_module_store()
    {
        var (_, html) = await _adminPages.GetAsync("/status");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("Service status"));
            Assert.That(html, Does.Contain("Ready"));
            foreach (var schema in new[] { "partnership", "brokerage", "contracts", "payment_by_results", "training", "reporting" })
            {
                Assert.That(html, Does.Contain(schema));
            }
        });
    }

    [TestCase("/lib/govuk/govuk-frontend.min.css", "text/css")]
    [TestCase("/js/app.mjs", "text/javascript")]
    [TestCase("/css/app.css", "text/css")]
    public async Task The_GOV_UK_Frontend_assets_the_layout_links_to_are_served(string path, string mediaType)
    {
        var html = await _host.Client.GetStringAsync(new Uri("/", UriKind.Relative));
        using var response = await _host.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain(path));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
        });
    }

    [Test]
    public async Task A_correlation_id_offered_by_the_caller_is_echoed_and_one_is_made_when_none_is_offered()
    {
        using var offered = new HttpRequestMessage(HttpMethod.Get, new Uri("/health/live", UriKind.Relative));
        offered.Headers.Add("X-Correlation-Id", "case-system-4711");
        using var echoed = await _host.Client.SendAsync(offered);
        using var made = await _host.Client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(echoed.Headers.GetValues("X-Correlation-Id").Single(), Is.EqualTo("case-system-4711"));
            Assert.That(made.Headers.GetValues("X-Correlation-Id").Single(), Has.Length.GreaterThanOrEqualTo(16));
        });
    }
}
