using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Contracts.Core;
using Commissioning.Contracts.Providers;

namespace Commissioning.Contracts.BlockContracts;

/// <summary>Beds asked for at one home and band, as typed: <c>{ "homeCode": "HOME-01", "band": "high", "count": 2 }</c>.</summary>
internal sealed record BedRequest(string? HomeCode, string? Band, int? Count);

/// <summary>The checks on contracts that need the read models: providers, homes, their places and the beds already contracted.</summary>
internal sealed class ContractRules(EventStore store)
{
    public static bool IsMoney(decimal value) => value > 0 && decimal.Round(value, 2) == value;

    public async Task<bool> ProviderExistsAsync(string code, CancellationToken cancellationToken) =>
        await store.CurrentVersionAsync(ProviderStreams.For(code), cancellationToken) is > 0;

    /// <summary>
    /// Checks beds asked for (field <paramref name="field"/>[i]) against the homes: each exists, is run by one of
    /// <paramref name="providers"/>, can meet the band, and has room for them on top of the beds already contracted
    /// (or proposed) there. Adds messages to <paramref name="errors"/>.
    /// </summary>
    public async Task CheckBedsAsync(
        string field, IReadOnlyList<BedRequest> beds, IReadOnlyCollection<string> providers, IReadOnlyCollection<string> removedBedIds,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var codes = beds.Select(b => (b.HomeCode ?? "").Trim().ToUpperInvariant()).Distinct().ToArray();
        var homes = (await ReadModels.QueryAsync(
                store,
                $"""
                SELECT h.home_code, h.provider_code, h.bands, h.registered_places,
                       (SELECT count(*)::int FROM {CoreTables.ContractBeds} b
                        WHERE b.home_code = h.home_code AND b.contracted_until IS NULL AND NOT (b.bed_id = ANY($2))),
                       h.name
                FROM {CoreTables.Homes} h WHERE h.home_code = ANY($1)
                """,
                r => (Code: r.GetString(0), Provider: r.GetString(1), Bands: r.Strings(2), Places: r.GetInt32(3), Contracted: r.GetInt32(4), Name: r.GetString(5)),
                cancellationToken,
                codes,
                removedBedIds.ToArray()))
            .ToDictionary(h => h.Code);
        var asked = new Dictionary<string, int>();
        for (var i = 0; i < beds.Count; i++)
        {
            var code = (beds[i].HomeCode ?? "").Trim().ToUpperInvariant();
            if (!homes.TryGetValue(code, out var home))
            {
                errors[$"{field}[{i}].homeCode"] = [$"There is no home with the code {code}: enter the code of a registered home, for example HOME-01"];
                continue;
            }

            if (!providers.Contains(home.Provider))
            {
                errors[$"{field}[{i}].homeCode"] =
                    [$"{code} ({home.Name}) is run by {home.Provider}, which is not a party to this contract: contract beds only in the provider's (or the consortium members') homes"];
                continue;
            }

            if (NeedBands.TryParse(beds[i].Band) is { } band && !home.Bands.Contains(NeedBands.Code(band)))
            {
                errors[$"{field}[{i}].band"] = [$"{code} cannot meet the {NeedBands.Code(band)} band: it meets {string.Join(", ", home.Bands)}"];
                continue;
            }

            asked[code] = asked.GetValueOrDefault(code) + (beds[i].Count ?? 0);
            if (home.Contracted + asked[code] > home.Places)
            {
                errors[$"{field}[{i}].count"] =
                    [$"{code} is registered for {home.Places} places and {home.Contracted} are already contracted: at most {Math.Max(0, home.Places - home.Contracted - asked[code] + (beds[i].Count ?? 0))} more can be contracted there"];
            }
        }
    }

    /// <summary>New bed ids for the beds asked for, numbered on from every bed ever contracted or proposed at each home (HOME-01-B3).</summary>
    public async Task<IReadOnlyList<ContractedBed>> NumberBedsAsync(IReadOnlyList<BedRequest> beds, CancellationToken cancellationToken)
    {
        var codes = beds.Select(b => b.HomeCode!.Trim().ToUpperInvariant()).Distinct().ToArray();
        var existing = await ReadModels.QueryAsync(
            store,
            $"""
            SELECT bed_id FROM {CoreTables.ContractBeds} WHERE home_code = ANY($1)
            UNION
            SELECT b->>'bedId' FROM {CoreTables.ContractVariations} v, jsonb_array_elements(v.beds_added) b WHERE b->>'homeCode' = ANY($1)
            """,
            r => r.GetString(0),
            cancellationToken,
            (object)codes);
        var next = codes.ToDictionary(c => c, c => 1 + existing
            .Where(id => id.StartsWith(c + "-B", StringComparison.Ordinal))
            .Select(id => int.TryParse(id.AsSpan(c.Length + 2), out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max());
        var numbered = new List<ContractedBed>();
        foreach (var bed in beds)
        {
            var code = bed.HomeCode!.Trim().ToUpperInvariant();
            for (var n = 0; n < bed.Count; n++)
            {
                numbered.Add(new ContractedBed($"{code}-B{next[code]++}", code, NeedBands.Parse(bed.Band!)));
            }
        }

        return numbered;
    }
}
