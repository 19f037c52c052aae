using System.Net;
using System.Text;
using System.Text.Json;
using Commissioning.BuildingBlocks.Tests.EventStore;
using Commissioning.BuildingBlocks.Web;
using Commissioning.TestKit;

namespace Commissioning.BuildingBlocks.Tests.Web;

public sealed class IdempotencyTests
{
    private TestDatabase _database = null!;
    private readonly List<WebTestApp> _apps = [];

    [SetUp]
    public async Task SetUp() => _database = await WebTestDatabase.CreateAsync();

    [TearDown]
    public async Task TearDown()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        _apps.Clear();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task The_same_key_and_body_again_replays_the_first_response_exactly_and_the_handler_runs_once()
    {
        var app = await StartAsync();

        using var first = await PostAsync(app, "/api/things", "key-1", """{"name":"Bed 4"}""");
        using var second = await PostAsync(app, "/api/things", "key-1", """{"name":"Bed 4"}""");

        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.Headers.Location, Is.EqualTo(first.Headers.Location).And.Not.Null);
            Assert.That(second.Content.Headers.ContentType, Is.EqualTo(first.Content.Headers.ContentType));
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(first.Headers.Contains(IdempotencyMiddleware.ReplayedHeader), Is.False);
            Assert.That(second.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader), Is.EqualTo(new[] { "true" }));
            Assert.That(await RunsAsync("things"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_204_with_no_body_is_replayed_as_a_204_with_no_body()
    {
        var app = await StartAsync();

        using var first = await PostAsync(app, "/api/nothing", "key-1", "{}");
        using var second = await PostAsync(app, "/api/nothing", "key-1", "{}");

        Assert.Multiple(async () =>
        {
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(second.Headers.Contains(IdempotencyMiddleware.ReplayedHeader), Is.True);
            Assert.That(await second.Content.ReadAsByteArrayAsync(), Is.Empty);
            Assert.That(await RunsAsync("nothing"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_POST_without_a_key_is_not_affected_and_runs_every_time()
    {
        var app = await StartAsync();

        using var first = await PostAsync(app, "/api/things", key: null, """{"name":"Bed 4"}""");
        using var second = await PostAsync(app, "/api/things", key: null, """{"name":"Bed 4"}""");

        Assert.Multiple(async () =>
        {
            Assert.That(second.Headers.Location, Is.Not.EqualTo(first.Headers.Location));
            Assert.That(await RunsAsync("things"), Is.EqualTo(2));
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM api.idempotency_keys"), Is.Zero);
        });
    }

    [Test]
    public async Task The_same_key_with_a_different_body_is_refused_with_422_and_nothing_runs_again()
    {
        var app = await StartAsync();
        using var first = await PostAsync(app, "/api/things", "key-1", """{"name":"Bed 4"}""");

        using var second = await PostAsync(app, "/api/things", "key-1", """{"name":"Bed 5"}""");
        using var otherPath = await PostAsync(app, "/api/slow", "key-1", """{"name":"Bed 4"}""");

        var problem = await ProblemAsync(second);
        Assert.Multiple(async () =>
        {
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(second.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("This Idempotency-Key was already used with a different request"));
            Assert.That(otherPath.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "the path is part of the request");
            Assert.That(await RunsAsync("things"), Is.EqualTo(1));
            Assert.That(await RunsAsync("slow"), Is.Zero);
        });
    }

    [Test]
    public async Task Twenty_simultaneous_requests_with_one_key_on_two_instances_run_the_handler_once_and_the_rest_get_409()
    {
        var gate = new SlowGate();
        var instances = new[] { await StartAsync(gate), await StartAsync(gate) };

        var requests = Enumerable.Range(0, 20).Select(i => PostAsync(instances[i % 2], "/api/slow", "same-key", "{}")).ToList();
        await Eventually.UntilAsync(() => requests.Count(r => r.IsCompleted) == 19, "every request but the running one to be answered", TimeSpan.FromSeconds(30));
        var runsWhileHeld = await RunsAsync("slow");
        gate.Open();
        var responses = await Task.WhenAll(requests);
        using var afterwards = await PostAsync(instances[0], "/api/slow", "same-key", "{}");

        try
        {
            var conflicts = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
            var created = responses.Single(r => r.StatusCode == HttpStatusCode.Created);
            var problem = await ProblemAsync(conflicts[0]);
            Assert.Multiple(async () =>
            {
                Assert.That(runsWhileHeld, Is.EqualTo(1));
                Assert.That(conflicts, Has.Count.EqualTo(19));
                Assert.That(conflicts.Select(c => c.Headers.RetryAfter?.Delta), Is.All.EqualTo(TimeSpan.FromSeconds(1)));
                Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("still being processed"));
                Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.Created));
                Assert.That(afterwards.Headers.Location, Is.EqualTo(created.Headers.Location));
                Assert.That(afterwards.Headers.Contains(IdempotencyMiddleware.ReplayedHeader), Is.True);
                Assert.That(await RunsAsync("slow"), Is.EqualTo(1));
            });
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Test]
    public async Task Two_callers_using_the_same_key_are_independent_even_the_same_person_in_another_organisation()
    {
        var app = await StartAsync();

        using var jo = await PostAsync(app, "/api/things", "shared", """{"name":"Bed 4"}""", user: "jo");
        using var sam = await PostAsync(app, "/api/things", "shared", """{"name":"Bed 5"}""", user: "sam");
        using var joElsewhere = await PostAsync(app, "/api/things", "shared", """{"name":"Bed 4"}""", user: "jo", organisation: "E09000002");

        Assert.Multiple(async () =>
        {
            Assert.That(new[] { jo.StatusCode, sam.StatusCode, joElsewhere.StatusCode }, Is.All.EqualTo(HttpStatusCode.Created));
            Assert.That(new[] { jo, sam, joElsewhere }.Select(r => r.Headers.Contains(IdempotencyMiddleware.ReplayedHeader)), Is.All.False);
            Assert.That(await RunsAsync("things"), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task A_server_error_does_not_stick_so_the_retry_runs_and_its_success_is_what_is_replayed()
    {
        var app = await StartAsync(failures: new Failures(1));

        using var failed = await PostAsync(app, "/api/flaky", "key-1", "{}");
        using var retried = await PostAsync(app, "/api/flaky", "key-1", "{}");
        using var replayed = await PostAsync(app, "/api/flaky", "key-1", "{}");

        Assert.Multiple(async () =>
        {
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(retried.Headers.Contains(IdempotencyMiddleware.ReplayedHeader), Is.False);
            Assert.That(replayed.Headers.Contains(IdempotencyMiddleware.ReplayedHeader), Is.True);
            Assert.That(await replayed.Content.ReadAsStringAsync(), Is.EqualTo(await retried.Content.ReadAsStringAsync()));
            Assert.That(await RunsAsync("flaky"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_refusal_of_the_request_itself_is_replayed_but_a_conflict_with_current_state_is_not()
    {
        var app = await StartAsync();

        using var invalid = await PostAsync(app, "/api/invalid", "key-1", "{}");
        using var invalidAgain = await PostAsync(app, "/api/invalid", "key-1", "{}");
        using var conflict = await PostAsync(app, "/api/conflict", "key-2", "{}");
        using var conflictAgain = await PostAsync(app, "/api/conflict", "key-2", "{}");

        Assert.Multiple(async () =>
        {
            Assert.That(invalidAgain.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(invalidAgain.Headers.Contains(IdempotencyMiddleware.ReplayedHeader), Is.True);
            Assert.That(await invalidAgain.Content.ReadAsStringAsync(), Is.EqualTo(await invalid.Content.ReadAsStringAsync()));
            Assert.That(await RunsAsync("invalid"), Is.EqualTo(1));
            Assert.That(conflictAgain.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(conflictAgain.Headers.Contains(IdempotencyMiddleware.ReplayedHeader), Is.False);
            Assert.That(await RunsAsync("conflict"), Is.EqualTo(2));
        });
    }

    [TestCase(200, true)]
    [TestCase(201, true)]
    [TestCase(202, true)]
    [TestCase(204, true)]
    [TestCase(303, true)]
    [TestCase(400, true)]
    [TestCase(403, true)]
    [TestCase(413, true)]
    [TestCase(415, true)]
    [TestCase(422, true)]
    [TestCase(401, false)]
    [TestCase(404, false)]
    [TestCase(408, false)]
    [TestCase(409, false)]
    [TestCase(429, false)]
    [TestCase(499, false)]
    [TestCase(500, false)]
    [TestCase(502, false)]
    [TestCase(503, false)]
    public void Which_responses_are_stored_and_replayed(int status, bool remembered) =>
        Assert.That(IdempotencyMiddleware.IsRemembered(status), Is.EqualTo(remembered));

    [Test]
    public async Task A_key_is_kept_for_24_hours_and_once_expired_it_is_forgotten_and_cleaned_up()
    {
        var app = await StartAsync();
        using var first = await PostAsync(app, "/api/things", "key-1", """{"name":"Bed 4"}""");
        using var other = await PostAsync(app, "/api/things", "key-2", """{"name":"Bed 4"}""");
        var lifetime = await _database.ScalarAsync("SELECT extract(epoch FROM expires_at - created_at)::bigint FROM api.idempotency_keys WHERE key = 'key-1'");

        await _database.ExecuteAsync("UPDATE api.idempotency_keys SET created_at = created_at - interval '25 hours', expires_at = expires_at - interval '25 hours'");
        using var reused = await PostAsync(app, "/api/things", "key-1", """{"name":"Something else"}""");

        Assert.Multiple(async () =>
        {
            Assert.That(lifetime, Is.EqualTo(24 * 3600));
            Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.Created), "an expired key is free for a new request");
            Assert.That(reused.Headers.Contains(IdempotencyMiddleware.ReplayedHeader), Is.False);
            Assert.That(await RunsAsync("things"), Is.EqualTo(3));
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM api.idempotency_keys WHERE key = 'key-2'"), Is.Zero, "the reservation deleted the other expired key");
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM api.idempotency_keys WHERE key = 'key-1' AND expires_at > now() + interval '23 hours'"), Is.EqualTo(1));
        });
    }

    [TestCase("")]
    [TestCase("tab\there")]
    [TestCase("a-key-of-256-characters")]
    public async Task A_key_that_is_not_1_to_255_printable_ASCII_characters_is_refused_with_400_naming_the_header(string key)
    {
        if (key == "a-key-of-256-characters")
        {
            key = new string('k', 256);
        }

        var app = await StartAsync();

        using var response = await PostAsync(app, "/api/things", key, """{"name":"Bed 4"}""");

        var problem = await ProblemAsync(response);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString(),
                Is.EqualTo("The Idempotency-Key header must be 1 to 255 printable ASCII characters, for example a UUID."));
            Assert.That(await RunsAsync("things"), Is.Zero);
        });
    }

    [Test]
    public async Task A_key_of_255_printable_characters_including_spaces_and_punctuation_is_accepted()
    {
        var app = await StartAsync();
        var key = "a b~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}" + new string('z', 220);

        using var first = await PostAsync(app, "/api/things", key, """{"name":"Bed 4"}""");
        using var second = await PostAsync(app, "/api/things", key, """{"name":"Bed 4"}""");

        Assert.Multiple(() =>
        {
            Assert.That(key, Has.Length.EqualTo(255));
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.Headers.Contains(IdempotencyMiddleware.ReplayedHeader), Is.True);
        });
    }

    [Test]
    public async Task An_anonymous_request_with_a_key_is_left_to_authorisation_which_answers_401()
    {
        var app = await StartAsync();

        using var response = await PostAsync(app, "/api/things", "key-1", """{"name":"Bed 4"}""", user: null);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM api.idempotency_keys"), Is.Zero);
        });
    }

    [Test]
    public async Task A_long_request_keeps_its_key_by_renewing_its_lease()
    {
        var gate = new SlowGate();
        var app = await StartAsync(gate, configure: o => o.Lease = TimeSpan.FromSeconds(3));
        var running = PostAsync(app, "/api/slow", "key-1", "{}");
        await Eventually.UntilAsync(async () => await RunsAsync("slow") == 1, "the slow request to start", TimeSpan.FromSeconds(10));

        // Past the first lease: only renewals keep it.
        await Task.Delay(TimeSpan.FromSeconds(4));
        using var meanwhile = await PostAsync(app, "/api/slow", "key-1", "{}");
        gate.Open();
        using var finished = await running;

        Assert.Multiple(async () =>
        {
            Assert.That(meanwhile.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(finished.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(await RunsAsync("slow"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task When_the_instance_running_a_request_dies_a_retry_takes_the_key_over_once_the_lease_has_lapsed()
    {
        var gate = new SlowGate();
        var app = await StartAsync(gate);
        var stranded = PostAsync(app, "/api/slow", "key-1", "{}");
        await Eventually.UntilAsync(async () => await RunsAsync("slow") == 1, "the first request to start", TimeSpan.FromSeconds(10));
        using var tooSoon = await PostAsync(app, "/api/slow", "key-1", "{}");

        // As if its instance had stopped renewing: the lease lapses.
        await _database.ExecuteAsync("UPDATE api.idempotency_keys SET lease_until = now() - interval '1 second'");
        var retry = PostAsync(app, "/api/slow", "key-1", "{}");
        await Eventually.UntilAsync(async () => await RunsAsync("slow") == 2, "the retry to take over and run", TimeSpan.FromSeconds(10));
        gate.Open();
        using var strandedResponse = await stranded;
        using var retryResponse = await retry;
        using var replay = await PostAsync(app, "/api/slow", "key-1", "{}");

        Assert.Multiple(() =>
        {
            Assert.That(tooSoon.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(retryResponse.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(replay.Headers.Location, Is.EqualTo(retryResponse.Headers.Location), "the request holding the key stores the response");
            Assert.That(app.Logs.Problems, Has.Some.Contains("lost its lease"));
        });
    }

    private async Task<WebTestApp> StartAsync(SlowGate? gate = null, Failures? failures = null, Action<IdempotencyOptions>? configure = null)
    {
        var app = await WebTestApp.StartAsync(_database, gate, failures, configure);
        _apps.Add(app);
        return app;
    }

    private Task<long> RunsAsync(string endpoint) =>
        _database.ScalarAsync($"SELECT count(*) FROM web_test.runs WHERE endpoint = '{endpoint}'");

    private static async Task<HttpResponseMessage> PostAsync(
        WebTestApp app, string path, string? key, string json, string? user = "jo", string organisation = "E09000016")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyMiddleware.KeyHeader, key);
        }

        if (user is not null)
        {
            request.Headers.Add(WebTestApp.UserHeader, user);
            request.Headers.Add(WebTestApp.OrganisationHeader, organisation);
        }

        return await app.Client.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
