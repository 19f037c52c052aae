using Commissioning.Brokerage.Placements;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Notifications;
using Commissioning.BuildingBlocks.Web;
using Microsoft.Extensions.DependencyInjection;
using Msg = Commissioning.Messages.Brokerage;
using static Commissioning.Brokerage.Tests.Placements.PlacementsFixture;

namespace Commissioning.Brokerage.Tests.Placements;

public sealed class PlacementTests
{
    [Test]
    public async Task A_placement_starts_and_ends_with_SSDA903_codes_and_the_bed_is_free_again()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var placementId = await f.StartedPlacementAsync();
        var started = await host.SendAsync(new GetPlacement(placementId), AsHavering);
        host.Clock.Advance(TimeSpan.FromDays(30));

        var missingChange = Assert.ThrowsAsync<RequestValidationException>(() =>
            host.SendAsync(new EndPlacement(placementId, f.Today, "X1", null, true), AsBrokerage));
        var badCode = Assert.ThrowsAsync<RequestValidationException>(() =>
            host.SendAsync(new EndPlacement(placementId, f.Today, "E99", "NOPE", true), AsBrokerage));
        await host.SendAsync(new EndPlacement(placementId, f.Today, "e13", null, false), AsBrokerage);

        var ended = await host.SendAsync(new GetPlacement(placementId), AsBrokerage);
        Assert.Multiple(async () =>
        {
            Assert.That(started.Status, Is.EqualTo("started"));
            Assert.That(started.StepDownDate, Is.EqualTo(started.StartDate!.Value.AddMonths(6)));
            Assert.That(missingChange!.Errors.Keys, Is.EqualTo(new[] { "reasonPlaceChange" }));
            Assert.That(badCode!.Errors.Keys, Is.EquivalentTo(new[] { "reasonEpisodeCeased", "reasonPlaceChange" }));
            Assert.That(ended.Status, Is.EqualTo("ended"));
            Assert.That((ended.ReasonEpisodeCeased, ended.Planned), Is.EqualTo(("E13", (bool?)false)));
            Assert.That(await f.HoldsAsync(), Is.Empty);
            Assert.ThrowsAsync<ConflictException>(() => host.SendAsync(new EndPlacement(placementId, f.Today, "E13", null, true), AsBrokerage));
        });
    }

    [Test]
    public async Task A_borough_sees_its_own_placements_a_provider_those_in_its_homes_and_a_board_member_none()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var placementId = await f.StartedPlacementAsync();

        Assert.Multiple(async () =>
        {
            Assert.That((await host.SendAsync(new ListPlacements(null, "started", new PageRequest()), AsHavering)).Total, Is.EqualTo(1));
            Assert.That((await host.SendAsync(new ListPlacements(null, null, new PageRequest()), AsNewham)).Total, Is.Zero);
            Assert.That((await host.SendAsync(new ListPlacements(null, null, new PageRequest()), AsProviderB)).Total, Is.Zero);
            Assert.That((await host.SendAsync(new GetPlacement(placementId), AsProviderA)).ReferralId, Is.Null);
            Assert.ThrowsAsync<NotFoundException>(() => host.SendAsync(new GetPlacement(placementId), AsNewham));
            Assert.ThrowsAsync<NotFoundException>(() => host.SendAsync(new GetPlacement(placementId), AsProviderB));
            Assert.ThrowsAsync<ForbiddenException>(() => host.SendAsync(new GetPlacement(placementId), Beds.BrokerageFeed.As(Roles.BoardMember, "E09000002")));
        });
    }

    [Test]
    public async Task A_rebanding_approved_from_an_earlier_date_changes_the_band_from_that_date_and_is_published()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var placementId = await f.StartedPlacementAsync();
        var start = f.Today;
        host.Clock.Advance(TimeSpan.FromDays(20));

        var requestId = await host.SendAsync(new RequestRebanding(placementId, "high", "Two missing episodes a week since arrival"), AsProviderA);
        Assert.ThrowsAsync<ConflictException>(() => host.SendAsync(new RequestRebanding(placementId, "specialist", "More"), AsProviderA));
        Assert.ThrowsAsync<RequestValidationException>(() =>
            host.SendAsync(new DecideRebanding(placementId, requestId, true, start.AddDays(-1), null), AsBrokerage), "not before the start");
        await host.SendAsync(new DecideRebanding(placementId, requestId, true, start.AddDays(10), null), AsBrokerage);

        var placement = await host.SendAsync(new GetPlacement(placementId), AsBrokerage);
        var published = (await host.Store.ReadStreamAsync(PlacementStreams.Placement(placementId))).SelectMany(PlacementsSetup.Publish).OfType<Msg.PlacementRebanded>();
        Assert.Multiple(() =>
        {
            Assert.That(placement.Band, Is.EqualTo("high"));
            Assert.That(placement.Bands.Select(b => (b.EffectiveFrom, b.Band)), Is.EqualTo(new[] { (start, "medium"), (start.AddDays(10), "high") }));
            Assert.That(placement.RebandingRequests.Single().Status, Is.EqualTo("approved"));
            Assert.That(placement.RebandingRequests.Single().DecidedBy, Is.EqualTo("tester"));
            Assert.That(published.Select(p => (p.Band, p.EffectiveFrom)), Is.EqualTo(new[] { ("high", start.AddDays(10)) }));
        });
    }

    [Test]
    public async Task A_rejected_rebanding_keeps_the_band_and_needs_a_reason()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var placementId = await f.StartedPlacementAsync();
        var requestId = await host.SendAsync(new RequestRebanding(placementId, "low", "Settled well"), AsProviderA);

        Assert.ThrowsAsync<RequestValidationException>(() => host.SendAsync(new DecideRebanding(placementId, requestId, false, null, ""), AsBrokerage));
        await host.SendAsync(new DecideRebanding(placementId, requestId, false, null, "Too early to tell"), AsBrokerage);

        var placement = await host.SendAsync(new GetPlacement(placementId), AsBrokerage);
        Assert.Multiple(() =>
        {
            Assert.That(placement.Band, Is.EqualTo("medium"));
            Assert.That(placement.RebandingRequests.Single().RejectionReason, Is.EqualTo("Too early to tell"));
        });
    }

    [Test]
    public async Task Staying_put_is_recorded_past_18_and_refused_beyond_21()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var born = new DateOnly(2008, 6, 1);
        var placementId = await f.StartedPlacementAsync(born: born);

        var beyond = Assert.ThrowsAsync<RequestValidationException>(() =>
            host.SendAsync(new AgreeStayingPut(placementId, born.AddYears(21).AddDays(1), null), AsBrokerage));
        var before18 = Assert.ThrowsAsync<RequestValidationException>(() =>
            host.SendAsync(new AgreeStayingPut(placementId, born.AddYears(18), null), AsBrokerage));
        await host.SendAsync(new AgreeStayingPut(placementId, born.AddYears(21), "Staying put until college ends"), AsBrokerage);

        var placement = await host.SendAsync(new GetPlacement(placementId), AsBrokerage);
        Assert.Multiple(() =>
        {
            Assert.That(beyond!.Message + string.Join(" ", beyond.Errors["until"]), Does.Contain("21st birthday"));
            Assert.That(before18!.Errors.Keys, Is.EqualTo(new[] { "until" }));
            Assert.That(placement.StayingPutUntil, Is.EqualTo(born.AddYears(21)));
            Assert.That(placement.TwentyFirstBirthday, Is.EqualTo(born.AddYears(21)));
        });
    }

    [Test]
    public async Task A_move_ends_the_placement_with_X1_and_starts_one_in_the_new_bed_at_once()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var placementId = await f.StartedPlacementAsync();
        host.Clock.Advance(TimeSpan.FromDays(40));

        var held = await f.ReferralAsync("R-26-OTHERX");
        await f.OfferAsync(held, "HOME-01-B2");
        Assert.ThrowsAsync<ConflictException>(() => host.SendAsync(new MovePlacement(placementId, "HOME-01-B2", f.Today, "CARPL", true), AsBrokerage));
        var newId = await host.SendAsync(new MovePlacement(placementId, "HOME-02-B1", f.Today, "carpl", true), AsBrokerage);

        var old = await host.SendAsync(new GetPlacement(placementId), AsBrokerage);
        var moved = await host.SendAsync(new GetPlacement(newId), AsBrokerage);
        Assert.Multiple(async () =>
        {
            Assert.That((old.Status, old.ReasonEpisodeCeased, old.ReasonPlaceChange, old.MovedToPlacementId), Is.EqualTo(("ended", "X1", "CARPL", (Guid?)newId)));
            Assert.That((moved.Status, moved.BedId, moved.ProviderCode, moved.StartDate, moved.MovedFromPlacementId),
                Is.EqualTo(("started", "HOME-02-B1", "PRV-B", (DateOnly?)f.Today, (Guid?)placementId)));
            var holds = await f.HoldsAsync();
            Assert.That(holds.ContainsKey("HOME-01-B1"), Is.False);
            Assert.That(holds["HOME-02-B1"], Is.EqualTo($"placement:{newId}"));
            Assert.That((await host.SendAsync(new GetPlacement(newId), AsProviderB)).Status, Is.EqualTo("started"));
        });
    }

    [Test]
    public async Task The_step_down_date_is_6_to_9_months_after_the_start_unless_a_reason_is_given()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var placementId = await f.StartedPlacementAsync();
        var start = f.Today;

        Assert.ThrowsAsync<RequestValidationException>(() => host.SendAsync(new SetStepDownDate(placementId, start.AddMonths(10), null), AsBrokerage));
        await host.SendAsync(new SetStepDownDate(placementId, start.AddMonths(9), null), AsBrokerage);
        await host.SendAsync(new SetStepDownDate(placementId, start.AddMonths(12), "Exams in the summer"), AsBrokerage);

        var placement = await host.SendAsync(new GetPlacement(placementId), AsBrokerage);
        Assert.That((placement.StepDownDate, placement.StepDownReason), Is.EqualTo(((DateOnly?)start.AddMonths(12), "Exams in the summer")));
    }

    [Test]
    public async Task The_step_down_reminder_goes_28_days_before_to_the_borough_and_brokerage_once()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        host.People.Add("referrer", Beds.BrokerageFeed.Havering, Roles.BoroughReferrer);
        host.People.Add("broker", Beds.BrokerageFeed.Havering, Roles.Brokerage);
        var placementId = await f.StartedPlacementAsync();
        var stepDown = f.Today.AddMonths(6);

        host.Clock.SetUtcNow(new DateTimeOffset(stepDown.AddDays(-29).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        var tooEarly = await host.SendAsync(new SendStepDownReminders(), AsSystem);
        host.Clock.Advance(TimeSpan.FromDays(1));
        var due = await host.SendAsync(new SendStepDownReminders(), AsSystem);
        var again = await host.SendAsync(new SendStepDownReminders(), AsSystem);

        var referrerInbox = await host.Inbox.ListAsync(InboxOwner.Person("referrer"));
        var brokerInbox = await host.Inbox.ListAsync(InboxOwner.Person("broker"));
        Assert.Multiple(() =>
        {
            Assert.That((tooEarly, due, again), Is.EqualTo((0, 1, 0)));
            Assert.That(referrerInbox.Items.Count(i => i.Category == "placement-step-down-due" && i.Link == $"/placements/{placementId}"), Is.EqualTo(1));
            Assert.That(brokerInbox.Items.Count(i => i.Category == "placement-step-down-due" && i.Link == $"/placements/{placementId}"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_bed_ledger_hears_the_hold_then_the_start_then_the_end()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var placementId = await f.StartedPlacementAsync();
        await host.SendAsync(new EndPlacement(placementId, f.Today, "E17", null, true), AsBrokerage);

        var published = (await host.Store.ReadStreamAsync(PlacementStreams.Bed("HOME-01-B1")))
            .Concat(await host.Store.ReadStreamAsync(PlacementStreams.Placement(placementId)))
            .SelectMany(PlacementsSetup.Publish)
            .Select(e => e.GetType().Name);

        Assert.That(published, Is.EqualTo(new[] { "BedHeld", "PlacementAgreed", "PlacementStarted", "PlacementEnded" }));
    }

    [Test]
    public async Task Calling_off_an_agreed_placement_frees_the_bed_and_the_referral_waits_again()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var referral = await f.ReferralAsync();
        var offerId = await f.OfferAsync(referral);
        var placementId = await host.SendAsync(new AcceptOffer(offerId, f.Today.AddDays(5), null), AsProviderA);

        Assert.ThrowsAsync<RequestValidationException>(() => host.SendAsync(new CallOffPlacement(placementId, " "), AsBrokerage));
        await host.SendAsync(new CallOffPlacement(placementId, "The child returned home"), AsBrokerage);

        var published = (await host.Store.ReadStreamAsync(PlacementStreams.Placement(placementId))).SelectMany(PlacementsSetup.Publish).OfType<Msg.BedHoldReleased>();
        Assert.Multiple(async () =>
        {
            Assert.That((await host.SendAsync(new GetPlacement(placementId), AsBrokerage)).Status, Is.EqualTo("called-off"));
            Assert.That(await f.HoldsAsync(), Is.Empty);
            Assert.That(await f.ReferralStatusAsync(referral), Is.EqualTo("submitted"));
            Assert.That(published.Select(p => p.OfferId), Is.EqualTo(new[] { offerId }), "the bed ledger hears the offer's hold released");
            Assert.ThrowsAsync<ConflictException>(() => host.SendAsync(new StartPlacement(placementId, f.Today), AsBrokerage));
        });
    }
}
