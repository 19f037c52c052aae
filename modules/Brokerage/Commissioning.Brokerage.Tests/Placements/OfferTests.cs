using Commissioning.Brokerage.Placements;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using static Commissioning.Brokerage.Tests.Placements.PlacementsFixture;

namespace Commissioning.Brokerage.Tests.Placements;

public sealed class OfferTests
{
    [Test]
    public async Task An_offer_holds_the_bed_and_marks_the_referral_offered_in_the_same_transaction()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var referral = await f.ReferralAsync();

        var offerId = await f.OfferAsync(referral);

        var offer = await host.SendAsync(new GetOffer(offerId), AsBrokerage);
        Assert.Multiple(async () =>
        {
            Assert.That(offer.Status, Is.EqualTo("open"));
            Assert.That(offer.ProviderCode, Is.EqualTo("PRV-A"));
            Assert.That(await f.HoldsAsync(), Is.EqualTo(new Dictionary<string, string> { ["HOME-01-B1"] = $"offer:{offerId}" }));
            Assert.That(await f.ReferralStatusAsync(referral), Is.EqualTo("offered"));
        });
    }

    [Test]
    public async Task The_provider_sees_the_minimum_to_decide_and_another_provider_or_borough_sees_nothing()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var offerId = await f.OfferAsync(await f.ReferralAsync());

        var seen = await host.SendAsync(new GetOffer(offerId), AsProviderA);

        Assert.Multiple(async () =>
        {
            Assert.That(seen.ReferralId, Is.Null, "a provider sees the pseudonymous reference only");
            Assert.That(seen.ReferralReference, Is.EqualTo("R-26-AAAAAA"));
            Assert.That(seen.Age, Is.EqualTo(13));
            Assert.That(seen.Band, Is.EqualTo("medium"));
            Assert.That(seen.BandRationale, Is.EqualTo("Needs a consistent routine"));
            Assert.That(seen.RisksPresent, Is.EqualTo(new[] { "riskMissing" }));
            Assert.That(seen.ChildsViews, Is.EqualTo("I want to stay near my school"));
            Assert.That(System.Text.Json.JsonSerializer.Serialize(seen), Does.Not.Contain("C-1").And.Not.Contain("2012-06-15"));
            Assert.ThrowsAsync<NotFoundException>(() => host.SendAsync(new GetOffer(offerId), AsProviderB));
            Assert.ThrowsAsync<NotFoundException>(() => host.SendAsync(new GetOffer(offerId), AsNewham));
            Assert.ThrowsAsync<NotFoundException>(() => host.SendAsync(new DeclineOffer(offerId, "no-staffing", null), AsProviderB));
            Assert.That((await host.SendAsync(new ListOffers(null, new PageRequest()), AsProviderB)).Items, Is.Empty);
            Assert.That((await host.SendAsync(new ListOffers("open", new PageRequest()), AsProviderA)).Items.Select(o => o.OfferId), Is.EqualTo(new[] { offerId }));
            Assert.That((await host.SendAsync(new ListOffers(null, new PageRequest()), AsHavering)).Total, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_bed_that_is_held_unconfirmed_or_not_contracted_cannot_be_offered()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var first = await f.ReferralAsync("R-26-FIRSTX");
        var second = await f.ReferralAsync("R-26-SECOND");
        await f.OfferAsync(first);
        await new Beds.ContractsFeed(host).UnavailableAsync("HOME-02-B1", "HOME-02", "Repairs");

        Assert.Multiple(() =>
        {
            var held = Assert.ThrowsAsync<ConflictException>(() => f.OfferAsync(second, "HOME-01-B1"));
            Assert.That(held!.Message, Does.StartWith("Bed HOME-01-B1 is already held by another offer"));
            Assert.ThrowsAsync<ConflictException>(() => f.OfferAsync(second, "HOME-02-B1"), "the provider says it is unavailable");
            var unknown = Assert.ThrowsAsync<RequestValidationException>(() => f.OfferAsync(second, "NO-SUCH-BED"));
            Assert.That(unknown!.Errors.Keys, Is.EqualTo(new[] { "bedId" }));
            Assert.ThrowsAsync<ConflictException>(() => f.OfferAsync(first, "HOME-01-B2"), "the referral already has an open offer");
            Assert.ThrowsAsync<NotFoundException>(() => f.OfferAsync(Guid.NewGuid(), "HOME-01-B2"));
        });
    }

    [Test]
    public async Task Accepting_makes_a_confirmed_placement_that_holds_the_bed_and_a_second_answer_is_refused()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var referral = await f.ReferralAsync();
        var offerId = await f.OfferAsync(referral);

        var placementId = await host.SendAsync(new AcceptOffer(offerId, f.Today.AddDays(3), f.Today.AddDays(1)), AsProviderA);

        var placement = await host.SendAsync(new GetPlacement(placementId), AsBrokerage);
        Assert.Multiple(async () =>
        {
            Assert.That(placement.Status, Is.EqualTo("confirmed"));
            Assert.That(placement.PlannedStartDate, Is.EqualTo(f.Today.AddDays(3)));
            Assert.That(placement.PrePlacementVisitDate, Is.EqualTo(f.Today.AddDays(1)));
            Assert.That((await host.SendAsync(new GetOffer(offerId), AsBrokerage)).Status, Is.EqualTo("accepted"));
            Assert.That(await f.HoldsAsync(), Is.EqualTo(new Dictionary<string, string> { ["HOME-01-B1"] = $"placement:{placementId}" }));
            Assert.That(await f.ReferralStatusAsync(referral), Is.EqualTo("placement-agreed"));
            Assert.ThrowsAsync<ConflictException>(() => host.SendAsync(new AcceptOffer(offerId, f.Today.AddDays(3), null), AsProviderA));
            Assert.ThrowsAsync<ConflictException>(() => host.SendAsync(new DeclineOffer(offerId, "no-staffing", null), AsProviderA));
        });
    }

    [Test]
    public async Task Declining_frees_the_bed_and_the_referral_waits_again_so_the_bed_can_be_offered_again()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        host.People.Add("broker", Beds.BrokerageFeed.Havering, Commissioning.BuildingBlocks.Identity.Roles.Brokerage);
        host.People.Add("carer", "PRV-A", Commissioning.BuildingBlocks.Identity.Roles.Provider);
        var referral = await f.ReferralAsync();
        var offerId = await f.OfferAsync(referral);

        Assert.ThrowsAsync<RequestValidationException>(() => host.SendAsync(new DeclineOffer(offerId, "other", " "), AsProviderA), "other needs a comment");
        await host.SendAsync(new DeclineOffer(offerId, "impact-on-current-residents", "Two residents at high risk of going missing"), AsProviderA);

        var offer = await host.SendAsync(new GetOffer(offerId), AsBrokerage);
        Assert.Multiple(async () =>
        {
            Assert.That(offer.Status, Is.EqualTo("declined"));
            Assert.That(offer.DeclineReasonCode, Is.EqualTo("impact-on-current-residents"));
            Assert.That(await f.HoldsAsync(), Is.Empty);
            Assert.That(await f.ReferralStatusAsync(referral), Is.EqualTo("submitted"));
            var brokerInbox = await host.Inbox.ListAsync(Commissioning.BuildingBlocks.Notifications.InboxOwner.Person("broker"));
            Assert.That(brokerInbox.Items.Select(i => i.Category), Is.EqualTo(new[] { "offer-declined" }), "brokerage hears the answer");
            var carerInbox = await host.Inbox.ListAsync(Commissioning.BuildingBlocks.Notifications.InboxOwner.Person("carer"));
            Assert.That(carerInbox.Items.Select(i => (i.Category, i.Link)), Is.EqualTo(new[] { ("offer-made", $"/offers/{offerId}") }), "the provider hears of the offer");
        });
        Assert.DoesNotThrowAsync(() => f.OfferAsync(referral));
    }

    [Test]
    public async Task An_unanswered_offer_lapses_at_its_deadline_and_frees_the_bed_once()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var referral = await f.ReferralAsync();
        var offerId = await f.OfferAsync(referral);

        var early = await host.SendAsync(new LapseOverdueOffers(), AsSystem);
        host.Clock.Advance(TimeSpan.FromDays(2));
        var due = await host.SendAsync(new LapseOverdueOffers(), AsSystem);
        var again = await host.SendAsync(new LapseOverdueOffers(), AsSystem);

        Assert.Multiple(async () =>
        {
            Assert.That((early, due, again), Is.EqualTo((0, 1, 0)));
            Assert.That((await host.SendAsync(new GetOffer(offerId), AsBrokerage)).Status, Is.EqualTo("lapsed"));
            Assert.That(await f.HoldsAsync(), Is.Empty);
            Assert.That(await f.ReferralStatusAsync(referral), Is.EqualTo("submitted"));
            Assert.ThrowsAsync<ConflictException>(() => host.SendAsync(new AcceptOffer(offerId, f.Today, null), AsProviderA));
        });
    }

    [Test]
    public async Task Withdrawing_frees_the_bed()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var offerId = await f.OfferAsync(await f.ReferralAsync());

        await host.SendAsync(new WithdrawOffer(offerId, "The borough found a family placement"), AsBrokerage);

        Assert.Multiple(async () =>
        {
            Assert.That((await host.SendAsync(new GetOffer(offerId), AsBrokerage)).Status, Is.EqualTo("withdrawn"));
            Assert.That(await f.HoldsAsync(), Is.Empty);
            Assert.ThrowsAsync<ConflictException>(() => host.SendAsync(new WithdrawOffer(offerId, null), AsBrokerage));
        });
    }

    [Test]
    public async Task Many_offers_for_one_bed_at_once_hold_it_exactly_once()
    {
        var f = await StartAsync();
        await using var host = f.Host;
        var referrals = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            referrals.Add(await f.ReferralAsync($"R-26-PAR{i:D3}"));
        }

        var results = await Task.WhenAll(referrals.Select(async r =>
        {
            try
            {
                await f.OfferAsync(r, "HOME-02-B1");
                return "created";
            }
            catch (ConflictException)
            {
                return "conflict";
            }
        }));

        Assert.Multiple(async () =>
        {
            Assert.That(results.Count(r => r == "created"), Is.EqualTo(1));
            Assert.That(results.Count(r => r == "conflict"), Is.EqualTo(11));
            Assert.That((await f.HoldsAsync()).Keys, Is.EqualTo(new[] { "HOME-02-B1" }));
            Assert.That((await host.SendAsync(new ListOffers("open", new PageRequest()), AsBrokerage)).Total, Is.EqualTo(1));
        });
    }
}
