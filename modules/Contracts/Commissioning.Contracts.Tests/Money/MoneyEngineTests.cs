using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Money;

namespace Commissioning.Contracts.Tests.Money;

public sealed class MoneyEngineTests
{
    private const string Havering = "E09000016";
    private const string Newham = "E09000025";
    private const string Hackney = "E09000012";
    private static readonly Guid ContractId = Guid.Parse("00000000-0000-0000-0000-0000000000c1");

    private static ContractTerms TwoBedContract() => ContractTerms.Initial.Apply(new BlockContractAgreed(
        ContractId, "BC-1", "PRV-A", [], new DateOnly(2026, 4, 1), new DateOnly(2034, 3, 31), null, [],
        new Dictionary<NeedBand, decimal> { [NeedBand.Low] = 3500m, [NeedBand.Medium] = 4200m, [NeedBand.High] = 5600m, [NeedBand.Specialist] = 7000m },
        3m, 7m, "OF-1",
        [new ContractedBed("B1", "H1", NeedBand.Medium), new ContractedBed("B2", "H1", NeedBand.High)]));

    [Test]
    public void An_occupied_day_is_charged_at_the_childs_band_and_a_void_day_at_the_beds_band()
    {
        var october = new MoneyMonth(2026, 10);
        var child = new BedOccupancy(Guid.NewGuid(), "B1", Newham, new DateOnly(2026, 10, 11), null, [(new DateOnly(2026, 10, 11), NeedBand.Low)]);

        var money = MoneyEngine.Compute(
            new MoneyInputs(october, [TwoBedContract()], [child], [], new Dictionary<string, decimal> { [Havering] = 100m, [Newham] = 300m }),
            new PooledBudgetShareRule());

        var lines = money.FeeSchedules.Single().Lines;
        Assert.Multiple(() =>
        {
            // B1: void 1-10 October at medium (10 × 4200 / 7 = 6000), occupied 11-31 at the child's low band (21 × 3500 / 7 = 10500).
            Assert.That(lines.Where(l => l.BedId == "B1").Select(l => (l.Kind, l.Band, l.Days, l.Amount)), Is.EqualTo(new[]
            {
                (FeeLineKind.Void, NeedBand.Medium, 10, 6000.00m),
                (FeeLineKind.Occupied, NeedBand.Low, 21, 10500.00m),
            }));
            // B2: void all month at high: 31 × 5600 / 7 = 24800.
            Assert.That(lines.Single(l => l.BedId == "B2").Amount, Is.EqualTo(24800.00m));
            Assert.That(money.VoidCost, Is.EqualTo(30800.00m));
            Assert.That(money.Recharges.Single(r => r.BoroughCode == Havering).VoidShare, Is.EqualTo(7700.00m));
            Assert.That(money.Recharges.Single(r => r.BoroughCode == Newham).Total, Is.EqualTo(10500.00m + 23100.00m));
            Assert.That(money.Recharged, Is.EqualTo(money.FeesPayable));
        });
    }

    [Test]
    public void A_child_rebanded_mid_month_is_charged_at_each_band_from_its_effective_date()
    {
        var child = new BedOccupancy(Guid.NewGuid(), "B1", Newham, new DateOnly(2026, 9, 1), null,
            [(new DateOnly(2026, 9, 1), NeedBand.Low), (new DateOnly(2026, 10, 15), NeedBand.High)]);

        var money = MoneyEngine.Compute(new MoneyInputs(new MoneyMonth(2026, 10), [TwoBedContract()], [child], [], new Dictionary<string, decimal>()),
            new PooledBudgetShareRule());

        Assert.That(money.FeeSchedules.Single().Lines.Where(l => l.BedId == "B1").Select(l => (l.Band, l.From, l.Days)), Is.EqualTo(new[]
        {
            (NeedBand.Low, new DateOnly(2026, 10, 1), 14),
            (NeedBand.High, new DateOnly(2026, 10, 15), 17),
        }));
    }

    [Test]
    public void The_annual_uplift_splits_a_line_on_the_contracts_anniversary_and_each_part_rounds_once()
    {
        var money = MoneyEngine.Compute(new MoneyInputs(new MoneyMonth(2027, 4), [TwoBedContract()], [], [], new Dictionary<string, decimal>()),
            new PooledBudgetShareRule());

        // The contract started 1 April 2026: from 1 April 2027 every price is 3% higher, so April 2027 is all uplifted.
        var b1 = money.FeeSchedules.Single().Lines.Single(l => l.BedId == "B1");
        Assert.Multiple(() =>
        {
            Assert.That(b1.WeeklyPrice, Is.EqualTo(4326.00m));
            Assert.That(b1.Amount, Is.EqualTo(decimal.Round(30 * 4326m / 7, 2, MidpointRounding.AwayFromZero)));
            Assert.That(money.UnallocatedVoid, Is.EqualTo(money.VoidCost), "no contributions: the void cost is reported unallocated, not lost");
        });
    }

    [Test]
    public void A_spot_contract_is_charged_wholly_to_its_borough_and_shares_no_void()
    {
        var spot = new SpotCharge(Guid.NewGuid(), "SP-1", "PRV-Z", "HZ", Hackney, NeedBand.Specialist, 8400m, new DateOnly(2026, 10, 20), null);

        var money = MoneyEngine.Compute(
            new MoneyInputs(new MoneyMonth(2026, 10), [], [], [spot], new Dictionary<string, decimal> { [Havering] = 1m }),
            new PooledBudgetShareRule());

        Assert.Multiple(() =>
        {
            Assert.That(money.Recharges.Single(r => r.BoroughCode == Hackney).Total, Is.EqualTo(12 * 1200m));
            Assert.That(money.FeeSchedules.Single().ProviderCode, Is.EqualTo("PRV-Z"));
            Assert.That(money.VoidCost, Is.Zero);
        });
    }

    [Test]
    public void Largest_remainder_gives_the_odd_pennies_to_the_largest_remainders_and_loses_none()
    {
        var shares = LargestRemainder.Allocate(100.00m, new Dictionary<string, decimal> { ["A"] = 1, ["B"] = 1, ["C"] = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(shares.Values.Sum(), Is.EqualTo(100.00m));
            Assert.That(shares, Is.EquivalentTo(new Dictionary<string, decimal> { ["A"] = 33.34m, ["B"] = 33.33m, ["C"] = 33.33m }));
        });
    }

    [Test]
    public void Over_many_generated_months_the_recharges_add_up_exactly_to_the_fees_payable()
    {
        for (var seed = 1; seed <= 400; seed++)
        {
            var inputs = MoneyGenerator.Month(seed);
            foreach (IVoidSharingRule rule in new IVoidSharingRule[] { new PooledBudgetShareRule(), new UseShareRule() })
            {
                var money = MoneyEngine.Compute(inputs, rule);
                var lines = money.FeeSchedules.SelectMany(s => s.Lines).ToList();

                Assert.That(money.Recharged + money.UnallocatedVoid, Is.EqualTo(money.FeesPayable), $"seed {seed}, rule {rule.Code}");
                Assert.That(lines, Has.All.Matches<FeeLine>(l => l.Amount == MoneyEngine.LineAmount(l.Days, l.WeeklyPrice) && l.Amount == decimal.Round(l.Amount, 2)),
                    $"seed {seed}: every line rounds once, to the penny");
                Assert.That(money.Recharges.Sum(r => r.VoidShare) + money.UnallocatedVoid, Is.EqualTo(money.VoidCost), $"seed {seed}");

                // Every contracted bed-day is paid exactly once.
                var contractedBedDays = inputs.Contracts.Sum(t => inputs.Month.Dates.Sum(d => t.BedsOn(d).Count()));
                Assert.That(lines.Where(l => l.Kind != FeeLineKind.Spot).Sum(l => l.Days), Is.EqualTo(contractedBedDays), $"seed {seed}");

                // Each void share is within a penny of its exact proportion.
                var weights = rule.Weights(new VoidSharingContext(inputs.Month, inputs.Contributions,
                    lines.Where(l => l.Kind == FeeLineKind.Occupied).GroupBy(l => l.BoroughCode!).ToDictionary(g => g.Key, g => g.Sum(l => l.Days))));
                var total = weights.Values.Where(w => w > 0).Sum();
                foreach (var recharge in money.Recharges.Where(_ => total > 0))
                {
                    var exact = money.VoidCost * (weights.TryGetValue(recharge.BoroughCode, out var w) && w > 0 ? w : 0) / total;
                    Assert.That(Math.Abs(recharge.VoidShare - exact), Is.LessThan(0.01m), $"seed {seed}, {recharge.BoroughCode}");
                }
            }
        }
    }
}
