using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.Messages.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Beds;

/// <summary>
/// Contracts' homes, contracted beds and vacancy confirmations into Brokerage's own copy (docs/brokerage.md).
/// Delivery is at least once: each event is marked in the inbox in the same transaction as its copy, so a
/// redelivery stores nothing and changes no row. Brokerage never reads Contracts' tables.
/// </summary>
internal sealed class ContractsEventsConsumer([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store) :
    INotificationHandler<HomeRegistered>,
    INotificationHandler<HomeDetailsChanged>,
    INotificationHandler<HomeOfstedGradeRecorded>,
    INotificationHandler<HomeSuspended>,
    INotificationHandler<HomeSuspensionLifted>,
    INotificationHandler<ContractedBedsAgreed>,
    INotificationHandler<ContractedBedsVaried>,
    INotificationHandler<BedVacancyConfirmed>,
    INotificationHandler<BedVacancyConfirmationLapsed>
{
    public const string Consumer = "brokerage-beds";

    public Task Handle(HomeRegistered notification, CancellationToken cancellationToken) =>
        SaveAsync(notification, BedCopyStreams.Home(notification.HomeCode), BedCopyStreams.HomeType,
            new HomeProfileCopied(notification.HomeCode, Copy(notification.Profile), true, notification.EventId), cancellationToken);

    public Task Handle(HomeDetailsChanged notification, CancellationToken cancellationToken) =>
        SaveAsync(notification, BedCopyStreams.Home(notification.HomeCode), BedCopyStreams.HomeType,
            new HomeProfileCopied(notification.HomeCode, Copy(notification.Profile), false, notification.EventId), cancellationToken);

    public Task Handle(HomeOfstedGradeRecorded notification, CancellationToken cancellationToken) =>
        SaveAsync(notification, BedCopyStreams.Home(notification.HomeCode), BedCopyStreams.HomeType,
            new HomeOfstedGradeCopied(notification.HomeCode, notification.Grade, notification.InspectedOn, notification.EventId), cancellationToken);

    public Task Handle(HomeSuspended notification, CancellationToken cancellationToken) =>
        SaveAsync(notification, BedCopyStreams.Home(notification.HomeCode), BedCopyStreams.HomeType,
            new HomeSuspensionCopied(notification.HomeCode, notification.Reason, notification.SuspendedOn, notification.EventId), cancellationToken);

    public Task Handle(HomeSuspensionLifted notification, CancellationToken cancellationToken) =>
        SaveAsync(notification, BedCopyStreams.Home(notification.HomeCode), BedCopyStreams.HomeType,
            new HomeSuspensionLiftedCopied(notification.HomeCode, notification.Reason, notification.LiftedOn, notification.EventId), cancellationToken);

    public Task Handle(ContractedBedsAgreed notification, CancellationToken cancellationToken) =>
        SaveAsync(notification, BedCopyStreams.ContractBeds(notification.ContractId), BedCopyStreams.ContractBedsType,
            new ContractBedsCopied(notification.ContractId, notification.Reference, notification.ProviderCode, notification.StartsOn, notification.EndsOn,
                Copy(notification.Beds), notification.EventId),
            cancellationToken);

    public async Task Handle(ContractedBedsVaried notification, CancellationToken cancellationToken)
    {
        // Added beds run to the contract's end: the agreement on this same stream says when that is.
        var stream = BedCopyStreams.ContractBeds(notification.ContractId);
        var agreed = (await store.ReadStreamAsync(stream, cancellationToken)).Select(e => e.Data).OfType<ContractBedsCopied>().LastOrDefault();
        await SaveAsync(notification, stream, BedCopyStreams.ContractBedsType,
            new ContractBedsVariationCopied(notification.ContractId, notification.VariationId, notification.Reference, notification.ProviderCode,
                notification.EffectiveFrom, Copy(notification.BedsAdded), notification.BedsRemoved, agreed?.EndsOn, notification.EventId),
            cancellationToken);
    }

    public Task Handle(BedVacancyConfirmed notification, CancellationToken cancellationToken) =>
        SaveAsync(notification, BedCopyStreams.BedVacancy(notification.BedId), BedCopyStreams.BedVacancyType,
            new BedVacancyConfirmationCopied(notification.BedId, notification.HomeCode, notification.Status, notification.AvailableFrom, notification.Reason,
                notification.ConfirmedAt, notification.EventId),
            cancellationToken);

    public Task Handle(BedVacancyConfirmationLapsed notification, CancellationToken cancellationToken) =>
        SaveAsync(notification, BedCopyStreams.BedVacancy(notification.BedId), BedCopyStreams.BedVacancyType,
            new BedVacancyConfirmationLapseCopied(notification.BedId, notification.HomeCode, notification.ConfirmedAt, notification.LapsedAt, notification.EventId),
            cancellationToken);

    private async Task SaveAsync(IntegrationEvent message, string stream, string streamType, object copy, CancellationToken cancellationToken) =>
        await store.OpenSession(EventMetadata.System())
            .MarkProcessed(Consumer, message.EventId)
            .Append(stream, streamType, ExpectedVersion.Any, [copy], message.Scope)
            .SaveChangesAsync(cancellationToken);

    private static HomeProfileCopy Copy(HomeProfile p) => new(
        p.ProviderCode, p.OfstedUrn, p.Name, p.PostcodeDistrict, p.Latitude, p.Longitude, p.RegisteredPlaces, p.MinimumAge, p.MaximumAge,
        p.Sexes, p.Bands, p.Specialisms, p.StatementOfPurposeLimits, p.HomeMixLimit);

    private static ContractedBedCopy[] Copy(IEnumerable<ContractedBedInfo> beds) =>
        [.. beds.Select(b => new ContractedBedCopy(b.BedId, b.HomeCode, b.Band))];
}
