using System.Globalization;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Notifications;
using Commissioning.TestKit;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Commissioning.BuildingBlocks.Tests.Notifications;

/// <summary>A row of the e-mail outbox.</summary>
internal sealed record OutboxRow(string PersonId, string Address, string Status, int Attempts, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset? SentAt);

/// <summary>
/// The notification service over a fresh, migrated database, with people kept in memory, a clock the test moves and
/// whatever settings the test gives (SMTP off unless it gives some).
/// </summary>
internal sealed class NotificationsTestHost : IAsyncDisposable
{
    private NotificationsTestHost(TestDatabase database, ServiceProvider services)
    {
        Database = database;
        Services = services;
    }

    public TestDatabase Database { get; }

    public ServiceProvider Services { get; }

    public TestClock Clock => Services.GetRequiredService<TestClock>();

    public InMemoryNotificationRecipients People => Services.GetRequiredService<InMemoryNotificationRecipients>();

    public NotificationInbox Inbox => Services.GetRequiredService<NotificationInbox>();

    public static async Task<NotificationsTestHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync("notifications-tests",
            dataSource => SchemaMigrator.MigrateAsync(dataSource, [NotificationSchema.Migrations], NullLogger.Instance));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var clock = new TestClock();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(clock)
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(database.DataSource)
            .AddSingleton<InMemoryNotificationRecipients>()
            .AddSingleton<INotificationRecipients>(sp => sp.GetRequiredService<InMemoryNotificationRecipients>())
            .AddMessaging()
            .AddNotifications(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return new NotificationsTestHost(database, services);
    }

    /// <summary>Settings that send e-mail through the SMTP server at <paramref name="port"/> on the loopback interface.</summary>
    public static Dictionary<string, string?> SmtpSettings(int port, int maxAttempts = 8) => new()
    {
        ["Commissioning:Smtp:Host"] = "127.0.0.1",
        ["Commissioning:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Commissioning:Smtp:From"] = "Commissioning <noreply@commissioning.example.org>",
        ["Commissioning:Smtp:Timeout"] = "00:00:10",
        ["Commissioning:PublicBaseUrl"] = "https://commissioning.example.org",
        ["Commissioning:Notifications:EmailMaxAttempts"] = maxAttempts.ToString(CultureInfo.InvariantCulture),
    };

    public async Task NotifyAsync(Notification notification)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(notification, CancellationToken.None);
    }

    /// <summary>One run of the e-mail dispatcher, as its job sends it: as the system, through the pipeline.</summary>
    public async Task<EmailDispatchResult> DispatchEmailsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().ActAsSystem(AccessChannel.Background);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendNotificationEmails());
    }

    public async Task<IReadOnlyList<OutboxRow>> OutboxAsync()
    {
        await using var command = Database.DataSource.CreateCommand(
            "SELECT person_id, address, status, attempts, next_attempt_at, last_error, sent_at FROM notifications.emails ORDER BY address");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new OutboxRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return rows;
    }

    public async Task<long> CountAsync(string table)
    {
        await using var command = Database.DataSource.CreateCommand($"SELECT count(*) FROM notifications.{table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>Notifications the tests send.</summary>
internal static class TestNotifications
{
    public static Notification OfferMade(string key, NotificationAudience audience, string reference = "REF-7KQ2") => new(
        Category: "offer-made",
        Audience: audience,
        Subject: $"New offer for {reference}",
        Body: "The brokerage team has offered you a placement. Please answer by 17:00 on 3 April.",
        Link: "/offers/4f1c2a",
        Key: key,
        Reference: reference);
}
