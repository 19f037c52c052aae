using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.Contracts.BedLedger;
using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Homes;
using Commissioning.Contracts.Providers;
using Published = Commissioning.Messages.Contracts;

namespace Commissioning.Contracts.Core;

/// <summary>What the Contracts module tells the others about providers, homes, contracted beds and vacancies (the store is the outbox).</summary>
internal sealed class ContractsIntegrationEvents : IIntegrationEventMapper
{
    public IEnumerable<IntegrationEvent> Map(StoredEvent storedEvent) => storedEvent.Data switch
    {
        ProviderRegistered e => [new Published.ProviderRegistered(e.ProviderCode, e.Name)],
        ProviderCheckPassed e => [new Published.ProviderCheckPassed(e.ProviderCode, AccreditationChecks.Code(e.Check), e.PassedOn, e.ExpiresOn, [.. AccreditationChecks.All.Select(AccreditationChecks.Code)])],
        Homes.HomeRegistered e => [new Published.HomeRegistered(e.HomeCode, Profile(e.ProviderCode, e.Details))],
        Homes.HomeDetailsChanged e => [new Published.HomeDetailsChanged(e.HomeCode, Profile(e.ProviderCode, e.Details))],
        OfstedInspectionRecorded e => [new Published.HomeOfstedGradeRecorded(e.HomeCode, OfstedGrades.Code(e.Grade), e.InspectedOn)],
        Homes.HomeSuspended e => [new Published.HomeSuspended(e.HomeCode, e.Reason, e.SuspendedOn)],
        Homes.HomeSuspensionLifted e => [new Published.HomeSuspensionLifted(e.HomeCode, e.Reason, e.LiftedOn)],
        BlockContractAgreed e => [new Published.ContractedBedsAgreed(e.ContractId, e.Reference, e.ProviderCode, e.StartsOn, e.EndsOn, Beds(e.Beds))],
        ContractBedsVaried e => [new Published.ContractedBedsVaried(e.ContractId, e.VariationId, e.Reference, e.ProviderCode, e.EffectiveFrom, Beds(e.BedsAdded), e.BedsRemoved)],
        VacancyConfirmed e => [new Published.BedVacancyConfirmed(e.BedId, e.HomeCode, e.Status == VacancyStatus.Available ? "available" : "unavailable", e.AvailableFrom, e.Reason, e.ConfirmedAt)],
        VacancyConfirmationLapsed e => [new Published.BedVacancyConfirmationLapsed(e.BedId, e.HomeCode, e.ConfirmedAt, e.LapsedAt)],
        _ => [],
    };

    private static Published.ContractedBedInfo[] Beds(IEnumerable<ContractedBed> beds) =>
        [.. beds.Select(b => new Published.ContractedBedInfo(b.BedId, b.HomeCode, NeedBands.Code(b.Band)))];

    private static Published.HomeProfile Profile(string providerCode, HomeDetails d) => new(
        providerCode,
        d.OfstedUrn,
        d.Name,
        d.PostcodeDistrict,
        d.Latitude,
        d.Longitude,
        d.RegisteredPlaces,
        d.MinimumAge,
        d.MaximumAge,
        d.Sexes,
        [.. d.Bands.Select(NeedBands.Code)],
        d.Specialisms,
        d.StatementOfPurposeLimits,
        d.HomeMixLimit);
}
