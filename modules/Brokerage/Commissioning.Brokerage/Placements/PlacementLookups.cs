using System.Text.Json;
using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Placements;

/// <summary>A referral from the Referrals part's read model (<c>brokerage.referrals</c>, docs/brokerage.md).</summary>
internal sealed class SqlPlacementReferrals([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store) : IPlacementReferrals
{
    public async Task<PlacementReferral?> FindAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var rows = await ReadModels.QueryAsync(store,
            "SELECT referral_id, reference, borough_code, status, details::text FROM brokerage.referrals WHERE referral_id = $1",
            r => new PlacementReferral(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3),
                JsonSerializer.Deserialize<ReferralDetails>(r.GetString(4), EventTypeRegistry.SerializerOptions) ?? new ReferralDetails()),
            cancellationToken, referralId);
        return rows.Count == 1 ? rows[0] : null;
    }
}

/// <summary>A contracted bed from the Beds part's copy (<c>brokerage.beds</c>, docs/brokerage.md).</summary>
internal sealed class SqlContractedBeds([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store) : IContractedBeds
{
    public async Task<ContractedBed?> FindAsync(string bedId, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await ReadModels.QueryAsync(store,
            """
            SELECT bed_id, home_code, provider_code, contracted_band,
                   (in_contract_from IS NULL OR in_contract_from <= $2) AND (in_contract_to IS NULL OR in_contract_to > $2),
                   vacancy_status, available_from, coalesce(confirmation_lapsed, false)
            FROM brokerage.beds WHERE bed_id = $1
            """,
            r => new ContractedBed(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4), r.NullableString(5), r.NullableDate(6),
                r.GetBoolean(7)),
            cancellationToken, bedId, today);
        return rows.Count == 1 ? rows[0] : null;
    }
}
