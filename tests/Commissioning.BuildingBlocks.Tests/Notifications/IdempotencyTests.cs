using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Notifications;
using Commissioning.TestKit;

namespace Commissioning.BuildingBlocks.Tests.Notifications;

public sealed class IdempotencyTests
{
    [Test]
    public async Task Telling_the_same_fact_again_with_the_same_key_notifies_once_and_queues_one_email()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var host = await NotificationsTestHost.StartAsync(NotificationsTestHost.SmtpSettings(smtp.Port));
        host.People.Add("a1", "PRV-A", Roles.Provider);
        var notification = TestNotifications.OfferMade("4b6f0c0e-offer-made", NotificationAudience.InOrganisation("PRV-A", Roles.Provider));

        await host.NotifyAsync(notification);
        await host.NotifyAsync(notification);
        await host.NotifyAsync(notification with { Subject = "A redelivery can carry different text; the key decides" });
        await host.DispatchEmailsAsync();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await host.Inbox.UnreadCountAsync(InboxOwner.Person("a1")), Is.EqualTo(1));
            Assert.That(await host.CountAsync("notifications"), Is.EqualTo(1));
            Assert.That(await host.OutboxAsync(), Has.Count.EqualTo(1));
            Assert.That(smtp.Messages, Has.Count.EqualTo(1));
            Assert.That(host.People.Resolutions, Is.EqualTo(1), "a known key is answered without asking for people again");
        });
    }

    [Test]
    public async Task Concurrent_deliveries_of_the_same_fact_store_it_once()
    {
        await using var host = await NotificationsTestHost.StartAsync();
        host.People.Add("a1", "PRV-A", Roles.Provider);
        host.People.Add("a2", "PRV-A", Roles.Provider);
        var notification = TestNotifications.OfferMade("offer-1", NotificationAudience.InOrganisation("PRV-A", Roles.Provider));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => host.NotifyAsync(notification))));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await host.CountAsync("notifications"), Is.EqualTo(1));
            Assert.That(await host.CountAsync("recipients"), Is.EqualTo(2));
            Assert.That(await host.Inbox.UnreadCountAsync(InboxOwner.Person("a1")), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_same_key_in_another_category_is_another_notification()
    {
        await using var host = await NotificationsTestHost.StartAsync();
        host.People.Add("a1", "PRV-A", Roles.Provider);
        var offer = TestNotifications.OfferMade("event-1", NotificationAudience.Person("a1"));

        await host.NotifyAsync(offer);
        await host.NotifyAsync(offer with { Category = "offer-answered" });

        Assert.That(await host.Inbox.UnreadCountAsync(InboxOwner.Person("a1")), Is.EqualTo(2));
    }
}
