using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Placements;

/// <summary>A referral from its own stream (the Referrals part's <see cref="Referral"/> state), with the version it was read at.</summary>
internal sealed class ReferralStreamLookup([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store) : IPlacementReferrals
{
    public async Task<PlacementReferral?> FindAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var (referral, version) = await store.LoadAsync<Referral>(ReferralStreams.For(referralId), cancellationToken);
        return referral.Exists
            ? new PlacementReferral(referral.Id, referral.Reference ?? "", referral.BoroughCode, ReferralStatuses.Code(referral.Status), referral.Details, version)
            : null;
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
                   (in_contract_from IS NULL OR in_contract_from <= $2) AND (in_contract_to IS NULL OR in_contract_to >= $2),
                   vacancy_status, available_from, coalesce(confirmation_lapsed, false)
            FROM brokerage.beds WHERE bed_id = $1
            """,
            r => new ContractedBed(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4), r.NullableString(5), r.NullableDate(6),
                r.GetBoolean(7)),
            cancellationToken, bedId, today);
        return rows.Count == 1 ? rows[0] : null;
    }
}
