using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Contracts.BedLedger;

/// <summary>
/// The ledger's read model beside contracts core's beds: who holds each bed, placements with their bands (for the
/// money), providers' confirmations, the inconsistencies flagged and the pooled-budget copy. Inline: a confirmation
/// is visible as soon as it is stored.
/// </summary>
internal sealed class BedLedgerProjection : Projection
{
    public override string Name => "bed-ledger";

    public override IReadOnlyList<string> OwnedTables { get; } =
    [
        "contracts.ledger_occupancy", "contracts.ledger_placements", "contracts.ledger_placement_bands", "contracts.ledger_confirmations",
        "contracts.ledger_inconsistencies", "contracts.ledger_pooled_budget",
    ];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        switch (storedEvent.Data)
        {
            case BedHoldRecorded e:
                commands.Execute("""
                    INSERT INTO contracts.ledger_occupancy (bed_id, hold_offer_id, hold_referral_reference, hold_borough, held_from, respond_by)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (bed_id) DO UPDATE SET hold_offer_id = $2, hold_referral_reference = $3, hold_borough = $4, held_from = $5, respond_by = $6
                    """, e.BedId, e.OfferId, e.ReferralReference, e.BoroughCode, e.HeldFrom, e.RespondBy);
                break;
            case BedHoldEnded e:
                commands.Execute("""
                    UPDATE contracts.ledger_occupancy SET hold_offer_id = NULL, hold_referral_reference = NULL, hold_borough = NULL, held_from = NULL, respond_by = NULL
                    WHERE bed_id = $1 AND hold_offer_id = $2
                    """, e.BedId, e.OfferId);
                break;
            case BedOccupied e:
                commands.Execute("""
                    INSERT INTO contracts.ledger_placements (placement_id, bed_id, spot_contract_id, borough_code, start_date) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (placement_id) DO NOTHING
                    """, e.PlacementId, e.BedId, e.SpotContractId, e.BoroughCode, e.StartDate);
                commands.Execute("""
                    INSERT INTO contracts.ledger_placement_bands (placement_id, effective_from, band) VALUES ($1, $2, $3)
                    ON CONFLICT (placement_id, effective_from) DO UPDATE SET band = $3
                    """, e.PlacementId, e.StartDate, Codes.Of(e.Band));
                if (e.BedId is not null)
                {
                    commands.Execute("""
                        INSERT INTO contracts.ledger_occupancy (bed_id, placement_id, placement_borough, placement_band, placement_start, placement_end)
                        VALUES ($1, $2, $3, $4, $5, NULL)
                        ON CONFLICT (bed_id) DO UPDATE SET placement_id = $2, placement_borough = $3, placement_band = $4, placement_start = $5, placement_end = NULL
                        """, e.BedId, e.PlacementId, e.BoroughCode, Codes.Of(e.Band), e.StartDate);
                }

                break;
            case BedOccupantRebanded e:
                commands.Execute("""
                    INSERT INTO contracts.ledger_placement_bands (placement_id, effective_from, band) VALUES ($1, $2, $3)
                    ON CONFLICT (placement_id, effective_from) DO UPDATE SET band = $3
                    """, e.PlacementId, e.EffectiveFrom, Codes.Of(e.Band));
                commands.Execute("UPDATE contracts.ledger_occupancy SET placement_band = $2 WHERE placement_id = $1", e.PlacementId, Codes.Of(e.Band));
                break;
            case BedVacated e:
                commands.Execute("UPDATE contracts.ledger_placements SET end_date = $2 WHERE placement_id = $1", e.PlacementId, e.EndDate);
                commands.Execute("UPDATE contracts.ledger_occupancy SET placement_end = $2 WHERE placement_id = $1", e.PlacementId, e.EndDate);
                break;
            case BedLedgerInconsistencyFlagged e:
                commands.Execute("""
                    INSERT INTO contracts.ledger_inconsistencies (bed_id, placement_id, offer_id, message, flagged_at) VALUES ($1, $2, $3, $4, $5)
                    """, e.BedId, e.PlacementId, e.OfferId, e.Message, e.FlaggedAt);
                break;

            case VacancyConfirmed e:
                commands.Execute("""
                    INSERT INTO contracts.ledger_confirmations (bed_id, home_code, status, available_from, reason, confirmed_at, confirmed_by, lapsed_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)
                    ON CONFLICT (bed_id) DO UPDATE SET home_code = $2, status = $3, available_from = $4, reason = $5, confirmed_at = $6, confirmed_by = $7, lapsed_at = NULL
                    """, e.BedId, e.HomeCode, Codes.Of(e.Status), e.AvailableFrom, e.Reason, e.ConfirmedAt, e.ConfirmedBy);
                break;
            case VacancyConfirmationLapsed e:
                commands.Execute("UPDATE contracts.ledger_confirmations SET lapsed_at = $3 WHERE bed_id = $1 AND confirmed_at = $2",
                    e.BedId, e.ConfirmedAt, e.LapsedAt);
                break;

            case PooledBudgetContributionCopied e:
                commands.Execute("""
                    INSERT INTO contracts.ledger_pooled_budget (borough_code, financial_year, amount, set_at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (borough_code, financial_year) DO UPDATE SET amount = $3, set_at = $4
                    WHERE contracts.ledger_pooled_budget.set_at <= $4
                    """, e.BoroughCode, e.FinancialYear, e.Amount, e.SetAt);
                break;
        }
    }
}

/// <summary>The kebab-case codes enums travel and are stored as (api.md: "low", "medium", "available", …).</summary>
internal static class Codes
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static bool TryParse<TEnum>(string? code, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), code, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static TEnum Parse<TEnum>(string code) where TEnum : struct, Enum =>
        TryParse<TEnum>(code, out var value) ? value : throw new FormatException($"'{code}' is not a {typeof(TEnum).Name} code.");
}
