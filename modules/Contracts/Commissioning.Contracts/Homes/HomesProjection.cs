using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Contracts.Core;

namespace Commissioning.Contracts.Homes;

/// <summary>Homes as they stand: details, latest Ofsted grade, and whether new placements are suspended.</summary>
internal sealed class HomesProjection : Projection
{
    public override string Name => "contracts-homes";

    public override IReadOnlyList<string> OwnedTables => [CoreTables.Homes];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        switch (storedEvent.Data)
        {
            case HomeRegistered e:
                commands.Execute(
                    $"""
                    INSERT INTO {CoreTables.Homes} (home_code, version, provider_code, ofsted_urn, name, postcode, postcode_district, latitude, longitude,
                        registered_places, minimum_age, maximum_age, sexes, bands, specialisms, statement_of_purpose_limits, home_mix_limit)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                    """,
                    [e.HomeCode, storedEvent.Version, e.ProviderCode, .. Columns(e.Details)]);
                break;
            case HomeDetailsChanged e:
                commands.Execute(
                    $"""
                    UPDATE {CoreTables.Homes} SET version = $2, ofsted_urn = $3, name = $4, postcode = $5, postcode_district = $6, latitude = $7, longitude = $8,
                        registered_places = $9, minimum_age = $10, maximum_age = $11, sexes = $12, bands = $13, specialisms = $14,
                        statement_of_purpose_limits = $15, home_mix_limit = $16
                    WHERE home_code = $1
                    """,
                    [e.HomeCode, storedEvent.Version, .. Columns(e.Details)]);
                break;
            case OfstedInspectionRecorded e:
                commands.Execute(
                    $"UPDATE {CoreTables.Homes} SET version = $2, ofsted_grade = $3, ofsted_inspected_on = $4 WHERE home_code = $1",
                    e.HomeCode, storedEvent.Version, OfstedGrades.Code(e.Grade), e.InspectedOn);
                break;
            case HomeSuspended e:
                commands.Execute(
                    $"UPDATE {CoreTables.Homes} SET version = $2, suspended = true, suspension_reason = $3, suspended_on = $4 WHERE home_code = $1",
                    e.HomeCode, storedEvent.Version, e.Reason, e.SuspendedOn);
                break;
            case HomeSuspensionLifted e:
                commands.Execute(
                    $"UPDATE {CoreTables.Homes} SET version = $2, suspended = false, suspension_reason = NULL, suspended_on = NULL WHERE home_code = $1",
                    e.HomeCode, storedEvent.Version);
                break;
        }
    }

    private static object?[] Columns(HomeDetails d) =>
    [
        d.OfstedUrn, d.Name, d.Postcode, d.PostcodeDistrict, d.Latitude, d.Longitude, d.RegisteredPlaces, d.MinimumAge, d.MaximumAge,
        d.Sexes.ToArray(), d.Bands.Select(NeedBands.Code).ToArray(), d.Specialisms.ToArray(), d.StatementOfPurposeLimits.ToArray(), d.HomeMixLimit,
    ];
}
