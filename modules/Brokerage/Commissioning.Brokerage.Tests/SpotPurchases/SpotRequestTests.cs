using Commissioning.Brokerage.Referrals;
using Commissioning.Brokerage.SpotPurchases.SpotRequests;
using Commissioning.Brokerage.Tests.Beds;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Notifications;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Messages.Contracts;
using Commissioning.TestKit;
using static Commissioning.Brokerage.Tests.SpotPurchases.Given;
using Published = Commissioning.Messages.Brokerage;

namespace Commissioning.Brokerage.Tests.SpotPurchases;

public sealed class SpotRequestTests
{
    private static readonly string[] Checks = ["health-and-safety", "safeguarding", "equal-opportunities", "human-resources", "required-training"];

    private ModuleTestHost _host = null!;
    private ContractsFeed _contracts = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        (_host, _) = await HostAsync();
        _contracts = new ContractsFeed(_host);
        _host.People.Add("good-1", "PRV-GOOD", Roles.Provider);
        _host.People.Add("two-1", "PRV-TWO", Roles.Provider);
        _host.People.Add("wrong-1", "PRV-WRONG", Roles.Provider);
        // PRV-GOOD: accredited, a home for girls 11-17 that meets the high band. PRV-WRONG: accredited, but its only home is for boys.
        // PRV-LAPSED: a suitable home, but its safeguarding check has expired. PRV-TWO: accredited, one suitable home of two.
        await _contracts.HomeAsync("HOME-GOOD", ContractsFeed.Profile("PRV-GOOD", "E13", 51.53, 0.02) with { Bands = ["high"], MinimumAge = 11 });
        await _contracts.HomeAsync("HOME-WRONG", ContractsFeed.Profile("PRV-WRONG", "E17") with { Sexes = ["male"], Bands = ["high"], MinimumAge = 11 });
        await _contracts.HomeAsync("HOME-LAPSED", ContractsFeed.Profile("PRV-LAPSED", "IG11") with { Bands = ["high"], MinimumAge = 11 });
        await _contracts.HomeAsync("HOME-TWO-A", ContractsFeed.Profile("PRV-TWO", "RM7") with { Bands = ["high"], MinimumAge = 11, StatementOfPurposeLimits = ["no-risk-to-others-fire"] });
        await _contracts.HomeAsync("HOME-TWO-B", ContractsFeed.Profile("PRV-TWO", "RM7") with { Bands = ["high", "specialist"], MinimumAge = 11 });
        foreach (var provider in new[] { "PRV-GOOD", "PRV-WRONG", "PRV-LAPSED", "PRV-TWO" })
        {
            foreach (var check in Checks)
            {
                var expires = provider == "PRV-LAPSED" && check == "safeguarding" ? new DateOnly(2026, 3, 31) : new DateOnly(2027, 3, 31);
                await _contracts.PublishAsync(new ProviderCheckPassed(provider, check, new DateOnly(2025, 4, 1), expires, Checks));
            }
        }
    }

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    [Test]
    public async Task Brokerage_sees_who_would_receive_it_and_why_before_sending()
    {
        var referralId = await Referrals.SubmittedAsync(_host, Newham);

        var preview = await _host.SendAsync(new PreviewSpotRequest(referralId), Broker);
        var providers = preview.Providers.ToDictionary(p => p.ProviderCode);

        Assert.Multiple(() =>
        {
            Assert.That(preview.CannotStart, Is.Null);
            Assert.That(preview.Providers.Where(p => p.Included).Select(p => p.ProviderCode), Is.EqualTo(new[] { "PRV-GOOD", "PRV-TWO" }));
            Assert.That(providers["PRV-WRONG"].Reason, Does.StartWith("Accredited, but none of its homes"));
            Assert.That(providers["PRV-WRONG"].Homes.Single().Reasons, Is.EqualTo(new[] { "The home cares only for boys." }));
            Assert.That(providers["PRV-LAPSED"].Reason, Is.EqualTo("Not accredited: safeguarding expired on 2026-03-31."));
            Assert.That(providers["PRV-TWO"].EligibleHomes, Is.EqualTo(new[] { "HOME-TWO-B" }));
            Assert.That(preview.Needs!.Age, Is.EqualTo(13));
            Assert.That(preview.Needs.RisksPresent, Is.EqualTo(new[] { "riskToOthersFire" }));
        });
    }

    [Test]
    public async Task A_request_reaches_only_the_eligible_providers_who_bid_and_brokerage_awards_one()
    {
        var referralId = await Referrals.SubmittedAsync(_host, Newham);

        var started = await _host.SendAsync(new StartSpotRequest(referralId, new DateOnly(2026, 4, 8), "No block bed for a fire risk"), Broker);
        await _host.CatchUpAsync();
        var goodSees = await _host.SendAsync(new GetSpotRequest(started.Id), Provider("PRV-GOOD"));
        var referral = await _host.SendAsync(new GetSpotRequest(started.Id), Referrer(Newham));

        Assert.Multiple(() =>
        {
            Assert.That(started.SharedWith, Is.EqualTo(new[] { "PRV-GOOD", "PRV-TWO" }));
            Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new GetSpotRequest(started.Id), Provider("PRV-WRONG")));
            Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new GetSpotRequest(started.Id), Referrer(Hackney)));
            Assert.That(goodSees.Considered, Is.Null);
            Assert.That(goodSees.SentTo, Is.Null);
            Assert.That(goodSees.ReferralId, Is.Null);
            Assert.That(goodSees.HomesYouMayBid, Is.EqualTo(new[] { "HOME-GOOD" }));
            Assert.That(referral.Status, Is.EqualTo("open"));
        });
        var wrongHome = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(
            new MakeSpotBid(started.Id, "HOME-TWO-A", 6000m, new DateOnly(2026, 4, 15), null), Provider("PRV-TWO")));
        var notOwn = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(
            new MakeSpotBid(started.Id, "HOME-GOOD", 6000m, new DateOnly(2026, 4, 15), null), Provider("PRV-TWO")));
        Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new MakeSpotBid(started.Id, "HOME-WRONG", 6000m, new DateOnly(2026, 4, 15), null), Provider("PRV-WRONG")));
        var good = await _host.SendAsync(new MakeSpotBid(started.Id, "home-good", 6400.50m, new DateOnly(2026, 4, 15), "Staffed for fire risk"), Provider("PRV-GOOD"));
        await _host.SendAsync(new MakeSpotBid(started.Id, "HOME-TWO-B", 7100m, new DateOnly(2026, 4, 10), null), Provider("PRV-TWO"));
        var twoSees = await _host.SendAsync(new GetSpotRequest(started.Id), Provider("PRV-TWO"));
        var brokerSees = await _host.SendAsync(new GetSpotRequest(started.Id), Broker);

        Assert.Multiple(() =>
        {
            Assert.That(wrongHome!.Errors["homeCode"][0], Does.StartWith("HOME-TWO-A does not suit this child"));
            Assert.That(notOwn!.Errors["homeCode"][0], Is.EqualTo("HOME-GOOD is not one of your homes: bid with HOME-TWO-B"));
            Assert.That(twoSees.Bids.Select(b => b.HomeCode), Is.EqualTo(new[] { "HOME-TWO-B" }));
            Assert.That(brokerSees.Bids.Select(b => b.WeeklyPrice), Is.EqualTo(new[] { 6400.50m, 7100m }));
        });

        var early = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(new AwardSpotBid(started.Id, good.BidId, new DateOnly(2026, 4, 14)), Broker));
        await _host.SendAsync(new AwardSpotBid(started.Id, good.BidId, new DateOnly(2026, 4, 16)), Broker);
        var awarded = await _host.SendAsync(new GetSpotRequest(started.Id), Broker);
        var referralEvents = await _host.Store.ReadStreamAsync(ReferralStreams.For(referralId));
        var spotEvents = await _host.Store.ReadStreamAsync(SpotRequestStreams.For(started.Id));
        var published = spotEvents.SelectMany(e => Commissioning.Brokerage.SpotPurchases.SpotPurchasesSetup.Publish(e)).OfType<Published.SpotBidAwarded>().Single();

        Assert.Multiple(() =>
        {
            Assert.That(early!.Errors.Keys, Is.EqualTo(new[] { "startDate" }));
            Assert.That(awarded.Status, Is.EqualTo("awarded"));
            Assert.That(awarded.Award!.SpotContractId, Is.EqualTo(published.SpotContractId));
            Assert.That(published, Is.EqualTo(new Published.SpotBidAwarded(awarded.Award.SpotContractId, started.Id, awarded.Award.PlacementId, "PRV-GOOD", "HOME-GOOD",
                Newham, "high", 6400.50m, new DateOnly(2026, 4, 16)) { EventId = published.EventId, OccurredAt = published.OccurredAt, Scope = published.Scope }));
            Assert.That(referralEvents.Select(e => e.Data.GetType().Name), Is.EqualTo(new[] { "ReferralSubmitted", "ReferralSpotPurchaseStarted", "ReferralPlacementAgreed" }));
            Assert.ThrowsAsync<ConflictException>(() => _host.SendAsync(new AwardSpotBid(started.Id, good.BidId, new DateOnly(2026, 4, 16)), Broker));
            Assert.ThrowsAsync<ConflictException>(() => _host.SendAsync(new MakeSpotBid(started.Id, "HOME-TWO-B", 5000m, new DateOnly(2026, 4, 15), null), Provider("PRV-TWO")));
        });
    }

    [Test]
    public async Task The_providers_it_went_to_are_notified_once_and_nobody_else()
    {
        var referralId = await Referrals.SubmittedAsync(_host, Hackney);
        var started = await _host.SendAsync(new StartSpotRequest(referralId, new DateOnly(2026, 4, 8), null), Broker);

        await _host.CatchUpAsync();
        await _host.CatchUpAsync();

        async Task<IReadOnlyList<InboxItem>> ToldAsync(string person) =>
            [.. (await _host.Inbox.ListAsync(InboxOwner.Person(person), 1, 100)).Items.Where(i => i.Link == $"/spot-requests/{started.Id}")];
        var people = new Dictionary<string, string> { ["PRV-GOOD"] = "good-1", ["PRV-TWO"] = "two-1", ["PRV-WRONG"] = "wrong-1" };
        var told = new Dictionary<string, IReadOnlyList<InboxItem>>();
        foreach (var (provider, person) in people)
        {
            told[provider] = await ToldAsync(person);
        }

        // Which providers it went to depends on the homes' residents by now (awarded spot placements count): whoever it went to is told once.
        Assert.Multiple(() =>
        {
            Assert.That(started.SharedWith.Intersect(people.Keys), Is.Not.Empty);
            foreach (var provider in people.Keys)
            {
                Assert.That(told[provider], Has.Count.EqualTo(started.SharedWith.Contains(provider) ? 1 : 0), provider);
            }

            var item = told.Values.First(t => t.Count > 0)[0];
            Assert.That(item.Category, Is.EqualTo("spot-request-sent"));
            Assert.That(item.Reference, Does.StartWith("R-26-"));
            Assert.That(item.Body, Does.Not.Contain("CHILD-1"));
            Assert.That(started.SharedWith, Does.Not.Contain("PRV-WRONG"));
        });
    }

    [Test]
    public async Task A_referral_that_is_not_waiting_for_a_bed_or_that_nobody_suits_starts_nothing()
    {
        var nobodySuits = await Referrals.SubmittedAsync(_host, Newham, Referrals.Details("low"));
        var started = await Referrals.SubmittedAsync(_host, Newham);
        await _host.SendAsync(new StartSpotRequest(started, new DateOnly(2026, 4, 8), null), Broker);
        var before = await _host.Store.CountAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(Assert.ThrowsAsync<ConflictException>(() => _host.SendAsync(new StartSpotRequest(nobodySuits, new DateOnly(2026, 4, 8), null), Broker))!.Message,
                Does.StartWith("No accredited provider has a home"));
            Assert.ThrowsAsync<ConflictException>(() => _host.SendAsync(new StartSpotRequest(started, new DateOnly(2026, 4, 8), null), Broker));
            Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new StartSpotRequest(Guid.NewGuid(), new DateOnly(2026, 4, 8), null), Broker));
            Assert.That(Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(new StartSpotRequest(nobodySuits, new DateOnly(2026, 3, 1), null), Broker))!.Errors.Keys,
                Is.EqualTo(new[] { "bidsBy" }));
            Assert.ThrowsAsync<ForbiddenException>(() => _host.SendAsync(new StartSpotRequest(nobodySuits, new DateOnly(2026, 4, 8), null), Referrer(Newham)));
            Assert.That(await _host.Store.CountAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_provider_lists_only_the_requests_sent_to_it()
    {
        var referralId = await Referrals.SubmittedAsync(_host, Newham);
        var started = await _host.SendAsync(new StartSpotRequest(referralId, new DateOnly(2026, 4, 8), null), Broker);

        var good = await _host.SendAsync(new ListSpotRequests(new PageRequest(1, 200)), Provider("PRV-GOOD"));
        var wrong = await _host.SendAsync(new ListSpotRequests(new PageRequest(1, 200)), Provider("PRV-WRONG"));
        var hackney = await _host.SendAsync(new ListSpotRequests(new PageRequest(1, 200)), Referrer(Hackney));

        Assert.Multiple(() =>
        {
            Assert.That(good.Items.Select(i => i.Id), Does.Contain(started.Id));
            Assert.That(wrong.Items, Is.Empty);
            Assert.That(hackney.Items.Select(i => i.Id), Does.Not.Contain(started.Id));
        });
    }

    [Test]
    public async Task The_awarded_placement_starts_against_its_spot_contract_and_the_referral_is_placed()
    {
        var referralId = await Referrals.SubmittedAsync(_host, Newham);
        var started = await _host.SendAsync(new StartSpotRequest(referralId, new DateOnly(2026, 4, 8), null), Broker);
        var bid = await _host.SendAsync(new MakeSpotBid(started.Id, "HOME-GOOD", 6000m, new DateOnly(2026, 4, 1), null), Provider("PRV-GOOD"));
        Assert.ThrowsAsync<ConflictException>(() => _host.SendAsync(new StartSpotPlacement(started.Id, new DateOnly(2026, 4, 1)), Broker));
        await _host.SendAsync(new AwardSpotBid(started.Id, bid.BidId, new DateOnly(2026, 4, 1)), Broker);

        var future = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(new StartSpotPlacement(started.Id, new DateOnly(2026, 4, 2)), Broker));
        await _host.SendAsync(new StartSpotPlacement(started.Id, new DateOnly(2026, 4, 1)), Broker);
        var placed = await _host.SendAsync(new GetSpotRequest(started.Id), Broker);
        var referral = await _host.Store.ReadStreamAsync(ReferralStreams.For(referralId));
        var published = (await _host.Store.ReadStreamAsync(SpotRequestStreams.For(started.Id)))
            .SelectMany(e => Commissioning.Brokerage.SpotPurchases.SpotPurchasesSetup.Publish(e)).OfType<Published.PlacementStarted>().Single();

        Assert.Multiple(() =>
        {
            Assert.That(future!.Errors.Keys, Is.EqualTo(new[] { "startDate" }));
            Assert.That(placed.Status, Is.EqualTo("placed"));
            Assert.That(placed.Award!.PlacementStartedOn, Is.EqualTo(new DateOnly(2026, 4, 1)));
            Assert.That(referral[^1].Data, Is.EqualTo(new ReferralPlaced(referralId, placed.Award.PlacementId, new DateOnly(2026, 4, 1), _host.Clock.GetUtcNow())));
            Assert.That(published, Is.EqualTo(new Published.PlacementStarted(placed.Award.PlacementId, null, placed.Award.SpotContractId, null, Newham, "high",
                new DateOnly(2026, 4, 1))));
            Assert.ThrowsAsync<ConflictException>(() => _host.SendAsync(new StartSpotPlacement(started.Id, new DateOnly(2026, 4, 1)), Broker));
        });

        var move = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(new EndSpotPlacement(started.Id, new DateOnly(2026, 5, 1), "X1", null, false), Broker));
        await _host.SendAsync(new EndSpotPlacement(started.Id, new DateOnly(2026, 5, 1), "E4A", null, true), Broker);
        var ended = await _host.SendAsync(new GetSpotRequest(started.Id), Broker);
        var endedPublished = (await _host.Store.ReadStreamAsync(SpotRequestStreams.For(started.Id)))
            .SelectMany(e => Commissioning.Brokerage.SpotPurchases.SpotPurchasesSetup.Publish(e)).OfType<Published.PlacementEnded>().Single();

        Assert.Multiple(() =>
        {
            Assert.That(move!.Errors.Keys, Is.EqualTo(new[] { "reasonPlaceChange" }));
            Assert.That(ended.Status, Is.EqualTo("ended"));
            Assert.That(ended.Award!.PlacementEndedOn, Is.EqualTo(new DateOnly(2026, 5, 1)));
            Assert.That(endedPublished, Is.EqualTo(new Published.PlacementEnded(placed.Award!.PlacementId, new DateOnly(2026, 5, 1), true)));
        });
    }

    [Test]
    public async Task An_awarded_spot_placement_lives_in_its_home_so_the_next_child_is_judged_with_it()
    {
        await _contracts.HomeAsync("HOME-MIX", ContractsFeed.Profile("PRV-MIX", "E13", 51.53, 0.02) with { Bands = ["high"], MinimumAge = 11, HomeMixLimit = 1 });
        foreach (var check in Checks)
        {
            await _contracts.PublishAsync(new ProviderCheckPassed("PRV-MIX", check, new DateOnly(2025, 4, 1), new DateOnly(2027, 3, 31), Checks));
        }

        var first = await Referrals.SubmittedAsync(_host, Newham);
        var started = await _host.SendAsync(new StartSpotRequest(first, new DateOnly(2026, 4, 8), null), Broker);
        var bid = await _host.SendAsync(new MakeSpotBid(started.Id, "HOME-MIX", 5900m, new DateOnly(2026, 4, 3), null), Provider("PRV-MIX"));
        var before = (await _host.SendAsync(new PreviewSpotRequest(await Referrals.SubmittedAsync(_host, Hackney)), Broker)).Providers.Single(p => p.ProviderCode == "PRV-MIX");
        await _host.SendAsync(new AwardSpotBid(started.Id, bid.BidId, new DateOnly(2026, 4, 3)), Broker);

        var after = (await _host.SendAsync(new PreviewSpotRequest(await Referrals.SubmittedAsync(_host, Hackney)), Broker)).Providers.Single(p => p.ProviderCode == "PRV-MIX");

        Assert.Multiple(() =>
        {
            Assert.That(before.Included, Is.True);
            Assert.That(after.Included, Is.False);
            Assert.That(after.Homes.Single().Reasons, Has.One.StartsWith("The home takes at most 1 children of high or specialist need at once and has 1"));
        });
    }

    [Test]
    public async Task Providers_bidding_at_the_same_moment_are_all_stored()
    {
        var referralId = await Referrals.SubmittedAsync(_host, Newham);
        var started = await _host.SendAsync(new StartSpotRequest(referralId, new DateOnly(2026, 4, 8), null), Broker);
        var bidders = started.SharedWith.Select(provider => (Provider: provider,
            Home: provider switch { "PRV-GOOD" => "HOME-GOOD", "PRV-TWO" => "HOME-TWO-B", _ => "HOME-MIX" })).ToList();

        await Task.WhenAll(bidders.Select(b => _host.SendAsync(new MakeSpotBid(started.Id, b.Home, 6000m, new DateOnly(2026, 4, 2), null), Provider(b.Provider))));
        var request = await _host.SendAsync(new GetSpotRequest(started.Id), Broker);

        Assert.Multiple(() =>
        {
            Assert.That(bidders, Has.Count.GreaterThan(1), "the race needs at least two providers");
            Assert.That(request.Bids.Select(b => b.ProviderCode), Is.EquivalentTo(started.SharedWith));
        });
    }
}
