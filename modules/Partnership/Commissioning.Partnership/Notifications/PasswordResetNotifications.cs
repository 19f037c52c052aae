using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Notifications;
using Commissioning.Partnership.People;

namespace Commissioning.Partnership.Notifications;

/// <summary>
/// Tells a person when an admin has reset their password, so a reset they did not ask for does not go unnoticed.
/// A subscription on the module's own events: it runs after the reset is stored (never for one that failed), at
/// least once, and the notification's key (the event's stream and version) makes a repeat harmless.
/// </summary>
/// <remarks>
/// A reset older than <see cref="TooLate"/> when this first reads it (a new installation catching up on history, a
/// long outage) is passed over: news of it then would only alarm.
/// </remarks>
internal sealed class PasswordResetNotifications(INotifier notifier, TimeProvider clock) : IEventSubscription
{
    public const string SubscriptionName = "password-reset-notifications";

    public static readonly TimeSpan TooLate = TimeSpan.FromDays(1);

    public string Name => SubscriptionName;

    public async Task HandleAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var storedEvent in events)
        {
            if (storedEvent.Data is not PasswordReset || storedEvent.RecordedAt < now - TooLate)
            {
                continue;
            }

            var personId = Guid.Parse(storedEvent.StreamId.AsSpan("person-".Length));
            await notifier.NotifyAsync(new Notification(
                Category: "password-reset",
                Audience: NotificationAudience.Person(personId.ToString()),
                Subject: "Your Commissioning password was reset",
                Body: "A partnership admin has reset your password. Sign in with the temporary password they give you, then choose a new one. " +
                      "If you did not ask for this, tell your partnership admin straight away.",
                Link: "/account",
                Key: $"{storedEvent.StreamId}/{storedEvent.Version}"), cancellationToken);
        }
    }
}
