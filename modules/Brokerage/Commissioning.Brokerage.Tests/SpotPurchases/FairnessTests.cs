using Commissioning.Brokerage.Placements;
using Commissioning.Brokerage.SpotPurchases;
using Commissioning.Brokerage.SpotPurchases.Fairness;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Messages.Partnership;
using Commissioning.TestKit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using static Commissioning.Brokerage.Tests.SpotPurchases.Given;

namespace Commissioning.Brokerage.Tests.SpotPurchases;

public sealed class FairnessArithmeticTests
{
    private static readonly DateOnly From = new(2025, 4, 1);
    private static readonly DateOnly To = new(2026, 3, 31);

    [Test]
    public void A_stay_counts_the_days_it_occupied_within_the_period_and_not_its_end_date()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FairnessArithmetic.DaysWithin(new BlockStay("A", new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 11)), From, To), Is.EqualTo(10));
            Assert.That(FairnessArithmetic.DaysWithin(new BlockStay("A", new DateOnly(2025, 3, 1), new DateOnly(2025, 4, 3)), From, To), Is.EqualTo(2));
            Assert.That(FairnessArithmetic.DaysWithin(new BlockStay("A", new DateOnly(2026, 3, 30), null), From, To), Is.EqualTo(2));
            Assert.That(FairnessArithmetic.DaysWithin(new BlockStay("A", new DateOnly(2024, 1, 1), null), From, To), Is.EqualTo(365));
            Assert.That(FairnessArithmetic.DaysWithin(new BlockStay("A", new DateOnly(2025, 1, 1), new DateOnly(2025, 4, 1)), From, To), Is.Zero);
            Assert.That(FairnessArithmetic.DaysWithin(new BlockStay("A", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 1)), From, To), Is.Zero);
        });
    }

    [Test]
    public void Each_boroughs_share_of_bed_days_is_set_against_its_share_of_the_pooled_budget_in_percentage_points()
    {
        var stays = new[]
        {
            new BlockStay(Newham, new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30)), // 90 days
            new BlockStay(Hackney, new DateOnly(2026, 3, 2), null), // 30 days
        };
        var budget = new Dictionary<string, decimal> { [Newham] = 200_000m, [Hackney] = 200_000m, [Havering] = 600_000m };

        var shares = FairnessArithmetic.Shares(stays, budget, From, To, Boroughs.All).ToDictionary(b => b.BoroughCode);

        Assert.Multiple(() =>
        {
            Assert.That(shares[Newham].BedDays, Is.EqualTo(90));
            Assert.That(shares[Newham].BedDayShare, Is.EqualTo(75.0m));
            Assert.That(shares[Newham].BudgetShare, Is.EqualTo(20.0m));
            Assert.That(shares[Newham].DifferencePoints, Is.EqualTo(55.0m));
            Assert.That(shares[Hackney].BedDayShare, Is.EqualTo(25.0m));
            Assert.That(shares[Hackney].DifferencePoints, Is.EqualTo(5.0m));
            Assert.That(shares[Havering].BedDays, Is.Zero);
            Assert.That(shares[Havering].DifferencePoints, Is.EqualTo(-60.0m));
            Assert.That(shares["E09000001"].Contribution, Is.Null);
            Assert.That(shares["E09000001"].BudgetShare, Is.EqualTo(0m));
            Assert.That(shares[Newham].Sentence, Is.EqualTo(
                "Newham used 75.0% of the block's bed-days (90 of 120) and paid 20.0% of the pooled budget: 55.0 percentage points more than its share."));
            Assert.That(shares[Havering].Sentence, Is.EqualTo(
                "Havering used none of the block's 120 bed-days and paid 60.0% of the pooled budget: 60.0 percentage points less than its share."));
        });
    }

    [Test]
    public void Thirds_are_rounded_once_at_the_end_to_one_decimal_place()
    {
        var stays = new[] { new BlockStay(Newham, From, new DateOnly(2025, 4, 2)), new BlockStay(Hackney, From, new DateOnly(2025, 4, 3)) };
        var budget = new Dictionary<string, decimal> { [Newham] = 1m, [Hackney] = 1m, [Havering] = 1m };

        var shares = FairnessArithmetic.Shares(stays, budget, From, To, Boroughs.All).ToDictionary(b => b.BoroughCode);

        Assert.Multiple(() =>
        {
            Assert.That(shares[Newham].BedDayShare, Is.EqualTo(33.3m));
            Assert.That(shares[Hackney].BedDayShare, Is.EqualTo(66.7m));
            Assert.That(shares[Newham].BudgetShare, Is.EqualTo(33.3m));
            Assert.That(shares[Newham].DifferencePoints, Is.EqualTo(0.0m));
            Assert.That(shares[Newham].Sentence, Does.EndWith("exactly in line with its share."));
            Assert.That(shares[Hackney].DifferencePoints, Is.EqualTo(33.3m));
        });
    }

    [Test]
    public void With_no_bed_days_and_no_budget_the_sentences_say_there_is_nothing_to_compare()
    {
        var shares = FairnessArithmetic.Shares([], new Dictionary<string, decimal>(), From, To, Boroughs.All);

        Assert.Multiple(() =>
        {
            Assert.That(shares, Has.Count.EqualTo(8));
            Assert.That(shares.Select(s => s.BedDayShare), Is.All.EqualTo(0m));
            Assert.That(shares.Select(s => s.BudgetShare), Is.All.Null);
            Assert.That(shares[0].Sentence, Does.StartWith("No block bed-days were used by any borough in the period"));
        });
    }

    [Test]
    public void A_financial_year_is_read_from_its_code_and_a_wrong_code_names_the_field()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FinancialYear.Parse("2026-27").From, Is.EqualTo(new DateOnly(2026, 4, 1)));
            Assert.That(FinancialYear.Parse("2099-00").To, Is.EqualTo(new DateOnly(2100, 3, 31)));
            Assert.That(FinancialYear.Containing(new DateOnly(2026, 3, 31)).Code, Is.EqualTo("2025-26"));
            Assert.That(Assert.Throws<RequestValidationException>(() => FinancialYear.Parse("2026-28"))!.Errors.Keys, Is.EqualTo(new[] { "financialYear" }));
        });
    }
}

public sealed class FairnessQueryTests
{
    private ModuleTestHost _host = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        (_host, _) = await HostAsync();
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 10, 9, 0, 0, TimeSpan.Zero));
        var setAt = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var newhamFirst = Guid.NewGuid();
        await PublishAsync(new PooledBudgetContributionSet(Newham, "2025-26", 100_000m) { EventId = newhamFirst, OccurredAt = setAt });
        await PublishAsync(new PooledBudgetContributionSet(Newham, "2025-26", 300_000m) { EventId = Guid.NewGuid(), OccurredAt = setAt.AddDays(1) });
        await PublishAsync(new PooledBudgetContributionSet(Newham, "2025-26", 100_000m) { EventId = newhamFirst, OccurredAt = setAt }); // redelivered
        await PublishAsync(new PooledBudgetContributionSet(Hackney, "2025-26", 100_000m) { EventId = Guid.NewGuid(), OccurredAt = setAt });
        await PublishAsync(new PooledBudgetContributionSet(Havering, "2025-26", 600_000m) { EventId = Guid.NewGuid(), OccurredAt = setAt });
        await PublishAsync(new PooledBudgetContributionSet(Havering, "2026-27", 900_000m) { EventId = Guid.NewGuid(), OccurredAt = setAt });

        await PlacementAsync(Newham, "B1", new DateOnly(2025, 4, 1), new DateOnly(2025, 7, 10)); // 100 days
        await PlacementAsync(Newham, "B2", new DateOnly(2025, 3, 1), new DateOnly(2025, 4, 21)); // 20 days in the year
        await PlacementAsync(Hackney, "B3", new DateOnly(2026, 3, 2), null); // 30 days to the year's end
        await PlacementAsync(Hackney, "B4", null, null); // agreed, never started: no days

        var made = new DateTimeOffset(2026, 1, 10, 10, 0, 0, TimeSpan.Zero);
        await OfferAsync("PRV-A", made, new OfferAccepted(Guid.Empty, Guid.NewGuid(), new DateOnly(2026, 2, 1), null, made.AddDays(1), "p"));
        await OfferAsync("PRV-A", made, new OfferDeclined(Guid.Empty, "no-staffing", null, made.AddDays(1), "p"));
        await OfferAsync("PRV-A", made, new OfferLapsed(Guid.Empty, made.AddDays(2)));
        await OfferAsync("PRV-B", made, new OfferDeclined(Guid.Empty, "cannot-meet-needs", null, made.AddDays(1), "p"));
        await OfferAsync("PRV-B", made, new OfferDeclined(Guid.Empty, "no-staffing", "Two staff off", made.AddDays(1), "p"));
        await OfferAsync("PRV-B", made.AddYears(1), new OfferDeclined(Guid.Empty, "no-staffing", null, made.AddYears(1), "p")); // next year

        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 10, 9, 0, 0, TimeSpan.Zero));
        foreach (var start in new[] { new DateOnly(2025, 6, 1), new DateOnly(2026, 1, 5), new DateOnly(2026, 4, 2) }) // the last is in the next year
        {
            await _host.SendAsync(new Commissioning.Brokerage.SpotPurchases.OutsideBrokerage.RecordOutsidePlacement(
                "NH-FAIR", null, "court-direction", null, "Willow Care", "Residential", "E13", start, 5000m, "high"), Referrer(Newham));
        }
    }

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    private async Task PublishAsync(PooledBudgetContributionSet message)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().ActAsSystem(AccessChannel.Background);
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(message);
    }

    private async Task PlacementAsync(string borough, string bedId, DateOnly? start, DateOnly? end)
    {
        var id = Guid.NewGuid();
        var at = _host.Clock.GetUtcNow();
        var events = new List<object>
        {
            new PlacementAgreed(id, Guid.NewGuid(), "R-26-AAAAAA", null, null, bedId, "HOME-1", "PRV-A", borough, "high", null, start ?? new DateOnly(2026, 5, 1), null, at, "b"),
        };
        if (start is { } s)
        {
            events.Add(new PlacementStartRecorded(id, bedId, null, borough, "high", s, s.AddMonths(6), at, "b"));
        }

        if (end is { } e)
        {
            events.Add(new PlacementEndRecorded(id, bedId, e, "E8", null, true, null, at, "b"));
        }

        await _host.Store.OpenSession(EventMetadata.System()).Append(PlacementStreams.Placement(id), PlacementStreams.PlacementStreamType, ExpectedVersion.NoStream, events, borough)
            .SaveChangesAsync();
    }

    private async Task OfferAsync(string provider, DateTimeOffset made, object answer)
    {
        var id = Guid.NewGuid();
        var summary = new OfferSummary("high", null, "female", null, null, null, new Dictionary<string, string>(), [], null);
        object Stamped(object e) => e switch
        {
            OfferAccepted a => a with { OfferId = id },
            OfferDeclined d => d with { OfferId = id },
            OfferLapsed l => l with { OfferId = id },
            _ => e,
        };
        await _host.Store.OpenSession(EventMetadata.System()).Append(PlacementStreams.Offer(id), PlacementStreams.OfferStreamType, ExpectedVersion.NoStream,
                [new OfferMade(id, Guid.NewGuid(), "R-26-AAAAAA", "B9", "HOME-9", provider, Newham, summary, made.AddDays(2), made, "b"), Stamped(answer)], Newham)
            .SaveChangesAsync();
    }

    [Test]
    public async Task A_small_constructed_year_gives_exact_shares_from_the_latest_contributions_and_block_beds_only()
    {
        var fairness = await _host.SendAsync(new GetFairness("2025-26"), BoardMember);
        var boroughs = fairness.Boroughs.ToDictionary(b => b.BoroughCode);

        Assert.Multiple(() =>
        {
            Assert.That(fairness.CountedTo, Is.EqualTo(new DateOnly(2026, 3, 31)));
            Assert.That(fairness.TotalBedDays, Is.EqualTo(150));
            Assert.That(fairness.TotalContributions, Is.EqualTo(1_000_000m));
            Assert.That(boroughs[Newham].BedDays, Is.EqualTo(120));
            Assert.That(boroughs[Newham].BedDayShare, Is.EqualTo(80.0m));
            Assert.That(boroughs[Newham].BudgetShare, Is.EqualTo(30.0m));
            Assert.That(boroughs[Newham].DifferencePoints, Is.EqualTo(50.0m));
            Assert.That(boroughs[Hackney].BedDays, Is.EqualTo(30));
            Assert.That(boroughs[Hackney].BedDayShare, Is.EqualTo(20.0m));
            Assert.That(boroughs[Hackney].DifferencePoints, Is.EqualTo(10.0m));
            Assert.That(boroughs[Havering].DifferencePoints, Is.EqualTo(-60.0m));
            Assert.That(fairness.PlacedOutsideBrokerage, Is.EqualTo(new Dictionary<string, int> { [Newham] = 2 }));
        });
    }

    [Test]
    public async Task Each_providers_offers_are_counted_with_declines_by_reason_within_the_year()
    {
        var fairness = await _host.SendAsync(new GetFairness("2025-26"), Manager(Newham));
        var providers = fairness.Providers.ToDictionary(p => p.ProviderCode);

        Assert.Multiple(() =>
        {
            Assert.That(providers["PRV-A"], Is.EqualTo(providers["PRV-A"] with { Offers = 3, Accepted = 1, Declined = 1, Lapsed = 1, Withdrawn = 0, Open = 0, AcceptanceRate = 33.3m }));
            Assert.That(providers["PRV-A"].DeclinesByReason, Is.EqualTo(new Dictionary<string, int> { ["no-staffing"] = 1 }));
            Assert.That(providers["PRV-B"].Offers, Is.EqualTo(2));
            Assert.That(providers["PRV-B"].DeclinesByReason, Is.EqualTo(new Dictionary<string, int> { ["cannot-meet-needs"] = 1, ["no-staffing"] = 1 }));
            Assert.That(providers["PRV-B"].AcceptanceRate, Is.EqualTo(0m));
        });
    }

    [Test]
    public void Roles_without_oversight_may_not_see_it()
    {
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ForbiddenException>(() => _host.SendAsync(new GetFairness(null), Referrer(Newham)));
            Assert.ThrowsAsync<ForbiddenException>(() => _host.SendAsync(new GetFairness(null), Provider("PRV-A")));
        });
    }
}
