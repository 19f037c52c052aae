using Commissioning.Brokerage.Beds;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Messages.Contracts;
using Commissioning.TestKit;
using static Commissioning.Brokerage.Tests.Beds.BrokerageFeed;

namespace Commissioning.Brokerage.Tests.Beds;

public sealed class ShortlistTests
{
    private static readonly DateOnly Start = new(2026, 4, 1);

    [Test]
    public async Task Every_contracted_bed_is_a_candidate_or_excluded_and_suspensions_and_vacancies_move_beds_between_the_two()
    {
        await using var host = await ModuleTestHost.StartAsync(new BrokerageModule(), BrokerageFeed.Services);
        var contracts = await TwoHomesAsync(host);
        var brokerage = new BrokerageFeed(host);
        var referral = await brokerage.SubmitAsync("R-26-AAAAAA", Child());

        async Task<(string[] Candidates, Dictionary<string, string[]> Excluded)> ShortlistAsync()
        {
            var view = await host.SendAsync(new GetShortlist(referral), AsBrokerage);
            Assert.That(view.Candidates.Select(c => c.BedId).Concat(view.Excluded.Select(e => e.BedId)),
                Is.EquivalentTo(new[] { "HOME-01-B1", "HOME-01-B2", "HOME-02-B1" }), "every contracted bed, once");
            return ([.. view.Candidates.Select(c => c.BedId)], view.Excluded.ToDictionary(e => e.BedId, e => e.Reasons.ToArray()));
        }

        var unconfirmed = await ShortlistAsync();
        await contracts.AvailableAsync("HOME-01-B1", "HOME-01", Start.AddDays(4));
        await contracts.AvailableAsync("HOME-01-B2", "HOME-01", Start);
        await contracts.AvailableAsync("HOME-02-B1", "HOME-02", Start);
        var confirmed = await ShortlistAsync();
        await contracts.PublishAsync(new HomeSuspended("HOME-01", "Inadequate grade", Start));
        var suspended = await ShortlistAsync();
        await contracts.PublishAsync(new HomeSuspensionLifted("HOME-01", "Re-inspected: good", Start));
        var lifted = await ShortlistAsync();
        await contracts.PublishAsync(new BedVacancyConfirmationLapsed("HOME-01-B2", "HOME-01", host.Clock.GetUtcNow(), host.Clock.GetUtcNow()));
        await contracts.UnavailableAsync("HOME-02-B1", "HOME-02", "Repairs after a leak");
        await brokerage.HoldAsync("HOME-01-B1", "HOME-01", Guid.NewGuid(), "R-26-BBBBBB");
        var changed = await ShortlistAsync();

        Assert.Multiple(() =>
        {
            Assert.That(unconfirmed.Candidates, Is.Empty);
            Assert.That(unconfirmed.Excluded["HOME-01-B1"], Has.Some.StartsWith("The provider has not confirmed"));
            Assert.That(confirmed.Candidates, Is.EqualTo(new[] { "HOME-01-B2", "HOME-01-B1", "HOME-02-B1" }), "nearest first, then free sooner");
            Assert.That(suspended.Candidates, Is.EqualTo(new[] { "HOME-02-B1" }));
            Assert.That(suspended.Excluded["HOME-01-B1"], Does.Contain("New placements at the home are suspended."));
            Assert.That(lifted.Candidates, Is.EqualTo(confirmed.Candidates));
            Assert.That(changed.Candidates, Is.Empty);
            Assert.That(changed.Excluded["HOME-01-B1"], Does.Contain("The bed is occupied or held."));
            Assert.That(changed.Excluded["HOME-01-B2"], Has.Some.StartsWith("The provider has not confirmed"));
            Assert.That(changed.Excluded["HOME-02-B1"], Does.Contain("The provider says the bed is unavailable: Repairs after a leak."));
        });
    }

    [Test]
    public async Task A_candidate_shows_every_score_part_and_its_points_add_up_to_the_score()
    {
        await using var host = await ModuleTestHost.StartAsync(new BrokerageModule(), BrokerageFeed.Services);
        var contracts = await TwoHomesAsync(host);
        await contracts.AvailableAsync("HOME-02-B1", "HOME-02", Start);
        var referral = await new BrokerageFeed(host).SubmitAsync("R-26-AAAAAA", Child("E17"));

        var view = await host.SendAsync(new GetShortlist(referral), AsBrokerage);
        var candidate = view.Candidates.Single();

        Assert.Multiple(() =>
        {
            Assert.That(candidate.HomeCode, Is.EqualTo("HOME-02"));
            Assert.That(candidate.ProviderCode, Is.EqualTo("PRV-B"));
            Assert.That(candidate.Band, Is.EqualTo("medium"));
            Assert.That(candidate.DistanceMiles, Is.Zero);
            Assert.That(candidate.ScoreParts.Select(p => p.Name), Is.EqualTo(new[]
                { "distance-from-home", "distance-from-school", "sub-region", "ofsted-grade", "specialisms", "siblings", "waiting-time" }));
            Assert.That(candidate.ScoreParts.Sum(p => p.Points), Is.EqualTo(candidate.Score));
            Assert.That(candidate.Reasons, Is.SupersetOf(candidate.ScoreParts.Select(p => p.Explanation)));
        });
    }

    [Test]
    public async Task A_home_whose_resident_poses_a_risk_to_the_child_is_excluded_with_the_reason()
    {
        await using var host = await ModuleTestHost.StartAsync(new BrokerageModule(), BrokerageFeed.Services);
        var contracts = await TwoHomesAsync(host);
        await contracts.AvailableAsync("HOME-01-B1", "HOME-01", Start);
        await contracts.AvailableAsync("HOME-02-B1", "HOME-02", Start);
        var brokerage = new BrokerageFeed(host);
        var resident = await brokerage.SubmitAsync("R-26-RESIDE", Child() with { RiskToOthersSexual = "Risk Present" });
        await brokerage.PlaceAsync(resident, "R-26-RESIDE", "HOME-01-B2", "HOME-01");
        var child = await brokerage.SubmitAsync("R-26-CHILDX", Child() with { RiskSexualExploitation = "Risk Present" });

        var view = await host.SendAsync(new GetShortlist(child), AsBrokerage);

        Assert.Multiple(() =>
        {
            Assert.That(view.Candidates.Select(c => c.BedId), Is.EqualTo(new[] { "HOME-02-B1" }));
            Assert.That(view.Excluded.Single(e => e.BedId == "HOME-01-B1").Rules, Does.Contain("resident-risks"));
        });
    }

    [Test]
    public async Task An_unknown_referral_is_not_found_and_only_brokerage_may_ask()
    {
        await using var host = await ModuleTestHost.StartAsync(new BrokerageModule(), BrokerageFeed.Services);
        var referral = await new BrokerageFeed(host).SubmitAsync("R-26-AAAAAA", Child());

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<NotFoundException>(() => host.SendAsync(new GetShortlist(Guid.NewGuid()), AsBrokerage));
            Assert.ThrowsAsync<ForbiddenException>(() => host.SendAsync(new GetShortlist(referral), As(Roles.BoroughReferrer, Havering)));
            Assert.ThrowsAsync<ForbiddenException>(() => host.SendAsync(new GetAllocationProposal(), As(Roles.BoardMember, "E09000002")));
        });
    }

    [Test]
    public async Task The_allocation_places_both_children_where_first_come_first_served_leaves_one_without_a_bed()
    {
        await using var host = await ModuleTestHost.StartAsync(new BrokerageModule(), BrokerageFeed.Services);
        var contracts = await TwoHomesAsync(host);
        await contracts.AvailableAsync("HOME-01-B1", "HOME-01", Start);
        await contracts.AvailableAsync("HOME-02-B1", "HOME-02", Start);
        var brokerage = new BrokerageFeed(host);
        var first = await brokerage.SubmitAsync("R-26-FIRSTX", Child(), host.Clock.GetUtcNow().AddDays(-3));
        var second = await brokerage.SubmitAsync("R-26-SECOND", Child() with { NeedBand = "high" }, host.Clock.GetUtcNow().AddDays(-1));

        var proposal = await host.SendAsync(new GetAllocationProposal(), AsBrokerage);

        Assert.Multiple(() =>
        {
            Assert.That(proposal.WaitingReferrals, Is.EqualTo(2));
            Assert.That(proposal.FreeBeds, Is.EqualTo(2), "HOME-01-B2 is not confirmed, so it is not free");
            Assert.That(proposal.Exact.Placed, Is.EqualTo(2));
            Assert.That(proposal.FirstComeFirstServed.Placed, Is.EqualTo(1));
            Assert.That(proposal.Exact.Lines.Single(l => l.ReferralId == second).BedId, Is.EqualTo("HOME-01-B1"));
            Assert.That(proposal.Exact.Lines.Single(l => l.ReferralId == first).OfferUrl, Is.EqualTo($"/referrals/{first}/offer?bedId=HOME-02-B1"));
            Assert.That(proposal.FirstComeFirstServed.Unplaced, Is.EqualTo(new[] { "R-26-SECOND" }));
            Assert.That(proposal.Explanation, Has.Some.Contains("Left without a bed under first come, first served: R-26-SECOND"));
        });
    }

    /// <summary>HOME-01 (RM1, PRV-A, up to high need) with two beds, HOME-02 (E17, PRV-B, up to medium) with one, all medium beds from 1 April 2026.</summary>
    internal static async Task<ContractsFeed> TwoHomesAsync(ModuleTestHost host)
    {
        var contracts = new ContractsFeed(host);
        await contracts.HomeAsync("HOME-01", ContractsFeed.Profile("PRV-A", "RM1", 51.5790, 0.1830));
        await contracts.HomeAsync("HOME-02", ContractsFeed.Profile("PRV-B", "E17", 51.5860, -0.0210) with { Bands = ["low", "medium"] });
        await contracts.ContractAsync("BC-1", "PRV-A", Start, ("HOME-01-B1", "HOME-01", "medium"), ("HOME-01-B2", "HOME-01", "medium"));
        await contracts.ContractAsync("BC-2", "PRV-B", Start, ("HOME-02-B1", "HOME-02", "medium"));
        return contracts;
    }
}
