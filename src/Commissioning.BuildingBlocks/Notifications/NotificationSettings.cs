using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Commissioning.BuildingBlocks.Notifications;

/// <summary>
/// The SMTP server e-mails go through (<c>Commissioning:Smtp</c>). E-mail is off unless <see cref="Host"/> is set.
/// </summary>
/// <remarks>
/// Sent with <see cref="System.Net.Mail.SmtpClient"/>: plain SMTP or STARTTLS (<see cref="EnableSsl"/>), with or
/// without a user name and password. It cannot speak implicit TLS (port 465): use the relay's submission port
/// (587) with STARTTLS. ADR 0009 says why.
/// </remarks>
internal sealed record SmtpSettings
{
    public string? Host { get; init; }

    public int Port { get; init; } = 25;

    public string From { get; init; } = "commissioning@localhost";

    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>STARTTLS.</summary>
    public bool EnableSsl { get; init; }

    /// <summary>How long one message may take to send before it counts as a failed attempt.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary>The password is never shown.</summary>
    public override string ToString() =>
        Enabled ? $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}{(EnableSsl ? " with STARTTLS" : "")}{(UserName is null ? "" : $" as {UserName}")}, from {From}" : "off";
}

/// <summary>How notifications are delivered (<c>Commissioning:Notifications</c> and <c>Commissioning:PublicBaseUrl</c>).</summary>
internal sealed record NotificationSettings
{
    public const string DefaultPublicBaseUrl = "http://127.0.0.1:5080";

    public SmtpSettings Smtp { get; init; } = new();

    /// <summary>Where people reach the web app: e-mails link to it.</summary>
    public Uri PublicBaseUrl { get; init; } = new(DefaultPublicBaseUrl);

    /// <summary>How often the dispatcher looks for e-mails to send.</summary>
    public TimeSpan DispatchInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many e-mails per dispatcher run; the rest wait for the next.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>An e-mail that has failed this many times is marked failed and not tried again.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The wait after the first failure; it doubles after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a dispatcher holds the e-mails it took: if it dies meanwhile, they are taken again after this.
    /// Longer than a whole batch can take to send.
    /// </summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait before attempt <paramref name="attemptsSoFar"/> + 1.</summary>
    public TimeSpan DelayAfter(int attemptsSoFar)
    {
        var doubled = RetryDelay.Ticks * Math.Pow(2, Math.Clamp(attemptsSoFar - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(doubled, MaxRetryDelay.Ticks));
    }

    /// <summary>Reads the settings, failing with a plain message when one is not usable.</summary>
    public static NotificationSettings Read(IConfiguration configuration)
    {
        var smtp = configuration.GetSection("Commissioning:Smtp");
        var notifications = configuration.GetSection("Commissioning:Notifications");
        var settings = new NotificationSettings
        {
            Smtp = new SmtpSettings
            {
                Host = smtp["Host"],
                Port = smtp.GetValue("Port", 25),
                From = string.IsNullOrWhiteSpace(smtp["From"]) ? "commissioning@localhost" : smtp["From"]!,
                UserName = string.IsNullOrEmpty(smtp["UserName"]) ? null : smtp["UserName"],
                Password = smtp["Password"],
                EnableSsl = smtp.GetValue("EnableSsl", false),
                Timeout = smtp.GetValue("Timeout", TimeSpan.FromSeconds(30)),
            },
            PublicBaseUrl = ReadBaseUrl(configuration["Commissioning:PublicBaseUrl"]),
            DispatchInterval = notifications.GetValue("EmailDispatchInterval", TimeSpan.FromSeconds(30)),
            BatchSize = notifications.GetValue("EmailBatchSize", 50),
            MaxAttempts = notifications.GetValue("EmailMaxAttempts", 8),
            RetryDelay = notifications.GetValue("EmailRetryDelay", TimeSpan.FromMinutes(1)),
            MaxRetryDelay = notifications.GetValue("EmailMaxRetryDelay", TimeSpan.FromHours(1)),
        };

        if (settings.Smtp.Port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"Commissioning:Smtp:Port is {settings.Smtp.Port}; give a port from 1 to 65535.");
        }

        if (settings.BatchSize < 1 || settings.MaxAttempts < 1)
        {
            throw new InvalidOperationException("Commissioning:Notifications:EmailBatchSize and EmailMaxAttempts must be at least 1.");
        }

        if (settings.Smtp.Enabled)
        {
            try
            {
                _ = new System.Net.Mail.MailAddress(settings.Smtp.From);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException(
                    $"Commissioning:Smtp:From is '{settings.Smtp.From}', which is not an e-mail address; give one such as 'Commissioning <noreply@example.org>'.");
            }
        }

        return settings;
    }

    private static Uri ReadBaseUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new Uri(DefaultPublicBaseUrl);
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException(
                $"Commissioning:PublicBaseUrl is '{value}'; give the web app's address as people reach it, such as 'https://commissioning.example.org'.");
        }

        return uri;
    }

    /// <summary>The absolute address of a link in the web app (a path, checked by <see cref="Notification.Validate"/>).</summary>
    public string AbsoluteLink(string link) => PublicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + link;
}
