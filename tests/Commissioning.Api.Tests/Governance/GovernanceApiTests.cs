using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;

namespace Commissioning.Api.Tests.Governance;

/// <summary>Governance through /api/v1/governance, with keys for the admin who keeps it and the roles who read it.</summary>
public sealed class GovernanceApiTests : RunningHost
{
    private const string Havering = "E09000016";
    private const string Newham = "E09000025";

    private HttpClient _admin = null!;
    private HttpClient _boardMember = null!;
    private HttpClient _provider = null!;

    [OneTimeSetUp]
    public async Task CreateKeys()
    {
        _admin = Keys.Client(await Keys.AdminKeyAsync());
        _boardMember = await Keys.ClientAsync(Newham, Roles.BoardMember);
        using var registered = await _admin.PostAsJsonAsync("/api/v1/organisations", new { code = "PRV-GOV", name = "Provider for governance tests", kind = "provider" });
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        _provider = await Keys.ClientAsync("PRV-GOV", Roles.Provider);
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        _admin.Dispose();
        _boardMember.Dispose();
        _provider.Dispose();
    }

    [Test]
    public async Task An_admin_runs_a_meeting_and_a_board_member_reads_its_decisions_and_actions_with_the_overdue_flag()
    {
        var (created, meeting) = await PostAsync(_admin, "/api/v1/governance/meetings", new { meetingDate = "2026-03-04", title = "March board", location = "Romford" });
        var meetingId = meeting.GetProperty("meetingId").GetString();
        var (decided, decision) = await PostAsync(_admin, $"/api/v1/governance/meetings/{meetingId}/decisions", new { text = "Approve the training plan." });
        var (raisedLate, late) = await PostAsync(_admin, $"/api/v1/governance/meetings/{meetingId}/actions", new { description = "Publish the minutes", ownerName = "Jo Smith", dueOn = "2020-01-31" });
        var (raisedLater, _) = await PostAsync(_admin, $"/api/v1/governance/meetings/{meetingId}/actions", new { description = "Review the plan", ownerName = "Ade Bello", dueOn = "2099-01-31" });
        var (changed, progressed) = await PostAsync(_admin, $"/api/v1/governance/meetings/{meetingId}/actions/2/status", new { status = "in-progress", note = "Drafting" });

        var (read, seen) = await GetAsync(_boardMember, $"/api/v1/governance/meetings/{meetingId}");

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(created.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/governance/meetings/{meetingId}"));
            Assert.That(decided.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(decided.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/governance/meetings/{meetingId}/decisions/1"));
            Assert.That(decision.GetProperty("number").GetInt32(), Is.EqualTo(1));
            Assert.That(raisedLate.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(late.GetProperty("status").GetString(), Is.EqualTo("open"));
            Assert.That(raisedLater.Headers.Location!.ToString(), Does.EndWith("/actions/2"));
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(progressed.GetProperty("status").GetString(), Is.EqualTo("in-progress"));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(seen.GetProperty("decisions")[0].GetProperty("text").GetString(), Is.EqualTo("Approve the training plan."));
            Assert.That(seen.GetProperty("actions").EnumerateArray().Select(a => (a.GetProperty("number").GetInt32(), a.GetProperty("isOverdue").GetBoolean())),
                Is.EqualTo(new[] { (1, true), (2, false) }));
        });
    }

    [Test]
    public async Task Open_actions_are_a_paged_list_and_overdue_true_keeps_only_those_past_their_due_date()
    {
        var (_, meeting) = await PostAsync(_admin, "/api/v1/governance/meetings", new { meetingDate = "2026-02-04", title = "February board" });
        var meetingId = meeting.GetProperty("meetingId").GetString();
        await PostAsync(_admin, $"/api/v1/governance/meetings/{meetingId}/actions", new { description = "Late one", ownerName = "Jo", dueOn = "2021-05-01" });
        await PostAsync(_admin, $"/api/v1/governance/meetings/{meetingId}/actions", new { description = "Future one", ownerName = "Jo", dueOn = "2098-05-01" });

        var (_, overdue) = await GetAsync(_boardMember, "/api/v1/governance/actions?overdue=true&pageSize=200");
        var (_, firstPage) = await GetAsync(_boardMember, "/api/v1/governance/actions?page=1&pageSize=1");

        var mine = overdue.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("meetingId").GetString() == meetingId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(mine.Select(a => a.GetProperty("description").GetString()), Is.EqualTo(new[] { "Late one" }));
            Assert.That(firstPage.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
            Assert.That(firstPage.GetProperty("page").GetInt32(), Is.EqualTo(1));
            Assert.That(firstPage.GetProperty("pageSize").GetInt32(), Is.EqualTo(1));
            Assert.That(firstPage.GetProperty("total").GetInt64(), Is.GreaterThanOrEqualTo(2));
        });
    }

    [Test]
    public async Task Invalid_input_is_a_400_naming_each_field_in_camelCase_and_nothing_is_stored()
    {
        var (response, problem) = await PostAsync(_admin, "/api/v1/governance/board-members", new { name = "", roleOnBoard = "Member", isYoungPeoplesRepresentative = true });
        var (_, board) = await GetAsync(_admin, "/api/v1/governance/board-members?pageSize=200");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("errors").GetProperty("name")[0].GetString(), Is.EqualTo("Enter the member's name"));
            Assert.That(problem.GetProperty("errors").GetProperty("appointedOn")[0].GetString(), Is.EqualTo("Enter the date the member was appointed"));
            Assert.That(board.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("roleOnBoard").GetString()), Does.Not.Contain("Member"));
        });
    }

    [Test]
    public async Task An_unknown_kind_code_is_a_400_on_the_kind_field()
    {
        var (activity, activityProblem) = await PostAsync(_admin, "/api/v1/governance/participation",
            new { tookPlaceOn = "2026-01-10", kind = "picnic", youngPeopleCount = 4, summary = "A day out." });

        Assert.Multiple(() =>
        {
            Assert.That(activity.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(activityProblem.GetProperty("errors").GetProperty("kind")[0].GetString(), Is.EqualTo("Select the kind of activity"));
        });
    }

    [Test]
    public async Task A_board_member_may_read_but_not_write_and_a_provider_may_not_read_governance()
    {
        using var write = await _boardMember.PostAsJsonAsync("/api/v1/governance/meetings", new { meetingDate = "2026-09-01", title = "September board" });
        using var read = await _boardMember.GetAsync(new Uri("/api/v1/governance/meetings", UriKind.Relative));
        using var providerRead = await _provider.GetAsync(new Uri("/api/v1/governance/you-said-we-did", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(providerRead.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task Unknown_meetings_members_activities_and_actions_are_404()
    {
        var (_, meeting) = await PostAsync(_admin, "/api/v1/governance/meetings", new { meetingDate = "2026-01-14", title = "January board" });

        foreach (var path in new[]
        {
            $"/api/v1/governance/meetings/{Guid.NewGuid()}",
            $"/api/v1/governance/board-members/{Guid.NewGuid()}",
            $"/api/v1/governance/participation/{Guid.NewGuid()}",
            $"/api/v1/governance/meetings/{meeting.GetProperty("meetingId").GetString()}/actions/5",
        })
        {
            using var response = await _admin.GetAsync(new Uri(path, UriKind.Relative));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
        }
    }

    [Test]
    public async Task A_change_sent_with_a_stale_If_Match_is_a_409_and_with_the_current_ETag_it_is_made()
    {
        var (_, meeting) = await PostAsync(_admin, "/api/v1/governance/meetings", new { meetingDate = "2026-03-18", title = "Extraordinary board" });
        var meetingId = meeting.GetProperty("meetingId").GetString();
        await PostAsync(_admin, $"/api/v1/governance/meetings/{meetingId}/actions", new { description = "Write to providers", ownerName = "Jo", dueOn = "2026-05-01" });
        using var read = await _admin.GetAsync(new Uri($"/api/v1/governance/meetings/{meetingId}", UriKind.Relative));
        var etag = read.Headers.ETag!;
        await PostAsync(_admin, $"/api/v1/governance/meetings/{meetingId}/decisions", new { text = "Someone else's change." });

        using var stale = await PostWithIfMatchAsync($"/api/v1/governance/meetings/{meetingId}/actions/1/status", new { status = "done" }, etag);
        using var reread = await _admin.GetAsync(new Uri($"/api/v1/governance/meetings/{meetingId}", UriKind.Relative));
        using var current = await PostWithIfMatchAsync($"/api/v1/governance/meetings/{meetingId}/actions/1/status", new { status = "done" }, reread.Headers.ETag!);

        Assert.Multiple(() =>
        {
            Assert.That(etag.Tag, Is.EqualTo("\"2\""));
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(current.Headers.ETag!.Tag, Is.EqualTo("\"4\""));
        });
    }

    [Test]
    public async Task You_said_we_did_through_the_api_counts_what_awaits_a_response()
    {
        var (recorded, activity) = await PostAsync(_admin, "/api/v1/governance/participation",
            new { tookPlaceOn = "2025-11-20", kind = "home-visit", youngPeopleCount = 3, summary = "Visited a home before it opened." });
        var activityId = activity.GetProperty("activityId").GetString();
        var (added, item) = await PostAsync(_admin, $"/api/v1/governance/participation/{activityId}/feedback", new { youSaid = "More storage in the bedrooms." });
        await PostAsync(_admin, $"/api/v1/governance/participation/{activityId}/feedback", new { youSaid = "Wifi everywhere." });
        var (responded, answer) = await PostAsync(_admin, $"/api/v1/governance/participation/{activityId}/feedback/2/response",
            new { weDid = "The provider installed wifi in every room.", respondedOn = "2025-12-01" });
        var (again, _) = await PostAsync(_admin, $"/api/v1/governance/participation/{activityId}/feedback/2/response",
            new { weDid = "Again.", respondedOn = "2025-12-02" });

        var (_, summary) = await GetAsync(_boardMember, "/api/v1/governance/you-said-we-did?from=2025-11-20&to=2025-11-20");

        Assert.Multiple(() =>
        {
            Assert.That(recorded.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(activity.GetProperty("kind").GetString(), Is.EqualTo("home-visit"));
            Assert.That(added.Headers.Location!.ToString(), Does.EndWith("/feedback/1"));
            Assert.That(item.GetProperty("awaitingResponse").GetBoolean(), Is.True);
            Assert.That(responded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answer.GetProperty("weDid").GetString(), Is.EqualTo("The provider installed wifi in every room."));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(summary.GetProperty("feedbackItems").GetInt32(), Is.EqualTo(2));
            Assert.That(summary.GetProperty("awaitingResponse").GetInt32(), Is.EqualTo(1));
            Assert.That(summary.GetProperty("items")[0].GetProperty("youSaid").GetString(), Is.EqualTo("More storage in the bedrooms."));
        });
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        return (response, await BodyAsync(response));
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        return (response, await BodyAsync(response));
    }

    private async Task<HttpResponseMessage> PostWithIfMatchAsync(string path, object body, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(etag);
        return await _admin.SendAsync(request);
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
