using System.Net;
using System.Text.RegularExpressions;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Governance;

/// <summary>Governance pages as people use them: forms posted with their anti-forgery token, no JavaScript.</summary>
public sealed partial class GovernancePagesTests : RunningHost
{
    private const string Havering = "E09000016";
    private const string Newham = "E09000025";

    private WebSession _admin = null!;
    private WebSession _boardMember = null!;

    [OneTimeSetUp]
    public async Task SignIn()
    {
        (_admin, _, _, _) = await Keys.SignedInPersonAsync(Havering, Roles.PartnershipAdmin);
        (_boardMember, _, _, _) = await Keys.SignedInPersonAsync(Newham, Roles.BoardMember);
    }

    [OneTimeTearDown]
    public void SignOut()
    {
        _admin.Dispose();
        _boardMember.Dispose();
    }

    [Test]
    public async Task An_admin_schedules_a_meeting_raises_an_action_and_marks_it_done_through_the_forms()
    {
        var (_, scheduled) = await _admin.PostFormAsync("/governance/meetings/schedule", Fields(
            ("meetingDate-day", "6"), ("meetingDate-month", "5"), ("meetingDate-year", "2026"), ("title", "May board, pages"), ("location", "Romford")));
        var meetingPath = _admin.LastAddress!.AbsolutePath;
        await _admin.PostFormAsync($"{meetingPath}/decisions/record", Fields(("text", "Approve the referral form.")));
        await _admin.PostFormAsync($"{meetingPath}/actions/raise", Fields(
            ("description", "Send the form to boroughs"), ("ownerName", "Jo Smith"), ("dueOn-day", "20"), ("dueOn-month", "5"), ("dueOn-year", "2026")));
        var (_, afterUpdate) = await _admin.PostFormAsync($"{meetingPath}/actions/1/status", Fields(("status", "done"), ("note", "Sent to all eight")));

        Assert.Multiple(() =>
        {
            Assert.That(meetingPath, Does.Match("^/governance/meetings/[0-9a-f-]{36}$"));
            Assert.That(scheduled, Does.Contain("May board, pages"));
            Assert.That(_admin.LastAddress!.AbsolutePath, Is.EqualTo(meetingPath));
            Assert.That(afterUpdate, Does.Contain("Approve the referral form."));
            Assert.That(afterUpdate, Does.Contain("Send the form to boroughs"));
            Assert.That(afterUpdate, Does.Contain("govuk-tag--green\">Done"));
            Assert.That(afterUpdate, Does.Contain("Latest note: Sent to all eight"));
        });
    }

    [Test]
    public async Task A_form_with_missing_and_impossible_answers_shows_an_error_summary_naming_each_field_in_page_order_and_stores_nothing()
    {
        var (response, page) = await _admin.PostFormAsync("/governance/board/appoint", Fields(
            ("name", ""), ("roleOnBoard", "Member, pages test"), ("appointedOn-day", "31"), ("appointedOn-month", "2"), ("appointedOn-year", "2026")));
        var (_, board) = await _admin.GetAsync("/governance/board");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page, Does.Contain("<title>Error: Appoint a board member"));
            Assert.That(WebSession.ErrorSummaryText(page), Does.Contain("Enter the member's name"));
            Assert.That(WebSession.ErrorSummaryText(page), Does.Contain("The date the member was appointed must be a real date"));
            Assert.That(WebSession.ErrorSummaryText(page).IndexOf("Enter the member", StringComparison.Ordinal),
                Is.LessThan(WebSession.ErrorSummaryText(page).IndexOf("The date the member", StringComparison.Ordinal)), "listed in page order");
            Assert.That(page, Does.Contain("href=\"#name\"").And.Contain("href=\"#appointedOn\""));
            Assert.That(page, Does.Contain("id=\"appointedOn\" name=\"appointedOn-day\""), "the summary's link lands on the day field");
            Assert.That(board, Does.Not.Contain("Member, pages test"));
        });
    }

    [Test]
    public async Task The_participation_form_says_not_to_identify_a_child_and_you_said_we_did_shows_what_awaits_a_response()
    {
        var (_, form) = await _admin.GetAsync("/governance/participation/record");
        await _admin.PostFormAsync("/governance/participation/record", Fields(
            ("tookPlaceOn-day", "2"), ("tookPlaceOn-month", "3"), ("tookPlaceOn-year", "2026"), ("kind", "provider-assessment"),
            ("youngPeopleCount", "4"), ("summary", "Young assessors scored tenders, pages test.")));
        var activityPath = _admin.LastAddress!.AbsolutePath;
        await _admin.PostFormAsync($"{activityPath}/feedback/add", Fields(("youSaid", "Ask providers how they handle complaints, pages test.")));
        var (_, summary) = await _boardMember.GetAsync("/governance/you-said-we-did");
        var (_, activity) = await _boardMember.GetAsync(activityPath);

        Assert.Multiple(() =>
        {
            Assert.That(form, Does.Contain("Do not include young people&#x27;s names or anything else that could identify a child."));
            Assert.That(activityPath, Does.Match("^/governance/participation/[0-9a-f-]{36}$"));
            Assert.That(summary, Does.Contain("Ask providers how they handle complaints, pages test."));
            Assert.That(activity, Does.Contain("Awaiting response"));
            Assert.That(activity, Does.Not.Contain("Add a response"), "a board member reads; only the admin responds");
        });
    }

    [Test]
    public async Task A_response_dated_before_the_activity_is_refused_with_the_activity_date()
    {
        await _admin.PostFormAsync("/governance/participation/record", Fields(
            ("tookPlaceOn-day", "12"), ("tookPlaceOn-month", "3"), ("tookPlaceOn-year", "2026"), ("kind", "consultation"),
            ("youngPeopleCount", "6"), ("summary", "Consultation on the placement agreement.")));
        var activityPath = _admin.LastAddress!.AbsolutePath;
        await _admin.PostFormAsync($"{activityPath}/feedback/add", Fields(("youSaid", "Use plain words.")));

        var (_, page) = await _admin.PostFormAsync($"{activityPath}/feedback/1/respond", Fields(
            ("weDid", "Rewrote it with young people."), ("respondedOn-day", "11"), ("respondedOn-month", "3"), ("respondedOn-year", "2026")),
            pageToReadTokenFrom: $"{activityPath}/feedback/1/respond");

        Assert.That(WebSession.ErrorSummaryText(page), Does.Contain("The date of the response must be on or after the date of the activity, 12 March 2026"));
    }

    [Test]
    public async Task A_board_member_sees_governance_without_the_admins_buttons_and_is_refused_its_forms()
    {
        var (_, meetings) = await _boardMember.GetAsync("/governance/meetings");
        using var form = await _boardMember.GetRawAsync("/governance/meetings/schedule");
        var (_, home) = await _boardMember.GetAsync("/");

        Assert.Multiple(() =>
        {
            Assert.That(meetings, Does.Contain("<h1 class=\"govuk-heading-l\">Board meetings</h1>"));
            Assert.That(meetings, Does.Not.Contain("Schedule a meeting"));
            Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(home, Does.Contain("href=\"/governance\""));
        });
    }

    [Test]
    public async Task An_unknown_meeting_is_page_not_found()
    {
        using var response = await _admin.GetRawAsync($"/governance/meetings/{Guid.NewGuid()}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_status_form_submitted_after_someone_else_changed_the_meeting_says_so_and_changes_nothing()
    {
        await _admin.PostFormAsync("/governance/meetings/schedule", Fields(
            ("meetingDate-day", "3"), ("meetingDate-month", "6"), ("meetingDate-year", "2026"), ("title", "June board, stale test")));
        var meetingPath = _admin.LastAddress!.AbsolutePath;
        await _admin.PostFormAsync($"{meetingPath}/actions/raise", Fields(
            ("description", "Book the venue"), ("ownerName", "Ade"), ("dueOn-day", "1"), ("dueOn-month", "6"), ("dueOn-year", "2026")));
        var (_, openForm) = await _admin.GetAsync($"{meetingPath}/actions/1/status");
        await _admin.PostFormAsync($"{meetingPath}/decisions/record", Fields(("text", "Meanwhile, a decision.")));

        var (_, page) = await _admin.PostFormWithTokenAsync($"{meetingPath}/actions/1/status",
            Fields(("status", "done"), ("version", Version().Match(openForm).Groups[1].Value)), WebSession.AntiforgeryToken(openForm));
        var (_, meeting) = await _admin.GetAsync(meetingPath);

        Assert.Multiple(() =>
        {
            Assert.That(WebSession.ErrorSummaryText(page), Does.Contain("Someone else changed this record after you opened this page"));
            Assert.That(meeting, Does.Not.Contain("govuk-tag--green\">Done"));
        });
    }

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);

    [GeneratedRegex("name=\"version\" value=\"([0-9]+)\"")]
    private static partial Regex Version();
}
