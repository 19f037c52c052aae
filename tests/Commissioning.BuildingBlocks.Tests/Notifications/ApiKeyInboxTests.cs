using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Notifications;

namespace Commissioning.BuildingBlocks.Tests.Notifications;

public sealed class ApiKeyInboxTests
{
    private static readonly InboxOwner ProviderKeyOfA = InboxOwner.ApiKey("key:a-provider", "PRV-A", Roles.Provider);

    private NotificationsTestHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _host = await NotificationsTestHost.StartAsync();
        _host.People.Add("a1", "PRV-A", Roles.Provider);
    }

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task An_api_key_sees_what_its_organisation_is_told_for_its_role_or_for_everyone_there_and_nothing_else()
    {
        await _host.NotifyAsync(TestNotifications.OfferMade("to-providers", NotificationAudience.InOrganisation("PRV-A", Roles.Provider), "REF-0001"));
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await _host.NotifyAsync(TestNotifications.OfferMade("to-everyone", NotificationAudience.InOrganisation("PRV-A"), "REF-0002"));
        await _host.NotifyAsync(TestNotifications.OfferMade("to-board", NotificationAudience.InOrganisation("PRV-A", Roles.BoardMember), "REF-0003"));
        await _host.NotifyAsync(TestNotifications.OfferMade("to-a-person", NotificationAudience.Person("a1"), "REF-0004"));
        await _host.NotifyAsync(TestNotifications.OfferMade("to-b", NotificationAudience.InOrganisation("PRV-B", Roles.Provider), "REF-0005"));

        var inbox = await _host.Inbox.ListAsync(ProviderKeyOfA);

        Assert.Multiple(() =>
        {
            Assert.That(inbox.Items.Select(i => i.Reference), Is.EqualTo(new[] { "REF-0002", "REF-0001" }));
            Assert.That((inbox.Total, inbox.Unread), Is.EqualTo((2, 2)));
        });
    }

    [Test]
    public async Task An_api_key_marks_its_own_reads_without_touching_peoples()
    {
        await _host.NotifyAsync(TestNotifications.OfferMade("one", NotificationAudience.InOrganisation("PRV-A", Roles.Provider)));
        await _host.NotifyAsync(TestNotifications.OfferMade("two", NotificationAudience.InOrganisation("PRV-A", Roles.Provider)));
        var otherKey = InboxOwner.ApiKey("key:another", "PRV-A", Roles.Provider);
        var first = (await _host.Inbox.ListAsync(ProviderKeyOfA)).Items[0];

        var marked = await _host.Inbox.MarkReadAsync(ProviderKeyOfA, first.Id);
        var unreadAfterOne = await _host.Inbox.UnreadCountAsync(ProviderKeyOfA);
        var markedAll = await _host.Inbox.MarkAllReadAsync(ProviderKeyOfA);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(marked, Is.True);
            Assert.That(unreadAfterOne, Is.EqualTo(1));
            Assert.That(markedAll, Is.EqualTo(1));
            Assert.That(await _host.Inbox.UnreadCountAsync(ProviderKeyOfA), Is.Zero);
            Assert.That(await _host.Inbox.UnreadCountAsync(otherKey), Is.EqualTo(2));
            Assert.That(await _host.Inbox.UnreadCountAsync(InboxOwner.Person("a1")), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task An_api_key_cannot_mark_read_what_was_not_told_to_its_organisation_and_role()
    {
        await _host.NotifyAsync(TestNotifications.OfferMade("to-a-person", NotificationAudience.Person("a1")));
        await _host.NotifyAsync(TestNotifications.OfferMade("to-b", NotificationAudience.InOrganisation("PRV-B", Roles.Provider)));
        _host.People.Add("b1", "PRV-B", Roles.Provider);
        await _host.NotifyAsync(TestNotifications.OfferMade("to-b-again", NotificationAudience.InOrganisation("PRV-B", Roles.Provider)));
        var personal = (await _host.Inbox.ListAsync(InboxOwner.Person("a1"))).Items[0];
        var others = (await _host.Inbox.ListAsync(InboxOwner.Person("b1"))).Items[0];

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await _host.Inbox.MarkReadAsync(ProviderKeyOfA, personal.Id), Is.False);
            Assert.That(await _host.Inbox.MarkReadAsync(ProviderKeyOfA, others.Id), Is.False);
            Assert.That(await _host.Inbox.MarkAllReadAsync(ProviderKeyOfA), Is.Zero);
        });
    }

    [Test]
    public void The_owner_of_a_request_is_a_person_an_api_key_or_nobody()
    {
        var person = new RequestContext();
        person.SignIn("4f7d5c1e-0000-0000-0000-000000000001", "PRV-A", Roles.Provider, AccessChannel.Web);
        var key = new RequestContext();
        key.SignIn("key:abc", "PRV-A", Roles.Provider, AccessChannel.Api);
        var system = new RequestContext();
        system.ActAsSystem(AccessChannel.Background);

        Assert.Multiple(() =>
        {
            Assert.That(InboxOwner.For(person), Is.EqualTo(InboxOwner.Person("4f7d5c1e-0000-0000-0000-000000000001")));
            Assert.That(InboxOwner.For(key), Is.EqualTo(InboxOwner.ApiKey("key:abc", "PRV-A", Roles.Provider)));
            Assert.That(InboxOwner.For(system), Is.Null);
            Assert.That(InboxOwner.For(new RequestContext()), Is.Null);
        });
    }
}
