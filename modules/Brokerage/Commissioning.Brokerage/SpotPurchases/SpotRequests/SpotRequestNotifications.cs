using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Notifications;

namespace Commissioning.Brokerage.SpotPurchases.SpotRequests;

/// <summary>
/// Tells each provider a spot request was sent to, and the winner of an award. Fed from the store's log at least once;
/// each notification's key is derived from the request (and provider), so a redelivery tells nobody twice. Nothing
/// here identifies the child: the referral's pseudonymous reference and the need band only.
/// </summary>
internal sealed class SpotRequestNotifications(INotifier notifier) : IEventSubscription
{
    public string Name => "spot-request-notifications";

    public async Task HandleAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        foreach (var stored in events)
        {
            switch (stored.Data)
            {
                case SpotRequestStarted e:
                    foreach (var provider in e.SentTo)
                    {
                        await notifier.NotifyAsync(new Notification(
                            "spot-request-sent",
                            NotificationAudience.InOrganisation(provider, Roles.Provider),
                            $"Spot purchase request {e.Reference}: bids by {PartnershipCalendar.Display(e.BidsBy)}",
                            $"Brokerage asks whether one of your homes can care for a child ({e.Needs.Band} need band, aged {e.Needs.Age}) needed by "
                            + $"{PartnershipCalendar.Display(e.Needs.RequiredBy)}. You were asked because you are accredited and at least one of your homes suits the "
                            + $"child's needs. Sign in to see the request and bid by {PartnershipCalendar.Display(e.BidsBy)}.",
                            $"/spot-requests/{e.SpotRequestId}",
                            $"{e.SpotRequestId:N}/{provider}",
                            e.ReferralReference), cancellationToken);
                    }

                    break;
                case SpotBidAwarded e:
                    await notifier.NotifyAsync(new Notification(
                        "spot-bid-awarded",
                        NotificationAudience.InOrganisation(e.ProviderCode, Roles.Provider),
                        $"Your spot bid for {e.HomeCode} was awarded",
                        $"Brokerage awarded your bid of {PartnershipCalendar.Money(e.WeeklyPrice)} a week for {e.HomeCode}, starting {PartnershipCalendar.Display(e.StartDate)}. "
                        + "The spot contract is agreed by the partnership's contracts team.",
                        $"/spot-requests/{e.SpotRequestId}",
                        $"{e.SpotRequestId:N}/{e.BidId:N}"), cancellationToken);
                    break;
            }
        }
    }
}
