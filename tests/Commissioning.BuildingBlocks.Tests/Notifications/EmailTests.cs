using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Notifications;
using Commissioning.TestKit;
using Microsoft.Extensions.DependencyInjection;
using CommandJobDefinition = Commissioning.BuildingBlocks.Jobs.CommandJobDefinition;

namespace Commissioning.BuildingBlocks.Tests.Notifications;

public sealed class EmailTests
{
    private static readonly NotificationAudience ProvidersOfA = NotificationAudience.InOrganisation("PRV-A", Roles.Provider);

    [Test]
    public async Task With_SMTP_configured_each_recipient_gets_one_email_with_the_reference_and_link_and_nothing_else()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var host = await NotificationsTestHost.StartAsync(NotificationsTestHost.SmtpSettings(smtp.Port));
        host.People.Add("a1", "PRV-A", Roles.Provider);
        host.People.Add("a2", "PRV-A", Roles.Provider);
        host.People.Add("a3", "PRV-A", Roles.Provider);
        host.People.Add("b1", "PRV-B", Roles.Provider);

        await host.NotifyAsync(TestNotifications.OfferMade("offer-1", ProvidersOfA));
        var result = await host.DispatchEmailsAsync();
        var again = await host.DispatchEmailsAsync();

        var messages = smtp.Messages;
        var expectedText =
            "New offer for REF-7KQ2\r\n\r\n" +
            "The brokerage team has offered you a placement. Please answer by 17:00 on 3 April.\r\n\r\n" +
            "Reference: REF-7KQ2\r\n" +
            "Open it in Commissioning: https://commissioning.example.org/offers/4f1c2a\r\n\r\n" +
            NotificationEmail.Footer;
        var outbox = await host.OutboxAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new EmailDispatchResult(Sent: 3, Retrying: 0, Failed: 0)));
            Assert.That(again, Is.EqualTo(EmailDispatchResult.None), "sent e-mails are not sent again");
            Assert.That(messages.Select(m => string.Join(",", m.Recipients)),
                Is.EquivalentTo(new[] { "a1@example.org", "a2@example.org", "a3@example.org" }));
            Assert.That(messages.Select(m => m.MailFrom), Is.All.EqualTo("noreply@commissioning.example.org"));
            Assert.That(messages.Select(m => m.Subject), Is.All.EqualTo("New offer for REF-7KQ2"));
            Assert.That(messages.Select(m => m.Body), Is.All.EqualTo(expectedText));
            Assert.That(messages.Select(m => m.Headers["Auto-Submitted"]), Is.All.EqualTo("auto-generated"));
            Assert.That(messages.Select(m => m.Headers["Message-ID"]), Is.Unique.And.All.EndsWith("@commissioning.example.org>"));
            Assert.That(outbox.Select(r => (r.Status, r.Attempts, r.SentAt)),
                Is.All.EqualTo(("sent", 1, (DateTimeOffset?)new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero))));
        });
    }

    [Test]
    public async Task A_person_without_an_email_address_is_told_in_the_app_only()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var host = await NotificationsTestHost.StartAsync(NotificationsTestHost.SmtpSettings(smtp.Port));
        host.People.Add("a1", "PRV-A", Roles.Provider);
        host.People.Add(new TestPerson("a2", "PRV-A", Roles.Provider, Email: null, "Person a2"));

        await host.NotifyAsync(TestNotifications.OfferMade("offer-1", ProvidersOfA));
        await host.DispatchEmailsAsync();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await host.Inbox.UnreadCountAsync(InboxOwner.Person("a2")), Is.EqualTo(1));
            Assert.That(smtp.Messages.SelectMany(m => m.Recipients), Is.EqualTo(new[] { "a1@example.org" }));
        });
    }

    [Test]
    public async Task With_the_SMTP_server_down_the_email_stays_pending_is_retried_with_growing_waits_and_is_marked_failed_after_the_last_attempt()
    {
        await using var host = await NotificationsTestHost.StartAsync(NotificationsTestHost.SmtpSettings(SmtpTestServer.UnusedPort(), maxAttempts: 3));
        host.People.Add("a1", "PRV-A", Roles.Provider);
        await host.NotifyAsync(TestNotifications.OfferMade("offer-1", ProvidersOfA));
        var start = host.Clock.GetUtcNow();

        var first = await host.DispatchEmailsAsync();
        var afterFirst = (await host.OutboxAsync()).Single();
        var tooSoon = await host.DispatchEmailsAsync();

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await host.DispatchEmailsAsync();
        var afterSecond = (await host.OutboxAsync()).Single();

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var third = await host.DispatchEmailsAsync();
        var afterThird = (await host.OutboxAsync()).Single();

        host.Clock.Advance(TimeSpan.FromDays(1));
        var afterGivingUp = await host.DispatchEmailsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new EmailDispatchResult(Sent: 0, Retrying: 1, Failed: 0)));
            Assert.That((afterFirst.Status, afterFirst.Attempts, afterFirst.NextAttemptAt), Is.EqualTo(("pending", 1, start.AddMinutes(1))));
            Assert.That(afterFirst.LastError, Is.Not.Empty);
            Assert.That(tooSoon, Is.EqualTo(EmailDispatchResult.None), "not tried again before its wait is over");
            Assert.That(second, Is.EqualTo(new EmailDispatchResult(0, 1, 0)));
            Assert.That((afterSecond.Status, afterSecond.Attempts, afterSecond.NextAttemptAt), Is.EqualTo(("pending", 2, start.AddMinutes(3))), "the wait doubles");
            Assert.That(third, Is.EqualTo(new EmailDispatchResult(0, 0, 1)));
            Assert.That((afterThird.Status, afterThird.Attempts, afterThird.SentAt), Is.EqualTo(("failed", 3, (DateTimeOffset?)null)));
            Assert.That(afterGivingUp, Is.EqualTo(EmailDispatchResult.None));
        });
    }

    [Test]
    public async Task An_email_that_could_not_be_sent_while_the_server_was_down_is_sent_once_it_is_back()
    {
        var port = SmtpTestServer.UnusedPort();
        await using var host = await NotificationsTestHost.StartAsync(NotificationsTestHost.SmtpSettings(port));
        host.People.Add("a1", "PRV-A", Roles.Provider);
        host.People.Add("a2", "PRV-A", Roles.Provider);
        await host.NotifyAsync(TestNotifications.OfferMade("offer-1", ProvidersOfA));

        var whileDown = await host.DispatchEmailsAsync();
        await using var smtp = SmtpTestServer.Start(port);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var onceBack = await host.DispatchEmailsAsync();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(whileDown, Is.EqualTo(new EmailDispatchResult(Sent: 0, Retrying: 2, Failed: 0)));
            Assert.That(onceBack, Is.EqualTo(new EmailDispatchResult(Sent: 2, Retrying: 0, Failed: 0)));
            Assert.That(smtp.Messages, Has.Count.EqualTo(2));
            Assert.That((await host.OutboxAsync()).Select(r => (r.Status, r.Attempts)), Is.All.EqualTo(("sent", 2)));
        });
    }

    [Test]
    public async Task A_recipient_the_server_refuses_for_good_is_marked_failed_at_once_and_the_others_are_sent()
    {
        await using var smtp = SmtpTestServer.Start();
        smtp.Refuse("a2@example.org");
        await using var host = await NotificationsTestHost.StartAsync(NotificationsTestHost.SmtpSettings(smtp.Port));
        host.People.Add("a1", "PRV-A", Roles.Provider);
        host.People.Add("a2", "PRV-A", Roles.Provider);
        host.People.Add("a3", "PRV-A", Roles.Provider);
        await host.NotifyAsync(TestNotifications.OfferMade("offer-1", ProvidersOfA));

        var result = await host.DispatchEmailsAsync();
        var outbox = await host.OutboxAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new EmailDispatchResult(Sent: 2, Retrying: 0, Failed: 1)));
            Assert.That(outbox.Select(r => (r.PersonId, r.Status)), Is.EqualTo(new[] { ("a1", "sent"), ("a2", "failed"), ("a3", "sent") }));
            Assert.That(outbox.Single(r => r.PersonId == "a2").LastError, Does.Contain("550"));
            Assert.That(smtp.Messages.SelectMany(m => m.Recipients), Is.EquivalentTo(new[] { "a1@example.org", "a3@example.org" }));
        });
    }

    [Test]
    public async Task An_email_whose_dispatcher_died_while_sending_is_sent_after_its_lease_runs_out()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var host = await NotificationsTestHost.StartAsync(NotificationsTestHost.SmtpSettings(smtp.Port));
        host.People.Add("a1", "PRV-A", Roles.Provider);
        await host.NotifyAsync(TestNotifications.OfferMade("offer-1", ProvidersOfA));
        // What a dispatcher's claim leaves behind when its process dies before it can mark the e-mail.
        await using (var claim = host.Database.DataSource.CreateCommand(
            "UPDATE notifications.emails SET attempts = 1, next_attempt_at = next_attempt_at + interval '10 minutes'"))
        {
            await claim.ExecuteNonQueryAsync();
        }

        var duringLease = await host.DispatchEmailsAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var afterLease = await host.DispatchEmailsAsync();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(duringLease, Is.EqualTo(EmailDispatchResult.None));
            Assert.That(afterLease, Is.EqualTo(new EmailDispatchResult(Sent: 1, Retrying: 0, Failed: 0)));
            Assert.That((await host.OutboxAsync()).Single().Attempts, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Without_SMTP_configured_the_app_is_told_and_no_email_is_queued_sent_or_failed()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var host = await NotificationsTestHost.StartAsync();
        host.People.Add("a1", "PRV-A", Roles.Provider);

        await host.NotifyAsync(TestNotifications.OfferMade("offer-1", ProvidersOfA));
        var result = await host.DispatchEmailsAsync();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await host.Inbox.UnreadCountAsync(InboxOwner.Person("a1")), Is.EqualTo(1));
            Assert.That(result, Is.EqualTo(EmailDispatchResult.None));
            Assert.That(await host.OutboxAsync(), Is.Empty);
            Assert.That(smtp.Connections, Is.Zero);
        });
    }

    [Test]
    public async Task The_dispatcher_is_a_job_that_runs_every_30_seconds_by_default()
    {
        await using var host = await NotificationsTestHost.StartAsync();

        var job = host.Services.GetServices<CommandJobDefinition>().Single(j => j.Name == "notifications.send-emails");

        Assert.Multiple(() =>
        {
            Assert.That(job.CommandType, Is.EqualTo(typeof(SendNotificationEmails)));
            Assert.That(job.Schedule, Is.EqualTo("every 00:00:30"));
        });
    }
}
