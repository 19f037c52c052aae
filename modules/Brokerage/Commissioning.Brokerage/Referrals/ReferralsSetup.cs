using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Integration;
using Commissioning.BuildingBlocks.Jobs;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Published = Commissioning.Messages.Brokerage;

namespace Commissioning.Brokerage.Referrals;

/// <summary>Referrals: intake (drafts, completeness, submission, return for more information), the worklist and its clocks. Migrations 1 to 99.</summary>
internal static class ReferralsSetup
{
    public static IReadOnlyList<Migration> Migrations => ReferralsSchema.Migrations;

    public static void Configure(EventStoreBuilder store, IServiceCollection services)
    {
        store.InlineProjection(new ReferralsProjection());
        store.Subscription<ReferralNotifications>(ReferralNotifications.SubscriptionName);
        services.AddScoped<ReferralReader>();
    }

    public static void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new BrokerageTeam(configuration["Commissioning:Brokerage:LeadBorough"] ?? "E09000016"));
        services.AddJobs(jobs => jobs.Every<EscalateOverdueReferrals>("brokerage.referral-escalation", TimeSpan.FromMinutes(5)));
    }

    public static void Map(IEndpointRouteBuilder endpoints) => ReferralsApi.Map(endpoints);

    /// <summary>What this part publishes to the other modules for one stored event (the store is the outbox).</summary>
    public static IEnumerable<IntegrationEvent> Publish(StoredEvent stored)
    {
        var borough = stored.Scope ?? "";
        return stored.Data switch
        {
            ReferralSubmitted e => [new Published.ReferralSubmitted(e.ReferralId, e.Reference, e.BoroughCode, e.Details.NeedBand ?? "", e.Details.NeededBy,
                e.Details.RequiredByDate, e.At, e.DecisionDueAt)],
            ReferralResubmitted e => [new Published.ReferralResubmitted(e.ReferralId, borough, e.Details.NeedBand ?? "", e.Details.NeededBy, e.At, e.DecisionDueAt)],
            ReferralReturned e => [new Published.ReferralDecisionMade(e.ReferralId, borough, e.At, "returned")],
            ReferralOfferMade e => [new Published.ReferralDecisionMade(e.ReferralId, borough, e.At, "offer")],
            ReferralSpotPurchaseStarted e => [new Published.ReferralDecisionMade(e.ReferralId, borough, e.At, "spot-purchase")],
            ReferralClosed e => [new Published.ReferralDecisionMade(e.ReferralId, borough, e.At, "closed"), new Published.ReferralClosed(e.ReferralId, borough, e.Reason, e.At)],
            ReferralEscalated e => [new Published.ReferralEscalated(e.ReferralId, borough, e.DecisionDueAt, e.At)],
            _ => [],
        };
    }
}
