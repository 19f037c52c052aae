using System.Text.Json;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Contracts.Core;

namespace Commissioning.Contracts.BlockContracts;

/// <summary>
/// Block contracts (their terms as agreed), every bed with the dates it is contracted from and until, each
/// variation with its decision, and spot contracts. Prices over time come from <see cref="ContractTerms"/>.
/// </summary>
internal sealed class ContractsProjection : Projection
{
    public override string Name => "contracts-block-and-spot";

    public override IReadOnlyList<string> OwnedTables =>
        [CoreTables.BlockContracts, CoreTables.ContractBeds, CoreTables.ContractVariations, CoreTables.SpotContracts];

    public static string PricesJson(IReadOnlyDictionary<NeedBand, decimal> prices) =>
        JsonSerializer.Serialize(prices.OrderBy(p => p.Key).ToDictionary(p => NeedBands.Code(p.Key), p => p.Value));

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        switch (storedEvent.Data)
        {
            case BlockContractAgreed e:
                commands.Execute(
                    $"""
                    INSERT INTO {CoreTables.BlockContracts} (contract_id, version, reference, provider_code, consortium_members, starts_on, ends_on, break_on,
                        review_dates, weekly_prices, annual_uplift_percent, innovation_cap_percent, outcome_framework_reference, agreed_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14)
                    """,
                    e.ContractId, storedEvent.Version, e.Reference, e.ProviderCode, e.ConsortiumMembers.ToArray(), e.StartsOn, e.EndsOn, e.BreakOn,
                    e.ReviewDates.ToArray(), PricesJson(e.WeeklyPrices), e.AnnualUpliftPercent, e.InnovationCapPercent, e.OutcomeFrameworkReference,
                    storedEvent.RecordedAt);
                foreach (var bed in e.Beds)
                {
                    InsertBed(commands, e.ContractId, bed, e.StartsOn);
                }

                break;
            case ContractVariationProposed e:
                commands.Execute(
                    $"""
                    INSERT INTO {CoreTables.ContractVariations} (variation_id, contract_id, effective_from, reason, beds_added, beds_removed, new_weekly_prices,
                        status, proposed_at, proposed_by)
                    VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, 'proposed', $8, $9)
                    """,
                    e.VariationId, e.ContractId, e.EffectiveFrom, e.Reason,
                    JsonSerializer.Serialize(e.BedsAdded.Select(b => new { bedId = b.BedId, homeCode = b.HomeCode, band = NeedBands.Code(b.Band) })),
                    e.BedsRemoved.ToArray(), e.NewWeeklyPrices is null ? null : PricesJson(e.NewWeeklyPrices), storedEvent.RecordedAt, storedEvent.Metadata.UserId);
                Touch(commands, e.ContractId, storedEvent.Version);
                break;
            case ContractVariationApproved e:
                commands.Execute(
                    $"UPDATE {CoreTables.ContractVariations} SET status = 'approved', decided_on = $2, decided_by = $3 WHERE variation_id = $1",
                    e.VariationId, e.ApprovedOn, e.ApprovedBy);
                // The variation's beds, from its effective date (the proposal is in the same table).
                commands.Execute(
                    $"""
                    INSERT INTO {CoreTables.ContractBeds} (bed_id, contract_id, home_code, band, contracted_from)
                    SELECT b->>'bedId', v.contract_id, b->>'homeCode', b->>'band', v.effective_from
                    FROM {CoreTables.ContractVariations} v, jsonb_array_elements(v.beds_added) b WHERE v.variation_id = $1
                    """,
                    e.VariationId);
                commands.Execute(
                    $"""
                    UPDATE {CoreTables.ContractBeds} c SET contracted_until = v.effective_from
                    FROM {CoreTables.ContractVariations} v
                    WHERE v.variation_id = $1 AND c.contract_id = v.contract_id AND c.bed_id = ANY(v.beds_removed) AND c.contracted_until IS NULL
                    """,
                    e.VariationId);
                Touch(commands, e.ContractId, storedEvent.Version);
                break;
            case ContractBedsVaried e:
                Touch(commands, e.ContractId, storedEvent.Version);
                break;
            case ContractVariationRejected e:
                commands.Execute(
                    $"UPDATE {CoreTables.ContractVariations} SET status = 'rejected', decided_on = $2, decided_by = $3, rejection_reason = $4 WHERE variation_id = $1",
                    e.VariationId, DateOnly.FromDateTime(storedEvent.RecordedAt.UtcDateTime), storedEvent.Metadata.UserId, e.Reason);
                Touch(commands, e.ContractId, storedEvent.Version);
                break;
            case SpotContractAgreed e:
                commands.Execute(
                    $"""
                    INSERT INTO {CoreTables.SpotContracts} (spot_contract_id, version, reference, provider_code, home_code, borough_code, band, weekly_price,
                        starts_on, ends_on, agreed_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    """,
                    e.SpotContractId, storedEvent.Version, e.Reference, e.ProviderCode, e.HomeCode, e.BoroughCode, NeedBands.Code(e.Band), e.WeeklyPrice,
                    e.StartsOn, e.EndsOn, storedEvent.RecordedAt);
                break;
            case SpotContractEnded e:
                commands.Execute($"UPDATE {CoreTables.SpotContracts} SET version = $2, ends_on = $3 WHERE spot_contract_id = $1",
                    e.SpotContractId, storedEvent.Version, e.EndedOn);
                break;
        }
    }

    private static void InsertBed(ProjectionCommands commands, Guid contractId, ContractedBed bed, DateOnly from) =>
        commands.Execute(
            $"INSERT INTO {CoreTables.ContractBeds} (bed_id, contract_id, home_code, band, contracted_from) VALUES ($1, $2, $3, $4, $5)",
            bed.BedId, contractId, bed.HomeCode, NeedBands.Code(bed.Band), from);

    private static void Touch(ProjectionCommands commands, Guid contractId, long version) =>
        commands.Execute($"UPDATE {CoreTables.BlockContracts} SET version = $2 WHERE contract_id = $1", contractId, version);
}
