using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Money;
using Commissioning.Messages.Brokerage;
using Commissioning.Messages.Partnership;
using Commissioning.TestKit;
using static Commissioning.Contracts.Tests.BedLedger.LedgerTestData;

namespace Commissioning.Contracts.Tests.Money;

/// <summary>Issue 4's acceptance: over a 12-month generated history in PostgreSQL, void cost and recharges add up exactly to the fees payable.</summary>
public sealed class MoneyAcceptanceTests
{
    private static readonly string[] Boroughs = MoneyGenerator.Boroughs;

    [TestCase(11)]
    [TestCase(2026)]
    [TestCase(90210)]
    public async Task Over_twelve_generated_months_void_cost_and_recharges_add_up_exactly_to_the_fees_payable(int seed)
    {
        await using var host = await ModuleTestHost.StartAsync(new ContractsModule());
        var random = new Random(seed);
        var first = new MoneyMonth(2026, 6);

        var a = await AgreeContractAsync(host, "PRV-A", new DateOnly(2026, 4, 1),
            [.. Enumerable.Range(1, 6).Select(i => new ContractedBed($"A-{i}", $"HOME-A{i % 2}", (NeedBand)random.Next(4)))]);
        await AgreeContractAsync(host, "PRV-B", new DateOnly(2026, 6, 15),
            [.. Enumerable.Range(1, 3).Select(i => new ContractedBed($"B-{i}", "HOME-B", (NeedBand)random.Next(4)))]);
        await VaryAsync(host, a, new DateOnly(2026, 9, 10), [new ContractedBed("A-7", "HOME-A1", NeedBand.Specialist)], ["A-6"], null);
        await VaryAsync(host, a, new DateOnly(2027, 1, 1), [], [],
            new Dictionary<NeedBand, decimal> { [NeedBand.Low] = 3611.11m, [NeedBand.Medium] = 4333.33m, [NeedBand.High] = 5777.77m, [NeedBand.Specialist] = 7222.22m });

        foreach (var year in new[] { "2026-27", "2027-28" })
        {
            foreach (var borough in Boroughs)
            {
                await PublishAsync(host, new PooledBudgetContributionSet(borough, year, random.Next(50_000, 900_000) + random.Next(100) / 100m)
                    { EventId = Guid.NewGuid(), OccurredAt = host.Clock.GetUtcNow() });
            }
        }

        var spot = Guid.NewGuid();
        await host.Store.OpenSession(EventMetadata.System())
            .Append($"spot-contract-{spot:N}", "spot-contract", ExpectedVersion.NoStream,
                [new SpotContractAgreed(spot, "SPOT-1", "PRV-C", "HOME-C", Boroughs[random.Next(8)], NeedBand.High, 6123.45m, new DateOnly(2026, 8, 17), new DateOnly(2027, 2, 3))])
            .SaveChangesAsync();

        // Placements one after another in each bed, from Brokerage's events: sometimes through a hold, sometimes re-banded.
        foreach (var bed in Enumerable.Range(1, 7).Select(i => $"A-{i}").Concat(Enumerable.Range(1, 3).Select(i => $"B-{i}")))
        {
            var cursor = new DateOnly(2026, 6, 1).AddDays(random.Next(0, 60) + (bed.StartsWith('B') ? 14 : 0) + (bed == "A-7" ? 100 : 0));
            while (cursor < new DateOnly(2027, 6, 1))
            {
                var placement = Guid.NewGuid();
                Guid? offer = random.Next(2) == 0 ? Guid.NewGuid() : null;
                var borough = Boroughs[random.Next(8)];
                if (offer is { } o)
                {
                    await PublishAsync(host, new BedHeld(bed, o, $"REF-{random.Next(10000)}", borough, host.Clock.GetUtcNow(), host.Clock.GetUtcNow().AddDays(2)) { EventId = Guid.NewGuid() });
                }

                await PublishAsync(host, new PlacementStarted(placement, bed, null, offer, borough, Band(random), cursor) { EventId = Guid.NewGuid() });
                var end = cursor.AddDays(random.Next(5, 160));
                if (random.Next(3) == 0)
                {
                    await PublishAsync(host, new PlacementRebanded(placement, Band(random), cursor.AddDays(random.Next(0, end.DayNumber - cursor.DayNumber))) { EventId = Guid.NewGuid() });
                }

                if (bed == "A-6" && end > new DateOnly(2026, 9, 10))
                {
                    end = new DateOnly(2026, 9, 10);
                }

                await PublishAsync(host, new PlacementEnded(placement, end, random.Next(4) > 0) { EventId = Guid.NewGuid() });
                cursor = end.AddDays(random.Next(0, 30));
                if (bed == "A-6" && cursor >= new DateOnly(2026, 9, 10))
                {
                    break;
                }
            }
        }

        var finance = As("FIN", Roles.Finance);
        var (occupiedSeen, voidSeen, spotSeen) = (0m, 0m, 0m);
        for (var m = 0; m < 12; m++)
        {
            var month = new MoneyMonth(first.FirstDay.AddMonths(m).Year, first.FirstDay.AddMonths(m).Month);
            var recharges = await host.SendAsync(new GetRecharges(null, month.ToString()), finance);
            var schedules = await host.SendAsync(new GetFeeSchedules(null, month.ToString()), finance);
            var summary = await host.SendAsync(new GetMoneySummary(month.ToString()), finance);
            var feeLines = schedules.SelectMany(s => s.Lines).ToList();
            (occupiedSeen, voidSeen, spotSeen) = (occupiedSeen + schedules.Sum(s => s.Occupied), voidSeen + schedules.Sum(s => s.Void), spotSeen + schedules.Sum(s => s.Spot));

            Assert.Multiple(() =>
            {
                Assert.That(summary.Anomalies, Is.Empty, $"{month}");
                Assert.That(summary.UnallocatedVoid, Is.Zero, $"{month}");
                Assert.That(recharges.Sum(r => r.Total), Is.EqualTo(schedules.Sum(s => s.Total)), $"{month}: recharges = fees payable, to the penny");
                Assert.That(recharges.Sum(r => r.VoidShare), Is.EqualTo(schedules.Sum(s => s.Void)), $"{month}: void shares = void cost");
                Assert.That(recharges.Sum(r => r.Occupied + r.Spot + r.VoidShare), Is.EqualTo(summary.FeesPayable), $"{month}");
                Assert.That(feeLines.Sum(l => l.Amount), Is.EqualTo(summary.FeesPayable), $"{month}");
                Assert.That(feeLines, Has.All.Matches<FeeLineView>(l => l.Amount == decimal.Round(l.Amount, 2)), $"{month}: lines in pounds and pence");
                Assert.That(recharges.Select(r => r.BoroughCode), Is.EquivalentTo(Boroughs), $"{month}: every contributing borough shares the void");
            });
        }

        Assert.That(new[] { occupiedSeen, voidSeen, spotSeen }, Has.All.Positive, "the history has occupied, void and spot days to add up");
    }

    [Test]
    public async Task A_borough_manager_sees_only_its_own_boroughs_recharge()
    {
        await using var host = await ModuleTestHost.StartAsync(new ContractsModule());
        await AgreeContractAsync(host, "PRV-A", new DateOnly(2026, 4, 1), new ContractedBed("A-1", "HOME-A", NeedBand.Medium));
        foreach (var borough in Boroughs)
        {
            await PublishAsync(host, new PooledBudgetContributionSet(borough, "2026-27", 1000m) { EventId = Guid.NewGuid(), OccurredAt = host.Clock.GetUtcNow() });
        }

        var own = await host.SendAsync(new GetRecharges(null, "2026-10"), As("E09000025", Roles.BoroughManager));

        Assert.Multiple(() =>
        {
            Assert.That(own.Select(r => r.BoroughCode), Is.EqualTo(new[] { "E09000025" }));
            Assert.ThrowsAsync<NotFoundException>(() => host.SendAsync(new GetRecharges("E09000016", "2026-10"), As("E09000025", Roles.BoroughManager)));
            Assert.ThrowsAsync<NotFoundException>(() => host.SendAsync(new GetFeeSchedules("PRV-A", "2026-10"), As("PRV-B", Roles.Provider)));
        });
    }

    [Test]
    public async Task A_variation_changes_prices_only_from_its_effective_date()
    {
        await using var host = await ModuleTestHost.StartAsync(new ContractsModule());
        var id = await AgreeContractAsync(host, "PRV-A", new DateOnly(2026, 4, 1), new ContractedBed("A-1", "HOME-A", NeedBand.Low));
        await VaryAsync(host, id, new DateOnly(2026, 10, 15), [], [], new Dictionary<NeedBand, decimal>(Prices) { [NeedBand.Low] = 4200m });

        var lines = (await host.SendAsync(new GetFeeSchedules(null, "2026-10"), As("FIN", Roles.Finance))).Single().Lines;

        Assert.That(lines.Select(l => (l.From, l.Days, l.WeeklyPrice, l.Amount)), Is.EqualTo(new[]
        {
            (new DateOnly(2026, 10, 1), 14, 3500m, 7000.00m),
            (new DateOnly(2026, 10, 15), 17, 4200m, 10200.00m),
        }));
    }

    private static string Band(Random random) => ((NeedBand)random.Next(4)).ToString().ToLowerInvariant();
}
