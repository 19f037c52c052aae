using Commissioning.BuildingBlocks.Jobs;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commissioning.BuildingBlocks.Notifications;

/// <summary>Registration of the notification service.</summary>
public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The job that sends due e-mails.</summary>
    public const string EmailJobName = "notifications.send-emails";

    /// <summary>
    /// Registers <see cref="INotifier"/> (scoped) and <see cref="NotificationInbox"/> (a singleton), reading the SMTP server and the
    /// public address from <paramref name="configuration"/>, and declares the job that sends e-mails. Needs an
    /// <c>NpgsqlDataSource</c>, a <see cref="TimeProvider"/>, <c>AddMessaging</c> and an
    /// <see cref="INotificationRecipients"/> (the Partnership module's), and <see cref="NotificationSchema.Migrations"/>
    /// applied to the database.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(NotificationSettings)))
        {
            throw new InvalidOperationException("Notifications are already registered: call AddNotifications once, in the host.");
        }

        var settings = NotificationSettings.Read(configuration);
        services.AddSingleton(settings);
        services.AddScoped<INotifier, Notifier>();
        services.AddSingleton<NotificationInbox>();
        services.TryAddScoped<INotificationRecipients, NoNotificationRecipients>();
        // AddMessaging registers the handlers of the assemblies it is given, and BuildingBlocks is not one of them.
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IRequestHandler<SendNotificationEmails, EmailDispatchResult>, SendNotificationEmailsHandler>());

        // Declared whether or not SMTP is configured: without it a run does nothing, and turning e-mail on or off is
        // then a change of settings, not of the scheduler's store.
        services.AddJobs(jobs => jobs.Every<SendNotificationEmails>(EmailJobName, settings.DispatchInterval));
        return services;
    }

    /// <summary>Stands in until a module provides the people: telling anyone fails loudly rather than reaching nobody.</summary>
    private sealed class NoNotificationRecipients : INotificationRecipients
    {
        public Task<IReadOnlyList<NotificationRecipient>> ResolveAsync(NotificationAudience audience, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(
                "No INotificationRecipients is registered, so a notification cannot reach anyone. The Partnership module provides it.");
    }
}
