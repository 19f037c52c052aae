using Commissioning.Brokerage.Referrals;
using Commissioning.Brokerage.SpotPurchases;
using Commissioning.Brokerage.SpotPurchases.OutsideBrokerage;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.TestKit;
using static Commissioning.Brokerage.Tests.SpotPurchases.Given;
using Published = Commissioning.Messages.Brokerage;

namespace Commissioning.Brokerage.Tests.SpotPurchases;

public sealed class OutsidePlacementTests
{
    private ModuleTestHost _host = null!;
    private RecordingAuditLog _audit = null!;

    [OneTimeSetUp]
    public async Task Start() => (_host, _audit) = await HostAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    private static RecordOutsidePlacement Placement(string child = "NH-1001", Guid? referralId = null, string reason = "emergency-out-of-hours") =>
        new(child, referralId, reason, null, "Willow Care Ltd", "Residential", "e13", new DateOnly(2026, 3, 2), 5250.50m, "high");

    private Task<Guid> ReferralOfAsync(string borough) => Referrals.SubmittedAsync(_host, borough);

    [Test]
    public async Task A_borough_records_a_placement_made_outside_brokerage_and_sees_it_with_every_field()
    {
        var recorded = await _host.SendAsync(Placement("NH-2001"), Referrer(Newham));

        var placement = await _host.SendAsync(new GetOutsidePlacement(recorded.Id), Manager(Newham));

        Assert.Multiple(() =>
        {
            Assert.That(placement.BoroughCode, Is.EqualTo(Newham));
            Assert.That(placement.ChildReference, Is.EqualTo("NH-2001"));
            Assert.That(placement.ReasonCode, Is.EqualTo("emergency-out-of-hours"));
            Assert.That(placement.PlacementType, Is.EqualTo("Residential"));
            Assert.That(placement.PostcodeDistrict, Is.EqualTo("E13"));
            Assert.That(placement.WeeklyCost, Is.EqualTo(5250.50m));
            Assert.That(placement.NeedBand, Is.EqualTo("high"));
            Assert.That(placement.Status, Is.EqualTo("open"));
            Assert.That(_audit.Entries, Has.Some.Matches<AuditEntry>(e => e.RecordId == recorded.Id.ToString() && e.Action == AuditActions.Read && e.Organisation == Newham));
            Assert.That(_audit.Entries, Has.Some.Matches<AuditEntry>(e => e.RecordId == recorded.Id.ToString() && e.Action == AuditActions.Change));
        });
    }

    [Test]
    public async Task Another_borough_neither_finds_nor_lists_it_and_brokerage_sees_every_boroughs()
    {
        var recorded = await _host.SendAsync(Placement("NH-3001"), Referrer(Newham));

        var otherList = await _host.SendAsync(new ListOutsidePlacements(new PageRequest()), Referrer(Hackney));
        var brokerageList = await _host.SendAsync(new ListOutsidePlacements(new PageRequest(1, 200)), Broker);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new GetOutsidePlacement(recorded.Id), Referrer(Hackney)));
            Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new EndOutsidePlacement(recorded.Id, new DateOnly(2026, 5, 1), "E8", null, true), Referrer(Hackney)));
            Assert.ThrowsAsync<ForbiddenException>(() => _host.SendAsync(new ListOutsidePlacements(new PageRequest()), BoardMember));
            Assert.That(otherList.Items.Select(p => p.Id), Does.Not.Contain(recorded.Id));
            Assert.That(brokerageList.Items.Select(p => p.Id), Does.Contain(recorded.Id));
        });
    }

    [Test]
    public async Task Answering_the_boroughs_referral_closes_it_as_placed_outside_brokerage_in_the_same_transaction()
    {
        var referralId = await ReferralOfAsync(Newham);

        var recorded = await _host.SendAsync(Placement("NH-4001", referralId, "court-direction"), Referrer(Newham));

        var referral = await _host.Store.ReadStreamAsync(ReferralStreams.For(referralId));
        var placement = await _host.Store.ReadStreamAsync(OutsidePlacementStreams.For(recorded.Id));
        var view = await _host.SendAsync(new GetOutsidePlacement(recorded.Id), Referrer(Newham));
        Assert.Multiple(() =>
        {
            Assert.That(referral[^1].Data, Is.TypeOf<ReferralClosed>());
            Assert.That(((ReferralClosed)referral[^1].Data).Reason, Is.EqualTo("placed-outside-brokerage"));
            Assert.That(placement.Single().Data, Is.TypeOf<OutsidePlacementRecorded>());
            Assert.That(placement.Single().Scope, Is.EqualTo(Newham));
            Assert.That(placement.Single().Metadata.UserId, Is.EqualTo($"referrer-{Newham}"));
            Assert.That(view.ReferralId, Is.EqualTo(referralId));
            Assert.ThrowsAsync<ConflictException>(() => _host.SendAsync(Placement("NH-4002", referralId), Referrer(Newham)));
        });
    }

    [Test]
    public async Task Another_boroughs_referral_is_refused_as_if_there_were_none_and_nothing_is_stored()
    {
        var referralId = await ReferralOfAsync(Hackney);
        var before = await _host.Store.CountAsync();

        var refused = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(Placement("NH-5001", referralId), Referrer(Newham)));

        Assert.Multiple(async () =>
        {
            Assert.That(refused!.Errors.Keys, Is.EqualTo(new[] { "referralId" }));
            Assert.That(await _host.Store.CountAsync(), Is.EqualTo(before));
            Assert.That((await _host.Store.ReadStreamAsync(ReferralStreams.For(referralId))).Select(e => e.Data), Has.None.TypeOf<ReferralClosed>());
        });
    }

    [Test]
    public void Wrong_input_names_every_field_in_plain_english()
    {
        var refused = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(
            new RecordOutsidePlacement("", null, "other", null, "", "Residential care", "Rm 7", null, -1m, "huge"), Referrer(Newham)));

        Assert.That(refused!.Errors.Keys, Is.EquivalentTo(new[]
            { "childReference", "reasonNote", "providerName", "placementType", "postcodeDistrict", "startDate", "weeklyCost", "needBand" }));
    }

    [Test]
    public void A_placement_that_has_not_started_yet_is_not_recorded()
    {
        var refused = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(Placement() with { StartDate = new DateOnly(2026, 4, 2) }, Referrer(Newham)));

        Assert.That(refused!.Errors["startDate"][0], Does.StartWith("The start date must be today or earlier"));
    }

    [Test]
    public async Task Its_end_is_recorded_with_ssda903_codes_and_a_move_needs_the_reason_for_the_change()
    {
        var recorded = await _host.SendAsync(Placement("NH-6001"), Referrer(Newham));

        var move = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(new EndOutsidePlacement(recorded.Id, new DateOnly(2026, 6, 1), "X1", null, false), Referrer(Newham)));
        var early = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(new EndOutsidePlacement(recorded.Id, new DateOnly(2026, 1, 1), "E8", null, true), Referrer(Newham)));
        await _host.SendAsync(new EndOutsidePlacement(recorded.Id, new DateOnly(2026, 6, 1), "x1", "carpl", false), Manager(Newham));
        var ended = await _host.SendAsync(new GetOutsidePlacement(recorded.Id), Referrer(Newham));

        Assert.Multiple(() =>
        {
            Assert.That(move!.Errors.Keys, Is.EqualTo(new[] { "reasonPlaceChange" }));
            Assert.That(early!.Errors.Keys, Is.EqualTo(new[] { "endDate" }));
            Assert.That(ended.Status, Is.EqualTo("ended"));
            Assert.That(ended.ReasonEpisodeCeased, Is.EqualTo("X1"));
            Assert.That(ended.ReasonPlaceChange, Is.EqualTo("CARPL"));
            Assert.That(ended.Planned, Is.False);
            Assert.ThrowsAsync<ConflictException>(() => _host.SendAsync(new EndOutsidePlacement(recorded.Id, new DateOnly(2026, 6, 2), "E8", null, true), Referrer(Newham)));
        });
    }

    [Test]
    public async Task Reporting_is_told_of_it_without_the_childs_reference()
    {
        var recorded = await _host.SendAsync(Placement("NH-7001"), Referrer(Newham));
        var stored = (await _host.Store.ReadStreamAsync(OutsidePlacementStreams.For(recorded.Id))).Single();

        var published = SpotPurchasesSetup.Publish(stored).Single();

        Assert.That(published, Is.EqualTo(new Published.OutsidePlacementRecorded(recorded.Id, Newham, "emergency-out-of-hours", null, "Residential", "E13",
            new DateOnly(2026, 3, 2), 5250.50m, "high")));
    }
}
