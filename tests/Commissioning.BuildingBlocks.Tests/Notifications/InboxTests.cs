using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Notifications;

namespace Commissioning.BuildingBlocks.Tests.Notifications;

public sealed class InboxTests
{
    private NotificationsTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await NotificationsTestHost.StartAsync();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task Notifying_an_organisation_and_role_reaches_every_matching_person_and_nobody_else()
    {
        _host.People.Add("a1", "PRV-A", Roles.Provider);
        _host.People.Add("a2", "PRV-A", Roles.Provider);
        _host.People.Add("a3", "PRV-A", Roles.Provider, enabled: false);
        _host.People.Add("a4", "PRV-A", Roles.ContractManager);
        _host.People.Add("b1", "PRV-B", Roles.Provider);
        _host.People.Add("h1", "E09000016", Roles.Brokerage);

        await _host.NotifyAsync(TestNotifications.OfferMade("offer-1", NotificationAudience.InOrganisation("PRV-A", Roles.Provider)));

        var counts = new Dictionary<string, int>();
        foreach (var person in new[] { "a1", "a2", "a3", "a4", "b1", "h1" })
        {
            counts[person] = (await _host.Inbox.ListAsync(InboxOwner.Person(person))).Total;
        }

        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, int> { ["a1"] = 1, ["a2"] = 1, ["a3"] = 0, ["a4"] = 0, ["b1"] = 0, ["h1"] = 0 }));
    }

    [Test]
    public async Task Notifying_an_organisation_without_roles_reaches_everyone_enabled_in_it()
    {
        _host.People.Add("a1", "PRV-A", Roles.Provider);
        _host.People.Add("a4", "PRV-A", Roles.ContractManager);
        _host.People.Add("b1", "PRV-B", Roles.Provider);

        await _host.NotifyAsync(TestNotifications.OfferMade("offer-1", NotificationAudience.InOrganisation("PRV-A")));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await _host.Inbox.UnreadCountAsync(InboxOwner.Person("a1")), Is.EqualTo(1));
            Assert.That(await _host.Inbox.UnreadCountAsync(InboxOwner.Person("a4")), Is.EqualTo(1));
            Assert.That(await _host.Inbox.UnreadCountAsync(InboxOwner.Person("b1")), Is.Zero);
        });
    }

    [Test]
    public async Task Notifying_a_person_reaches_that_person_only()
    {
        _host.People.Add("a1", "PRV-A", Roles.Provider);
        _host.People.Add("a2", "PRV-A", Roles.Provider);

        await _host.NotifyAsync(TestNotifications.OfferMade("offer-1", NotificationAudience.Person("a2")));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await _host.Inbox.UnreadCountAsync(InboxOwner.Person("a1")), Is.Zero);
            Assert.That(await _host.Inbox.UnreadCountAsync(InboxOwner.Person("a2")), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_inbox_shows_what_was_told_newest_first_in_pages()
    {
        _host.People.Add("a1", "PRV-A", Roles.Provider);
        for (var i = 1; i <= 5; i++)
        {
            await _host.NotifyAsync(TestNotifications.OfferMade($"offer-{i}", NotificationAudience.Person("a1"), reference: $"REF-000{i}"));
            _host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await _host.Inbox.ListAsync(InboxOwner.Person("a1"), page: 1, pageSize: 2);
        var last = await _host.Inbox.ListAsync(InboxOwner.Person("a1"), page: 3, pageSize: 2);

        Assert.Multiple(() =>
        {
            Assert.That(first.Items.Select(i => i.Reference), Is.EqualTo(new[] { "REF-0005", "REF-0004" }));
            Assert.That(last.Items.Select(i => i.Reference), Is.EqualTo(new[] { "REF-0001" }));
            Assert.That((first.Total, first.Unread, first.PageCount), Is.EqualTo((5, 5, 3)));
            var item = first.Items[0];
            Assert.That(item.Category, Is.EqualTo("offer-made"));
            Assert.That(item.Subject, Is.EqualTo("New offer for REF-0005"));
            Assert.That(item.Link, Is.EqualTo("/offers/4f1c2a"));
            Assert.That(item.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 4, 1, 9, 4, 0, TimeSpan.Zero)));
            Assert.That(item.IsRead, Is.False);
        });
    }

    [Test]
    public async Task Marking_one_read_lowers_the_unread_count_and_marking_all_read_clears_it()
    {
        _host.People.Add("a1", "PRV-A", Roles.Provider);
        for (var i = 1; i <= 3; i++)
        {
            await _host.NotifyAsync(TestNotifications.OfferMade($"offer-{i}", NotificationAudience.Person("a1")));
        }

        var newest = (await _host.Inbox.ListAsync(InboxOwner.Person("a1"))).Items[0];
        _host.Clock.Advance(TimeSpan.FromHours(1));
        var marked = await _host.Inbox.MarkReadAsync(InboxOwner.Person("a1"), newest.Id);
        var afterOne = await _host.Inbox.ListAsync(InboxOwner.Person("a1"));
        var unreadOnly = await _host.Inbox.ListAsync(InboxOwner.Person("a1"), unreadOnly: true);
        var markedAll = await _host.Inbox.MarkAllReadAsync(InboxOwner.Person("a1"));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(marked, Is.True);
            Assert.That(afterOne.Unread, Is.EqualTo(2));
            Assert.That(afterOne.Items[0].ReadAt, Is.EqualTo(new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.Zero)));
            Assert.That(unreadOnly.Items.Select(i => i.Id), Has.No.Member(newest.Id));
            Assert.That(unreadOnly.Items, Has.Count.EqualTo(2));
            Assert.That(unreadOnly.Total, Is.EqualTo(2));
            Assert.That(markedAll, Is.EqualTo(2));
            Assert.That(await _host.Inbox.UnreadCountAsync(InboxOwner.Person("a1")), Is.Zero);
            Assert.That(await _host.Inbox.MarkAllReadAsync(InboxOwner.Person("a1")), Is.Zero);
        });
    }

    [Test]
    public async Task Marking_read_again_keeps_the_first_time()
    {
        _host.People.Add("a1", "PRV-A", Roles.Provider);
        await _host.NotifyAsync(TestNotifications.OfferMade("offer-1", NotificationAudience.Person("a1")));
        var id = (await _host.Inbox.ListAsync(InboxOwner.Person("a1"))).Items[0].Id;

        await _host.Inbox.MarkReadAsync(InboxOwner.Person("a1"), id);
        var firstRead = (await _host.Inbox.ListAsync(InboxOwner.Person("a1"))).Items[0].ReadAt;
        _host.Clock.Advance(TimeSpan.FromDays(1));
        var again = await _host.Inbox.MarkReadAsync(InboxOwner.Person("a1"), id);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(again, Is.True);
            Assert.That((await _host.Inbox.ListAsync(InboxOwner.Person("a1"))).Items[0].ReadAt, Is.EqualTo(firstRead));
        });
    }

    [Test]
    public async Task A_person_cannot_see_or_mark_read_a_notification_that_is_not_theirs()
    {
        _host.People.Add("a1", "PRV-A", Roles.Provider);
        _host.People.Add("b1", "PRV-B", Roles.Provider);
        await _host.NotifyAsync(TestNotifications.OfferMade("offer-1", NotificationAudience.Person("a1")));
        var id = (await _host.Inbox.ListAsync(InboxOwner.Person("a1"))).Items[0].Id;

        var marked = await _host.Inbox.MarkReadAsync(InboxOwner.Person("b1"), id);
        var unknown = await _host.Inbox.MarkReadAsync(InboxOwner.Person("a1"), Guid.NewGuid());
        var seenByOwner = await _host.Inbox.GetAsync(InboxOwner.Person("a1"), id);
        var seenByOther = await _host.Inbox.GetAsync(InboxOwner.Person("b1"), id);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(marked, Is.False, "answered as not found");
            Assert.That(unknown, Is.False);
            Assert.That(seenByOwner?.Subject, Is.EqualTo("New offer for REF-7KQ2"));
            Assert.That(seenByOther, Is.Null);
            Assert.That((await _host.Inbox.ListAsync(InboxOwner.Person("b1"))).Items, Is.Empty);
            Assert.That(await _host.Inbox.UnreadCountAsync(InboxOwner.Person("a1")), Is.EqualTo(1), "b1's attempt left a1's mark alone");
        });
    }

    [Test]
    public async Task A_person_who_joins_an_organisation_later_does_not_inherit_its_earlier_notifications()
    {
        _host.People.Add("a1", "PRV-A", Roles.Provider);
        await _host.NotifyAsync(TestNotifications.OfferMade("offer-1", NotificationAudience.InOrganisation("PRV-A", Roles.Provider)));

        _host.People.Add("a2", "PRV-A", Roles.Provider);
        await _host.NotifyAsync(TestNotifications.OfferMade("offer-2", NotificationAudience.InOrganisation("PRV-A", Roles.Provider)));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await _host.Inbox.UnreadCountAsync(InboxOwner.Person("a1")), Is.EqualTo(2));
            Assert.That(await _host.Inbox.UnreadCountAsync(InboxOwner.Person("a2")), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_notification_that_reaches_nobody_is_still_recorded()
    {
        await _host.NotifyAsync(TestNotifications.OfferMade("offer-1", NotificationAudience.InOrganisation("PRV-Z")));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await _host.CountAsync("notifications"), Is.EqualTo(1));
            Assert.That(await _host.CountAsync("recipients"), Is.Zero);
        });
    }
}
