using System.Text.RegularExpressions;

namespace Commissioning.BuildingBlocks.Notifications;

/// <summary>
/// Something a person should know: an offer made, an offer answered, a referral overdue, a return due, a certificate
/// expiring. It goes to their in-app inbox and, when an SMTP server is configured, to their e-mail.
/// </summary>
/// <remarks>
/// Nothing here may identify a child: no name, date of birth, address, school or case number, in the subject, the
/// body or the link. Name the child by the pseudonymous reference (<see cref="Reference"/>) and let the reader sign
/// in to see more: e-mail leaves the partnership's control. The reference is checked for shape; the texts cannot be
/// checked, so a notification's wording is reviewed like any other code that handles children's data.
/// </remarks>
/// <param name="Category">What kind of news, in kebab case: <c>offer-made</c>, <c>referral-overdue</c>.</param>
/// <param name="Audience">Who is told: one person, or the people of an organisation (optionally only some roles).</param>
/// <param name="Subject">One line, at most 200 characters: the e-mail's subject and the inbox entry's title.</param>
/// <param name="Body">Plain text, at most 4,000 characters.</param>
/// <param name="Link">A path in the web app that shows the thing itself, such as <c>/offers/7f3c…</c>.</param>
/// <param name="Key">
/// Deterministic for the fact being told, so that telling it twice (a redelivered integration event, a retried job)
/// stores it once: for a notification made from an integration event, its <c>EventId</c>, with a suffix if one
/// event makes several notifications of the same category. Unique within <see cref="Category"/>.
/// </param>
/// <param name="Reference">The child's or case's pseudonymous reference, such as <c>REF-7KQ2</c>, when there is one.</param>
public sealed partial record Notification(
    string Category,
    NotificationAudience Audience,
    string Subject,
    string Body,
    string Link,
    string Key,
    string? Reference = null)
{
    /// <summary>The longest subject accepted.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>The longest body accepted.</summary>
    public const int MaxBodyLength = 4000;

    /// <summary>Throws <see cref="ArgumentException"/> naming what is wrong: a notification is built by code, not typed by a person.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Audience);
        Audience.Validate();
        Require(Category is { Length: > 0 and <= 64 } && CategoryPattern().IsMatch(Category), nameof(Category),
            $"The category '{Category}' must be kebab case, at most 64 characters, such as 'offer-made'.");
        Require(!string.IsNullOrWhiteSpace(Subject) && Subject.Length <= MaxSubjectLength && !Subject.Any(char.IsControl), nameof(Subject),
            $"The subject must be one line of 1 to {MaxSubjectLength} characters.");
        Require(Body is not null && Body.Length <= MaxBodyLength, nameof(Body),
            $"The body must be at most {MaxBodyLength} characters.");
        Require(Link is { Length: > 1 and <= 500 } && LinkPattern().IsMatch(Link), nameof(Link),
            $"The link '{Link}' must be a path in the web app, starting with one '/', such as '/offers/123'; never a full address.");
        Require(!string.IsNullOrWhiteSpace(Key) && Key.Length <= 200, nameof(Key),
            "The key must be 1 to 200 characters, derived from the fact being told (an integration event's EventId, for example).");
        Require(Reference is null || ReferencePattern().IsMatch(Reference), nameof(Reference),
            $"The reference '{Reference}' must be a pseudonymous reference: capital letters, digits and hyphens, at most 32 characters, such as 'REF-7KQ2'.");
    }

    private static void Require(bool condition, string parameter, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, parameter);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryPattern();

    // A path only: one leading slash (not "//", which browsers read as another host), no scheme, no spaces or controls.
    [GeneratedRegex(@"^/[^/\\\s][^\\\s]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}

/// <summary>Who a notification is for: one person, or the people of one organisation, optionally only some roles.</summary>
public sealed record NotificationAudience
{
    private NotificationAudience(string? personId, string? organisation, IReadOnlyList<string> roles)
    {
        PersonId = personId;
        Organisation = organisation;
        Roles = roles;
    }

    /// <summary>The one person, or null for an organisation audience.</summary>
    public string? PersonId { get; }

    /// <summary>The organisation's code (a borough's GSS code, a provider's code), or null for a person audience.</summary>
    public string? Organisation { get; }

    /// <summary>The roles within <see cref="Organisation"/> that are told; empty means everyone in it.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>One person, by id.</summary>
    public static NotificationAudience Person(string personId) => new(personId, null, []);

    /// <summary>Everyone in <paramref name="organisation"/> who holds one of <paramref name="roles"/> (everyone when none are given).</summary>
    public static NotificationAudience InOrganisation(string organisation, params string[] roles) =>
        new(null, organisation, roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());

    /// <summary>Structural equality, roles included.</summary>
    public bool Equals(NotificationAudience? other) =>
        other is not null && PersonId == other.PersonId && Organisation == other.Organisation && Roles.SequenceEqual(other.Roles);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(PersonId, Organisation, string.Join(',', Roles));

    /// <inheritdoc />
    public override string ToString() =>
        PersonId is not null ? $"person {PersonId}" : $"{Organisation} ({(Roles.Count == 0 ? "everyone" : string.Join(", ", Roles))})";

    internal void Validate()
    {
        if (PersonId is not null ? string.IsNullOrWhiteSpace(PersonId) : string.IsNullOrWhiteSpace(Organisation))
        {
            throw new ArgumentException("A notification's audience needs a person id or an organisation code.", nameof(Notification.Audience));
        }

        var unknown = Roles.Except(Identity.Roles.All, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"The audience names roles that do not exist: {string.Join(", ", unknown)}. Use the names in Roles.", nameof(Notification.Audience));
        }
    }
}

/// <summary>One person a notification reaches.</summary>
/// <param name="PersonId">Their person id, the one they sign in as.</param>
/// <param name="Email">Their e-mail address, or null when they have none (they still get the in-app notification).</param>
/// <param name="DisplayName">Their name, for the e-mail's To line.</param>
public sealed record NotificationRecipient(string PersonId, string? Email, string DisplayName);

/// <summary>
/// Turns an audience into people. The Partnership module owns people and implements this; BuildingBlocks cannot see
/// them. Only enabled accounts are returned.
/// </summary>
public interface INotificationRecipients
{
    /// <summary>The enabled people in <paramref name="audience"/>; none when it matches nobody.</summary>
    Task<IReadOnlyList<NotificationRecipient>> ResolveAsync(NotificationAudience audience, CancellationToken cancellationToken);
}

/// <summary>
/// Tells people things: stores the notification for each person its audience reaches at this moment, and queues
/// one e-mail per address when SMTP is configured, all in one transaction. Scoped.
/// </summary>
/// <remarks>
/// Idempotent on <see cref="Notification.Category"/> and <see cref="Notification.Key"/>: a second call with the same
/// pair stores and sends nothing. So call it from an integration event's handler with a key derived from the
/// event's <c>EventId</c>, before (or regardless of) marking the event processed: a redelivery then tells nobody
/// twice, and a crash between the two cannot lose the notification.
/// </remarks>
public interface INotifier
{
    /// <summary>Stores and queues the notification, unless one with the same category and key was stored before.</summary>
    Task NotifyAsync(Notification notification, CancellationToken cancellationToken);
}
