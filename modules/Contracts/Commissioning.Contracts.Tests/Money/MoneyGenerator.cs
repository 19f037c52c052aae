using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Money;

namespace Commissioning.Contracts.Tests.Money;

/// <summary>Random but reproducible months of contracts, placements, spot contracts and contributions.</summary>
internal static class MoneyGenerator
{
    public static readonly string[] Boroughs = ["E09000016", "E09000002", "E09000030", "E09000025", "E09000031", "E09000026", "E09000012", "E09000001"];

    public static MoneyInputs Month(int seed)
    {
        var random = new Random(seed);
        var month = new MoneyMonth(2026 + random.Next(0, 3), random.Next(1, 13));
        var contracts = Enumerable.Range(0, random.Next(1, 4)).Select(i => Contract(random, i, month)).ToList();
        var beds = contracts.SelectMany(c => c.Beds.Select(b => b.Bed.BedId)).Distinct().ToList();
        var occupancies = new List<BedOccupancy>();
        foreach (var bed in beds)
        {
            // Up to three placements one after another, sometimes starting before the month or running past it.
            var cursor = month.FirstDay.AddDays(random.Next(-40, 20));
            for (var n = random.Next(0, 4); n > 0; n--)
            {
                var start = cursor.AddDays(random.Next(0, 10));
                DateOnly? end = random.Next(4) == 0 ? null : start.AddDays(random.Next(1, 40));
                var bands = new List<(DateOnly, NeedBand)> { (start, RandomBand(random)) };
                if (random.Next(3) == 0)
                {
                    bands.Add((start.AddDays(random.Next(1, 30)), RandomBand(random)));
                }

                occupancies.Add(new BedOccupancy(Guid.NewGuid(), bed, Boroughs[random.Next(Boroughs.Length)], start, end, bands));
                if (end is null)
                {
                    break;
                }

                cursor = end.Value;
            }
        }

        var spots = Enumerable.Range(0, random.Next(0, 3)).Select(i =>
        {
            var from = month.FirstDay.AddDays(random.Next(-30, 25));
            return new SpotCharge(Guid.NewGuid(), $"SPOT-{i}", $"PRV-S{i}", $"HOME-S{i}", Boroughs[random.Next(Boroughs.Length)], RandomBand(random),
                Price(random), from, random.Next(2) == 0 ? null : from.AddDays(random.Next(1, 60)));
        }).ToList();

        var contributions = random.Next(20) == 0
            ? new Dictionary<string, decimal>()
            : Boroughs.Where(_ => random.Next(5) > 0).ToDictionary(b => b, _ => random.Next(0, 3_000_000) + random.Next(0, 100) / 100m);
        return new MoneyInputs(month, contracts, occupancies, spots, contributions);
    }

    private static ContractTerms Contract(Random random, int index, MoneyMonth month)
    {
        var id = Guid.NewGuid();
        var starts = month.FirstDay.AddDays(-random.Next(0, 900)).AddDays(random.Next(0, 2) * random.Next(0, 25));
        var beds = Enumerable.Range(1, random.Next(1, 8))
            .Select(b => new ContractedBed($"C{index}-B{b}", $"HOME-{index}-{b % 3}", RandomBand(random)))
            .ToList();
        var terms = ContractTerms.Initial.Apply(new BlockContractAgreed(id, $"BC-{index}", $"PRV-{(char)('A' + index)}", [], starts,
            starts.AddYears(8).AddDays(-1), null, [], Prices(random), random.Next(0, 6) + random.Next(0, 100) / 100m, 7m, "OF-1", beds));
        if (random.Next(2) == 0)
        {
            var variation = Guid.NewGuid();
            var effective = month.FirstDay.AddDays(random.Next(-60, 31));
            terms = terms
                .Apply(new ContractVariationProposed(id, variation, effective, "Generated", [new ContractedBed($"C{index}-V1", $"HOME-{index}-9", RandomBand(random))],
                    random.Next(2) == 0 ? [beds[0].BedId] : [], random.Next(2) == 0 ? Prices(random) : null))
                .Apply(new ContractVariationApproved(id, variation, effective.AddDays(-10), "tester"));
        }

        return terms;
    }

    private static Dictionary<NeedBand, decimal> Prices(Random random) =>
        Enum.GetValues<NeedBand>().ToDictionary(b => b, _ => Price(random));

    private static decimal Price(Random random) => random.Next(2_000, 12_000) + random.Next(0, 100) / 100m;

    private static NeedBand RandomBand(Random random) => (NeedBand)random.Next(4);
}
