using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Notifications;
using Commissioning.BuildingBlocks.Web;
using Commissioning.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Tests.Referrals;

public sealed class ReferralIntakeTests
{
    private ModuleTestHost _host = null!;
    private RecordingAuditLog _audit = null!;

    private DateOnly Today => PartnershipCalendar.Today(_host.Clock);

    [SetUp]
    public async Task Start()
    {
        _audit = new RecordingAuditLog();
        _host = await ReferralExamples.StartAsync(_audit);
    }

    [TearDown]
    public async Task Stop() => await _host.DisposeAsync();

    private async Task<Guid> SubmitAsync(ReferralDetails? details = null, string borough = ReferralExamples.Newham) =>
        (await _host.SendAsync(new SubmitReferral(Guid.CreateVersion7(), details ?? ReferralExamples.Complete(Today)), ReferralExamples.Referrer(borough))).Id;

    private async Task<long> CountEventsAsync() => await _host.Store.CountAsync();

    [Test]
    public async Task A_borough_submits_a_referral_that_gets_a_pseudonymous_reference_and_a_clock()
    {
        var id = await SubmitAsync();

        var view = await _host.SendAsync(new GetReferral(id), ReferralExamples.Referrer());
        var record = await _host.Services.CreateScope().ServiceProvider.GetRequiredService<ReferralReader>().GetAsync(id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(view.Status, Is.EqualTo("submitted"));
            Assert.That(view.Reference, Does.Match("^R-26-[2-9A-HJ-NP-Z]{6}$"));
            Assert.That(view.Reference, Does.Not.Contain("123"));
            Assert.That(view.BoroughCode, Is.EqualTo(ReferralExamples.Newham));
            Assert.That(view.DecisionDueAt, Is.EqualTo(DecisionClock.DueAt(_host.Clock.GetUtcNow(), "in more than 5 days")));
            Assert.That(record!.Details.HomePostcodeDistrict, Is.EqualTo("E13"));
            Assert.That(record.Version, Is.EqualTo(1));
            Assert.That(_audit.Entries.Select(e => (e.Action, e.RecordId)), Does.Contain((AuditActions.Change, id.ToString())).And.Contain((AuditActions.Read, id.ToString())));
        });
    }

    [Test]
    public async Task An_invalid_referral_names_every_wrong_field_and_stores_nothing()
    {
        var before = await CountEventsAsync();
        var error = Assert.ThrowsAsync<RequestValidationException>(() =>
            SubmitAsync(ReferralExamples.Complete(Today) with { Pets = "maybe", NeedBand = null, HomePostcodeDistrict = "Romford" }));

        Assert.Multiple(async () =>
        {
            Assert.That(error!.Errors.Keys, Is.EquivalentTo(new[] { "pets", "needBand", "homePostcodeDistrict" }));
            Assert.That(await CountEventsAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Another_borough_cannot_see_or_change_the_referral()
    {
        var id = await SubmitAsync();
        var hackney = ReferralExamples.Referrer(ReferralExamples.Hackney, "hackney-referrer");

        Assert.Multiple(async () =>
        {
            Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new GetReferral(id), hackney));
            Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new GetReferralHistory(id), hackney));
            Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new CloseReferral(id, "withdrawn", null), hackney));
            var list = await _host.SendAsync(new ListReferrals(PageRequest.First), hackney);
            Assert.That(list.Page.Items, Is.Empty);
            Assert.That(await _host.SendAsync(new GetReferral(id), ReferralExamples.Brokerage()), Is.Not.Null);
            Assert.That((await _host.Store.ReadStreamAsync(ReferralStreams.For(id))).Count, Is.EqualTo(1), "the refused close stored nothing");
        });
    }

    [Test]
    public async Task A_draft_is_saved_page_by_page_checked_for_completeness_and_then_submitted()
    {
        var referrer = ReferralExamples.Referrer();
        var draft = await _host.SendAsync(new SaveReferralDraft(null, new ReferralDetails { ChildId = "NEW-9" }), referrer);
        var incomplete = await _host.SendAsync(new GetReferralCompleteness(draft.Id), referrer);
        Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(new SubmitReferral(draft.Id), referrer));

        await _host.SendAsync(new SaveReferralDraft(draft.Id, ReferralExamples.Complete(Today)), referrer);
        var complete = await _host.SendAsync(new GetReferralCompleteness(draft.Id), referrer);
        await _host.SendAsync(new SubmitReferral(draft.Id), referrer);
        var view = await _host.SendAsync(new GetReferral(draft.Id), referrer);

        Assert.Multiple(() =>
        {
            Assert.That(incomplete.Complete, Is.False);
            Assert.That(incomplete.Missing.Select(m => m.Field), Does.Contain("dateOfBirth").And.Not.Contain("childId"));
            Assert.That(complete.Complete, Is.True);
            Assert.That(view.Status, Is.EqualTo("submitted"));
            Assert.That(view.Reference, Is.Not.Null);
        });
    }

    [Test]
    public async Task Brokerage_returns_a_referral_the_borough_answers_and_resubmits_with_changes()
    {
        var id = await SubmitAsync();
        await _host.SendAsync(new AssignReferral(id, null, "Bea Broker"), ReferralExamples.Brokerage());
        await _host.SendAsync(new ReturnReferral(id, "Is the school place confirmed?"), ReferralExamples.Brokerage());
        var returned = await _host.SendAsync(new GetReferral(id), ReferralExamples.Referrer());
        _host.Clock.Advance(TimeSpan.FromHours(3));
        await _host.SendAsync(new ResubmitReferral(id, "Yes, confirmed.", new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["needBand"] = "specialist" }),
            ReferralExamples.Referrer());
        var resubmitted = await _host.SendAsync(new GetReferral(id), ReferralExamples.Referrer());
        var history = await _host.SendAsync(new GetReferralHistory(id), ReferralExamples.Referrer());

        Assert.Multiple(() =>
        {
            Assert.That(returned.Status, Is.EqualTo("returned"));
            Assert.That(returned.ReturnedQuestion, Is.EqualTo("Is the school place confirmed?"));
            Assert.That(returned.DecidedHow, Is.EqualTo("returned"));
            Assert.That(resubmitted.Status, Is.EqualTo("submitted"));
            Assert.That(resubmitted.Details.NeedBand, Is.EqualTo("specialist"));
            Assert.That(resubmitted.Details.HomePostcodeDistrict, Is.EqualTo("E13"), "unchanged fields stay");
            Assert.That(resubmitted.DecidedAt, Is.Null);
            Assert.That(resubmitted.AssigneeName, Is.EqualTo("Bea Broker"));
            Assert.That(history.Lines.Select(l => l.Status), Is.EqualTo(new[] { "submitted", "submitted", "returned", "submitted" }));
            Assert.That(history.Lines[2].What, Does.Contain("Is the school place confirmed?"));
        });
    }

    [Test]
    public async Task The_borough_is_told_when_a_referral_is_returned_and_brokerage_when_one_arrives()
    {
        var broker = _host.People.Add("broker-1", ReferralExamples.Havering, Roles.Brokerage);
        var referrer = _host.People.Add("referrer-1", ReferralExamples.Newham, Roles.BoroughReferrer);
        var id = await SubmitAsync();
        await _host.SendAsync(new ReturnReferral(id, "Which school?"), ReferralExamples.Brokerage());
        await _host.CatchUpAsync();

        var brokerInbox = await _host.Inbox.ListAsync(InboxOwner.Person(broker.PersonId));
        var referrerInbox = await _host.Inbox.ListAsync(InboxOwner.Person(referrer.PersonId));
        Assert.Multiple(() =>
        {
            Assert.That(brokerInbox.Items.Select(i => i.Category), Is.EqualTo(new[] { "referral-submitted" }));
            Assert.That(referrerInbox.Items.Select(i => i.Category), Is.EqualTo(new[] { "referral-returned" }));
            Assert.That(referrerInbox.Items[0].Link, Is.EqualTo($"/referrals/{id}"));
        });
    }

    [Test]
    public async Task The_worklist_shows_open_referrals_most_urgent_first_with_their_clocks()
    {
        var planned = await SubmitAsync();
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        var emergency = await SubmitAsync(ReferralExamples.Complete(Today) with { NeededBy = "Today" }, ReferralExamples.Hackney);
        var draft = await _host.SendAsync(new SaveReferralDraft(null, new ReferralDetails()), ReferralExamples.Referrer());

        var worklist = await _host.SendAsync(new GetWorklist(PageRequest.First), ReferralExamples.Brokerage());
        var hackneyOnly = await _host.SendAsync(new GetWorklist(PageRequest.First, BoroughCode: ReferralExamples.Hackney), ReferralExamples.Brokerage());

        Assert.Multiple(() =>
        {
            Assert.That(worklist.Page.Items.Select(i => i.Id), Is.EqualTo(new[] { emergency, planned }));
            Assert.That(worklist.Page.Items.Select(i => i.Id), Does.Not.Contain(draft.Id));
            Assert.That(worklist.Page.Items[0].Emergency, Is.True);
            Assert.That(worklist.Page.Items[0].Clock, Is.EqualTo("1 day left"));
            Assert.That(worklist.Page.Items[0].NextAction, Does.StartWith("Assign it"));
            Assert.That(hackneyOnly.Page.Items.Select(i => i.Id), Is.EqualTo(new[] { emergency }));
        });
    }

    [Test]
    public async Task The_escalation_job_marks_an_overdue_referral_once_and_tells_brokerage_once()
    {
        var broker = _host.People.Add("broker-1", ReferralExamples.Havering, Roles.Brokerage);
        var emergency = await SubmitAsync(ReferralExamples.Complete(Today) with { NeededBy = "Today" });
        var planned = await SubmitAsync();

        Assert.That(await _host.SendAsync(new EscalateOverdueReferrals()), Is.Zero);
        _host.Clock.Advance(TimeSpan.FromHours(25));
        var first = await _host.SendAsync(new EscalateOverdueReferrals());
        var second = await _host.SendAsync(new EscalateOverdueReferrals());
        await _host.CatchUpAsync();
        await _host.CatchUpAsync();

        var worklist = await _host.SendAsync(new GetWorklist(PageRequest.First), ReferralExamples.Brokerage());
        var inbox = await _host.Inbox.ListAsync(InboxOwner.Person(broker.PersonId));
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(1));
            Assert.That(second, Is.Zero);
            var item = worklist.Page.Items.Single(i => i.Id == emergency);
            Assert.That(item.EscalatedAt, Is.Not.Null);
            Assert.That(item.Overdue, Is.True);
            Assert.That(item.Clock, Is.EqualTo("1 hour overdue"));
            Assert.That(worklist.Page.Items.Single(i => i.Id == planned).EscalatedAt, Is.Null);
            Assert.That(inbox.Items.Count(i => i.Category == "referral-overdue"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Closing_without_a_reason_is_refused_naming_the_reason()
    {
        var id = await SubmitAsync();
        var error = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(new CloseReferral(id, null, null), ReferralExamples.Referrer()));
        Assert.That(error!.Errors.Keys, Is.EquivalentTo(new[] { "reason" }));
    }

    [Test]
    public async Task A_borough_lists_its_own_drafts_but_brokerage_lists_only_referrals_that_were_submitted()
    {
        var draft = await _host.SendAsync(new SaveReferralDraft(null, new ReferralDetails { ChildId = "NEW-DRAFT" }), ReferralExamples.Referrer());
        var submitted = await SubmitAsync();

        var borough = await _host.SendAsync(new ListReferrals(PageRequest.First), ReferralExamples.Referrer());
        var brokerage = await _host.SendAsync(new ListReferrals(PageRequest.First), ReferralExamples.Brokerage());

        Assert.Multiple(() =>
        {
            Assert.That(borough.Page.Items.Select(r => r.Id), Is.EquivalentTo(new[] { draft.Id, submitted }));
            Assert.That(brokerage.Page.Items.Select(r => r.Id), Is.EqualTo(new[] { submitted }));
            Assert.That(brokerage.Page.Total, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_returned_referral_can_be_amended_before_it_is_answered_and_a_submitted_one_cannot()
    {
        var id = await SubmitAsync();
        var referrer = ReferralExamples.Referrer();
        var current = (await _host.SendAsync(new GetReferral(id), referrer)).Details;
        Assert.ThrowsAsync<ConflictException>(() => _host.SendAsync(new SaveReferralDraft(id, current with { Pets = "No" }), referrer));

        await _host.SendAsync(new ReturnReferral(id, "Can the child live with a dog?"), ReferralExamples.Brokerage());
        await _host.SendAsync(new SaveReferralDraft(id, current with { Pets = "No" }), referrer);
        await _host.SendAsync(new SaveReferralDraft(id, current with { Pets = "No", HomePostcodeDistrict = "E6" }), referrer);
        var unchanged = await _host.SendAsync(new SaveReferralDraft(id, current with { Pets = "No", HomePostcodeDistrict = "E6" }), referrer);
        var amended = await _host.SendAsync(new GetReferral(id), referrer);
        await _host.SendAsync(new ResubmitReferral(id, "No: changed to No.", new Dictionary<string, System.Text.Json.Nodes.JsonNode?>()), referrer);
        var resubmitted = await _host.SendAsync(new GetReferral(id), referrer);
        var history = await _host.SendAsync(new GetReferralHistory(id), referrer);

        Assert.Multiple(() =>
        {
            Assert.That(amended.Status, Is.EqualTo("returned"));
            Assert.That(amended.Details.Pets, Is.EqualTo("No"));
            Assert.That(unchanged.Version, Is.EqualTo(amended.Version), "saving the same answers again stores nothing");
            Assert.That(resubmitted.Details.HomePostcodeDistrict, Is.EqualTo("E6"));
            Assert.That(resubmitted.Status, Is.EqualTo("submitted"));
            Assert.That(history.Lines.Select(l => l.What).Count(w => w == "Details changed by the borough"), Is.EqualTo(1));
        });
    }
}
