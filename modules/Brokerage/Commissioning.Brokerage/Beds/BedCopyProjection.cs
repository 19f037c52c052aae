using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.Beds;

/// <summary>
/// Brokerage's homes and contracted beds as they stand (docs/brokerage.md), written in the same transaction as each
/// copied event: a row per home (profile, latest Ofsted grade, suspension) and a row per contracted bed (home,
/// provider, contract, band, the dates it is in contract, inclusive, and the provider's latest confirmation).
/// </summary>
internal sealed class BedCopyProjection : Projection
{
    public override string Name => "brokerage-beds-copy";

    public override IReadOnlyList<string> OwnedTables => [BedTables.Homes, BedTables.Beds];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        switch (storedEvent.Data)
        {
            case HomeProfileCopied e:
                // An upsert either way: a details change never arrives before the registration, but a replayed or
                // re-published registration must not fail the transaction either.
                commands.Execute(
                    $"""
                    INSERT INTO {BedTables.Homes} (home_code, version, provider_code, ofsted_urn, name, postcode_district, latitude, longitude, registered_places,
                        minimum_age, maximum_age, sexes, bands, specialisms, statement_of_purpose_limits, home_mix_limit, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                    ON CONFLICT (home_code) DO UPDATE SET version = excluded.version, provider_code = excluded.provider_code, ofsted_urn = excluded.ofsted_urn,
                        name = excluded.name, postcode_district = excluded.postcode_district, latitude = excluded.latitude, longitude = excluded.longitude,
                        registered_places = excluded.registered_places, minimum_age = excluded.minimum_age, maximum_age = excluded.maximum_age,
                        sexes = excluded.sexes, bands = excluded.bands, specialisms = excluded.specialisms,
                        statement_of_purpose_limits = excluded.statement_of_purpose_limits, home_mix_limit = excluded.home_mix_limit, updated_at = excluded.updated_at
                    """,
                    e.HomeCode, storedEvent.Version, e.Profile.ProviderCode, e.Profile.OfstedUrn, e.Profile.Name, e.Profile.PostcodeDistrict,
                    e.Profile.Latitude, e.Profile.Longitude, e.Profile.RegisteredPlaces, e.Profile.MinimumAge, e.Profile.MaximumAge,
                    e.Profile.Sexes.ToArray(), e.Profile.Bands.ToArray(), e.Profile.Specialisms.ToArray(), e.Profile.StatementOfPurposeLimits.ToArray(),
                    e.Profile.HomeMixLimit, storedEvent.RecordedAt);
                break;
            case HomeOfstedGradeCopied e:
                commands.Execute(
                    $"UPDATE {BedTables.Homes} SET version = $2, ofsted_grade = $3, ofsted_inspected_on = $4, updated_at = $5 WHERE home_code = $1",
                    e.HomeCode, storedEvent.Version, e.Grade, e.InspectedOn, storedEvent.RecordedAt);
                break;
            case HomeSuspensionCopied e:
                commands.Execute(
                    $"UPDATE {BedTables.Homes} SET version = $2, suspended = true, suspension_reason = $3, suspended_on = $4, updated_at = $5 WHERE home_code = $1",
                    e.HomeCode, storedEvent.Version, e.Reason, e.SuspendedOn, storedEvent.RecordedAt);
                break;
            case HomeSuspensionLiftedCopied e:
                commands.Execute(
                    $"UPDATE {BedTables.Homes} SET version = $2, suspended = false, suspension_reason = NULL, suspended_on = NULL, updated_at = $3 WHERE home_code = $1",
                    e.HomeCode, storedEvent.Version, storedEvent.RecordedAt);
                break;
            case ContractBedsCopied e:
                UpsertBeds(commands, e.ContractId, e.Reference, e.ProviderCode, e.StartsOn, e.EndsOn, e.Beds, storedEvent.RecordedAt);
                break;
            case ContractBedsVariationCopied e:
                // A removed bed is in contract up to the day before the variation takes effect.
                commands.Execute(
                    $"""
                    UPDATE {BedTables.Beds} SET in_contract_to = LEAST(in_contract_to, $3), updated_at = $4
                    WHERE contract_id = $1 AND bed_id = ANY($2)
                    """,
                    e.ContractId, e.BedsRemoved.ToArray(), e.EffectiveFrom.AddDays(-1), storedEvent.RecordedAt);
                UpsertBeds(commands, e.ContractId, e.Reference, e.ProviderCode, e.EffectiveFrom, e.ContractEndsOn, e.BedsAdded, storedEvent.RecordedAt);
                break;
            case BedVacancyConfirmationCopied e:
                commands.Execute(
                    $"""
                    UPDATE {BedTables.Beds} SET vacancy_status = $2, available_from = $3, vacancy_reason = $4, confirmed_at = $5, confirmation_lapsed = false,
                        updated_at = $6
                    WHERE bed_id = $1
                    """,
                    e.BedId, e.Status, e.AvailableFrom, e.Reason, e.ConfirmedAt, storedEvent.RecordedAt);
                break;
            case BedVacancyConfirmationLapseCopied e:
                // Only the confirmation that lapsed: a newer one the provider made meanwhile still counts.
                commands.Execute(
                    $"UPDATE {BedTables.Beds} SET confirmation_lapsed = true, updated_at = $3 WHERE bed_id = $1 AND confirmed_at <= $2",
                    e.BedId, e.ConfirmedAt, storedEvent.RecordedAt);
                break;
        }
    }

    private static void UpsertBeds(
        ProjectionCommands commands, Guid contractId, string reference, string providerCode, DateOnly from, DateOnly? to,
        IReadOnlyList<ContractedBedCopy> beds, DateTimeOffset at)
    {
        if (beds.Count == 0)
        {
            return;
        }

        // A bed contracted again (under a new contract, or re-added) keeps the provider's latest confirmation.
        commands.Execute(
            $"""
            INSERT INTO {BedTables.Beds} (bed_id, home_code, provider_code, contract_id, contract_reference, contracted_band, in_contract_from, in_contract_to, updated_at)
            SELECT t.bed_id, t.home_code, $4, $5, $6, t.band, $7, $8, $9
            FROM unnest($1::text[], $2::text[], $3::text[]) AS t(bed_id, home_code, band)
            ON CONFLICT (bed_id) DO UPDATE SET home_code = excluded.home_code, provider_code = excluded.provider_code, contract_id = excluded.contract_id,
                contract_reference = excluded.contract_reference, contracted_band = excluded.contracted_band, in_contract_from = excluded.in_contract_from,
                in_contract_to = excluded.in_contract_to, updated_at = excluded.updated_at
            """,
            beds.Select(b => b.BedId).ToArray(), beds.Select(b => b.HomeCode).ToArray(), beds.Select(b => b.Band).ToArray(),
            providerCode, contractId, reference, from, to, at);
    }
}
