using Commissioning.Brokerage.Beds;
using Commissioning.Brokerage.Matching;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.SpotPurchases.SpotRequests;

/// <summary>
/// Reads what spot eligibility needs from the module's own tables: every home in the Beds part's copy of Contracts
/// (<c>brokerage.homes</c>, whether or not it has block beds: a spot purchase buys outside the block), each with its
/// current residents (confirmed and started placements, and awarded spot placements, with their referral's risks), and
/// each provider's checks. A spot placement counts from its award until it ends.
/// </summary>
internal sealed class SpotHomesReader([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store)
{
    private static readonly string RiskColumns = string.Join(", ", RiskFields.All.Select(f => $"r.details->>'{f.FieldName}'"));

    public async Task<IReadOnlyList<MatchingHome>> HomesAsync(CancellationToken cancellationToken)
    {
        var residents = (await ReadModels.QueryAsync(store,
                $"""
                SELECT p.home_code, p.band, {RiskColumns}
                FROM {BrokerageModule.SchemaName}.placements p LEFT JOIN {BrokerageModule.SchemaName}.referrals r ON r.referral_id = p.referral_id
                WHERE p.status IN ('confirmed', 'started')
                UNION ALL
                -- Spot placements awarded in this part live in a home too (the Placements part's table holds block placements only).
                SELECT s.awarded_home_code, s.need_band, {RiskColumns}
                FROM {SpotTables.SpotRequests} s LEFT JOIN {BrokerageModule.SchemaName}.referrals r ON r.referral_id = s.referral_id
                WHERE s.status IN ('awarded', 'placed')
                """,
                r =>
                {
                    var risks = Risks.None;
                    for (var i = 0; i < RiskFields.All.Count; i++)
                    {
                        if (r.NullableString(2 + i) == RiskFields.RiskPresent)
                        {
                            risks |= RiskFields.All[i].Risk;
                        }
                    }

                    return (Home: r.GetString(0), Resident: new CurrentResident(NeedBands.TryParse(r.NullableString(1)) ?? NeedBand.Low, risks));
                },
                cancellationToken))
            .GroupBy(r => r.Home, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CurrentResident>)[.. g.Select(r => r.Resident)], StringComparer.Ordinal);

        return await ReadModels.QueryAsync(store,
            $"""
            SELECT home_code, provider_code, ofsted_urn, postcode_district, latitude, longitude, bands, minimum_age, maximum_age, sexes, suspended,
                   statement_of_purpose_limits, home_mix_limit, ofsted_grade, specialisms
            FROM {BedTables.Homes} ORDER BY home_code
            """,
            r => new MatchingHome(
                r.GetString(0),
                r.GetString(1),
                r.GetString(3),
                new GeoPoint(r.GetDouble(4), r.GetDouble(5)),
                [.. r.Strings(6).Select(NeedBands.TryParse).OfType<NeedBand>()],
                r.GetInt32(7),
                r.GetInt32(8),
                [.. r.Strings(9).Select(MatchingReader.ParseSex).OfType<Sex>()],
                Registered: !string.IsNullOrWhiteSpace(r.GetString(2)),
                Suspended: r.GetBoolean(10),
                r.Strings(11),
                r.GetInt32(12),
                residents.TryGetValue(r.GetString(0), out var living) ? living : [],
                null,
                r.Strings(14)),
            cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<CheckHeld>>> ChecksAsync(CancellationToken cancellationToken) =>
        (await ReadModels.QueryAsync(store, $"SELECT provider_code, check_code, passed_on, expires_on FROM {SpotTables.ProviderChecks}",
            r => (Provider: r.GetString(0), Check: new CheckHeld(r.GetString(1), r.NullableDate(2), r.NullableDate(3))), cancellationToken))
        .GroupBy(c => c.Provider, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<CheckHeld>)[.. g.Select(c => c.Check)], StringComparer.Ordinal);
}
