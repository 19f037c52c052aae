using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Notifications;
using Commissioning.BuildingBlocks.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Referrals;

/// <summary>
/// Tells people about referrals: brokerage when one is submitted, resubmitted or escalated; the borough's referrers
/// and managers when brokerage returns one with a question. A subscription on the stored events, so only what was
/// stored is told; the key (stream and version) makes a redelivery harmless. Texts name the referral by its
/// pseudonymous reference only.
/// </summary>
internal sealed class ReferralNotifications(
    INotifier notifier, BrokerageTeam team, [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store) : IEventSubscription
{
    public const string SubscriptionName = "brokerage-referral-notifications";

    private string Brokerage => team.Organisation;

    public string Name => SubscriptionName;

    public async Task HandleAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        // The reference is on the submission only: the later events find it in the read model.
        var ids = events.Where(e => e.StreamType == ReferralStreams.StreamType && e.Data is ReferralReturned or ReferralResubmitted or ReferralEscalated)
            .Select(e => e.StreamId).Distinct().ToList();
        var references = ids.Count == 0
            ? []
            : (await ReadModels.QueryAsync(store,
                $"SELECT 'referral-' || replace(referral_id::text, '-', ''), reference FROM {ReferralTables.Referrals} WHERE 'referral-' || replace(referral_id::text, '-', '') = ANY($1) AND reference IS NOT NULL",
                r => (Stream: r.GetString(0), Reference: r.GetString(1)), cancellationToken, (object)ids.ToArray()))
              .ToDictionary(x => x.Stream, x => x.Reference);

        foreach (var stored in events)
        {
            var key = $"{stored.StreamId}/{stored.Version}";
            var notification = stored.Data switch
            {
                ReferralSubmitted e => new Notification("referral-submitted", NotificationAudience.InOrganisation(Brokerage, Roles.Brokerage),
                    $"New referral {e.Reference}{(DecisionClock.IsEmergency(e.Details.NeededBy) ? " (needed today)" : "")}",
                    $"Referral {e.Reference} was submitted. A decision is due by {DecisionClock.LondonTime(e.DecisionDueAt):d MMMM yyyy HH:mm}.",
                    $"/referrals/{e.ReferralId}", key, e.Reference),
                ReferralResubmitted e => new Notification("referral-resubmitted", NotificationAudience.InOrganisation(Brokerage, Roles.Brokerage),
                    "A returned referral was answered and resubmitted",
                    $"The borough answered your question and resubmitted the referral. A decision is due by {DecisionClock.LondonTime(e.DecisionDueAt):d MMMM yyyy HH:mm}.",
                    $"/referrals/{e.ReferralId}", key, Reference(stored)),
                ReferralReturned e when stored.Scope is { } borough => new Notification("referral-returned",
                    NotificationAudience.InOrganisation(borough, Roles.BoroughReferrer, Roles.BoroughManager),
                    "Brokerage needs more information about a referral",
                    "Brokerage returned a referral with a question. Answer it and resubmit the referral so brokerage can decide.",
                    $"/referrals/{e.ReferralId}", key, Reference(stored)),
                ReferralEscalated e => new Notification("referral-overdue", NotificationAudience.InOrganisation(Brokerage, Roles.Brokerage),
                    "A referral is overdue for a decision",
                    $"A referral passed its decision target of {DecisionClock.LondonTime(e.DecisionDueAt):d MMMM yyyy HH:mm} without a decision. Make an offer, start a spot purchase or return it.",
                    $"/referrals/{e.ReferralId}", key, Reference(stored)),
                _ => null,
            };
            if (notification is not null)
            {
                await notifier.NotifyAsync(notification, cancellationToken);
            }
        }

        string? Reference(StoredEvent stored) => references.GetValueOrDefault(stored.StreamId);
    }
}

/// <summary>
/// The brokerage team's organisation, which notifications for brokerage are addressed to: the lead borough
/// (Havering, E09000016, unless <c>Commissioning:Brokerage:LeadBorough</c> says otherwise).
/// </summary>
internal sealed record BrokerageTeam(string Organisation);
