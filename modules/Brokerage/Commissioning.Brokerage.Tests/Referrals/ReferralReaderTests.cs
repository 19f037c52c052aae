using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Web;
using Commissioning.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Published = Commissioning.Messages.Brokerage;

namespace Commissioning.Brokerage.Tests.Referrals;

/// <summary>What the other parts rely on: the reader, the status-event helper, and what Reporting is told.</summary>
public sealed class ReferralReaderTests
{
    private ModuleTestHost _host = null!;

    [SetUp]
    public async Task Start() => _host = await ReferralExamples.StartAsync();

    [TearDown]
    public async Task Stop() => await _host.DisposeAsync();

    private async Task<ReferralRecord> SubmittedAsync()
    {
        var written = await _host.SendAsync(new SubmitReferral(Guid.CreateVersion7(), ReferralExamples.Complete(PartnershipCalendar.Today(_host.Clock))),
            ReferralExamples.Referrer());
        await using var scope = _host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ReferralReader>().GetAsync(written.Id, CancellationToken.None))!;
    }

    private ReferralReader Reader() => _host.Services.CreateScope().ServiceProvider.GetRequiredService<ReferralReader>();

    [Test]
    public async Task The_reader_gives_a_referral_with_its_borough_status_clock_details_and_version_and_null_for_an_unknown_id()
    {
        var record = await SubmittedAsync();
        var reader = Reader();

        Assert.Multiple(async () =>
        {
            Assert.That(record.BoroughCode, Is.EqualTo(ReferralExamples.Newham));
            Assert.That(record.Status, Is.EqualTo(ReferralStatus.Submitted));
            Assert.That(record.Reference, Does.StartWith("R-26-"));
            Assert.That(record.SubmittedAt, Is.EqualTo(_host.Clock.GetUtcNow()));
            Assert.That(record.DecisionDueAt, Is.Not.Null);
            Assert.That(record.Details.RiskMissing, Is.EqualTo("Risk Present"));
            Assert.That(record.Version, Is.EqualTo(1));
            Assert.That(await reader.GetAsync(Guid.NewGuid(), CancellationToken.None), Is.Null);
            Assert.That((await reader.InStatusAsync([ReferralStatus.Submitted], CancellationToken.None)).Select(r => r.Id), Is.EqualTo(new[] { record.Id }));
            Assert.That((await reader.GetManyAsync([record.Id, Guid.NewGuid()], CancellationToken.None)).Select(r => r.Id), Is.EqualTo(new[] { record.Id }));
        });
    }

    [Test]
    public async Task A_status_event_appended_with_the_helper_moves_the_referral_and_shares_it_with_the_provider()
    {
        var record = await SubmittedAsync();
        var offerId = Guid.NewGuid();
        await ReferralStatusEvents.AppendTo(_host.Store.OpenSession(EventMetadata.System()), record,
            new ReferralOfferMade(record.Id, offerId, "BED-1", "PRV-A", _host.Clock.GetUtcNow())).SaveChangesAsync();
        var stale = ReferralStatusEvents.AppendTo(_host.Store.OpenSession(EventMetadata.System()), record,
            new ReferralOfferMade(record.Id, Guid.NewGuid(), "BED-2", "PRV-B", _host.Clock.GetUtcNow()));

        var after = await Reader().GetAsync(record.Id, CancellationToken.None);
        var history = await _host.SendAsync(new GetReferralHistory(record.Id), ReferralExamples.Brokerage());
        var worklist = await _host.SendAsync(new GetWorklist(PageRequest.First), ReferralExamples.Brokerage());

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<StreamVersionConflictException>(() => stale.SaveChangesAsync(), "a second offer read at the old version loses");
            Assert.That(after!.Status, Is.EqualTo(ReferralStatus.Offered));
            Assert.That(after.OfferedTo, Is.EqualTo(new[] { "PRV-A" }));
            Assert.That(after.DecidedAt, Is.Not.Null);
            Assert.That(after.Version, Is.EqualTo(2));
            Assert.That(history.Lines[^1].What, Is.EqualTo("Bed BED-1 offered to PRV-A"));
            Assert.That(worklist.Page.Items.Single().NextAction, Does.StartWith("Wait for the provider"));
        });
    }

    [Test]
    public async Task Reporting_is_told_of_submission_decisions_escalation_and_closing_without_the_child_id()
    {
        var record = await SubmittedAsync();
        await _host.SendAsync(new ReturnReferral(record.Id, "Which school?"), ReferralExamples.Brokerage());
        var events = await _host.Store.ReadStreamAsync(ReferralStreams.For(record.Id));
        var published = events.SelectMany(ReferralsSetup.Publish).ToList();

        var submitted = published.OfType<Published.ReferralSubmitted>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(submitted.Reference, Is.EqualTo(record.Reference));
            Assert.That(submitted.BoroughCode, Is.EqualTo(ReferralExamples.Newham));
            Assert.That(submitted.NeedBand, Is.EqualTo("high"));
            Assert.That(submitted.DecisionDueAt, Is.EqualTo(record.DecisionDueAt));
            Assert.That(published.OfType<Published.ReferralDecisionMade>().Single().How, Is.EqualTo("returned"));
            Assert.That(System.Text.Json.JsonSerializer.Serialize<object>(published), Does.Not.Contain("NEW-000123"));
        });
    }
}
