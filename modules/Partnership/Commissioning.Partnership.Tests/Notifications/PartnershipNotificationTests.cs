using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Notifications;
using Commissioning.Partnership.People;
using Commissioning.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Tests.Notifications;

public sealed class PartnershipNotificationTests
{
    private const string Havering = "E09000016";
    private const string Newham = "E09000025";

    private ModuleTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await ModuleTestHost.StartAsync(new PartnershipModule());

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task Notifications_reach_the_enabled_people_of_the_organisation_and_role()
    {
        var broker1 = await RegisterAsync("broker1@havering.example.gov.uk", Havering, Roles.Brokerage);
        var broker2 = await RegisterAsync("broker2@havering.example.gov.uk", Havering, Roles.Brokerage);
        var admin = await RegisterAsync("admin@havering.example.gov.uk", Havering, Roles.PartnershipAdmin);
        var referrer = await RegisterAsync("referrer@newham.example.gov.uk", Newham, Roles.BoroughReferrer);
        await _host.SendAsync(new DisableAccount(broker2, "Left the team"));

        var brokers = await ResolveAsync(NotificationAudience.InOrganisation(Havering, Roles.Brokerage));
        var everyoneAtHavering = await ResolveAsync(NotificationAudience.InOrganisation(Havering));
        var onePerson = await ResolveAsync(NotificationAudience.Person(referrer.ToString()));
        var disabledPerson = await ResolveAsync(NotificationAudience.Person(broker2.ToString()));
        var notAPerson = await ResolveAsync(NotificationAudience.Person("key:abc"));

        Assert.Multiple(() =>
        {
            Assert.That(brokers, Is.EqualTo(new[] { new NotificationRecipient(broker1.ToString(), "broker1@havering.example.gov.uk", "Person broker1") }));
            Assert.That(everyoneAtHavering.Select(r => r.PersonId), Is.EquivalentTo(new[] { broker1.ToString(), admin.ToString() }));
            Assert.That(onePerson.Select(r => r.Email), Is.EqualTo(new[] { "referrer@newham.example.gov.uk" }));
            Assert.That(disabledPerson, Is.Empty);
            Assert.That(notAPerson, Is.Empty);
        });
    }

    [Test]
    public async Task An_admin_resetting_a_password_tells_that_person_once_without_the_password()
    {
        var person = await RegisterAsync("referrer@newham.example.gov.uk", Newham, Roles.BoroughReferrer);
        var other = await RegisterAsync("other@newham.example.gov.uk", Newham, Roles.BoroughReferrer);

        var issued = await _host.SendAsync(new ResetPassword(person));
        await _host.CatchUpAsync();
        await _host.CatchUpAsync();

        var inbox = await _host.Inbox.ListAsync(InboxOwner.Person(person.ToString()));
        var othersInbox = await _host.Inbox.ListAsync(InboxOwner.Person(other.ToString()));
        Assert.Multiple(() =>
        {
            Assert.That(inbox.Items.Select(i => (i.Category, i.Subject, i.Link)),
                Is.EqualTo(new[] { ("password-reset", "Your Commissioning password was reset", "/account") }));
            Assert.That(inbox.Items[0].Body, Does.Not.Contain(issued.TemporaryPassword));
            Assert.That(othersInbox.Items, Is.Empty);
        });
    }

    [Test]
    public async Task A_password_reset_found_long_after_it_happened_is_not_told()
    {
        var person = await RegisterAsync("referrer@newham.example.gov.uk", Newham, Roles.BoroughReferrer);
        await _host.SendAsync(new ResetPassword(person));

        _host.Clock.Advance(TimeSpan.FromDays(2));
        await _host.CatchUpAsync();

        Assert.That(await _host.Inbox.UnreadCountAsync(InboxOwner.Person(person.ToString())), Is.Zero);
    }

    private async Task<Guid> RegisterAsync(string email, string organisation, string role) =>
        (await _host.SendAsync(new RegisterPerson(email, "Person " + email.Split('@')[0], organisation, role))).PersonId;

    private async Task<IReadOnlyList<NotificationRecipient>> ResolveAsync(NotificationAudience audience)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<INotificationRecipients>().ResolveAsync(audience, CancellationToken.None);
    }
}
