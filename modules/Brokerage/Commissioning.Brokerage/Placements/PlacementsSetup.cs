using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.BuildingBlocks.Jobs;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Msg = Commissioning.Messages.Brokerage;

namespace Commissioning.Brokerage.Placements;

/// <summary>Offers, bed holds and placements through to their end. Migrations 200 to 299.</summary>
internal static class PlacementsSetup
{
    public static IReadOnlyList<Migration> Migrations => PlacementsSchema.Migrations;

    public static void Configure(EventStoreBuilder store, IServiceCollection services)
    {
        store.InlineProjection(new PlacementsProjection());
    }

    public static void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddScoped<IPlacementReferrals, ReferralStreamLookup>();
        services.TryAddScoped<IContractedBeds, SqlContractedBeds>();
        services.AddJobs(jobs => jobs
            .Every<LapseOverdueOffers>("brokerage.offer-lapse", TimeSpan.FromMinutes(1))
            .Every<SendStepDownReminders>("brokerage.step-down-reminders", TimeSpan.FromHours(1)));
    }

    public static void Map(IEndpointRouteBuilder endpoints) => PlacementsApi.Map(endpoints);

    /// <summary>What this part publishes to the other modules for one stored event (the store is the outbox).</summary>
    public static IEnumerable<IntegrationEvent> Publish(StoredEvent stored) => stored.Data switch
    {
        BedOffered e => [new Msg.BedHeld(e.BedId, e.OfferId, e.ReferralReference, e.BoroughCode, e.HeldFrom, e.RespondBy)],
        BedOfferReleased e => [new Msg.BedHoldReleased(e.BedId, e.OfferId, e.Reason, e.At)],
        PlacementAgreed { OfferId: { } offerId } e =>
            [new Msg.PlacementAgreed(e.PlacementId, offerId, e.ReferralReference, e.BoroughCode, e.ProviderCode, e.HomeCode, e.BedId, e.Band, e.PlannedStartDate, e.At)],
        PlacementStartRecorded e => [new Msg.PlacementStarted(e.PlacementId, e.BedId, null, e.OfferId, e.BoroughCode, e.Band, e.StartDate)],
        RebandingApproved e => [new Msg.PlacementRebanded(e.PlacementId, e.Band, e.EffectiveFrom)],
        PlacementEndRecorded e => [new Msg.PlacementEnded(e.PlacementId, e.EndDate, e.Planned)],
        // The ledger keeps the offer's hold until the placement starts: a placement called off before then releases it.
        PlacementCalledOff { OfferId: { } offerId } e => [new Msg.BedHoldReleased(e.BedId, offerId, "withdrawn", e.At)],
        PlacementMoveRecorded e =>
            [new Msg.PlacementMoved(e.FromPlacementId, e.ToPlacementId, e.ReferralReference, e.BoroughCode, e.FromBedId, e.ToBedId, e.MoveDate, e.ReasonPlaceChange, e.Planned)],
        StayingPutAgreed e when stored.Scope is { } borough => [new Msg.StayingPutAgreed(e.PlacementId, borough, e.Until, e.At)],
        _ => [],
    };
}
