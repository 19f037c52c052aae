using System.Collections.Concurrent;
using Commissioning.BuildingBlocks.Notifications;

namespace Commissioning.TestKit;

/// <summary>One person as the in-memory recipients know them.</summary>
/// <param name="PersonId">Their id.</param>
/// <param name="Organisation">Their organisation's code.</param>
/// <param name="Role">Their one role.</param>
/// <param name="Email">Their e-mail address, if any.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Enabled">False for a disabled account, which is never told anything.</param>
public sealed record TestPerson(string PersonId, string Organisation, string Role, string? Email, string DisplayName, bool Enabled = true);

/// <summary>
/// People for notification tests, kept in memory: what the Partnership module's implementation answers from its
/// tables, without the module.
/// </summary>
public sealed class InMemoryNotificationRecipients : INotificationRecipients
{
    private readonly ConcurrentDictionary<string, TestPerson> _people = new(StringComparer.Ordinal);

    /// <summary>How many times an audience was resolved.</summary>
    public int Resolutions => _resolutions;

    private int _resolutions;

    /// <summary>Adds or replaces a person.</summary>
    public TestPerson Add(TestPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        _people[person.PersonId] = person;
        return person;
    }

    /// <summary>Adds or replaces a person, with an e-mail address made from their id.</summary>
    public TestPerson Add(string personId, string organisation, string role, bool enabled = true) =>
        Add(new TestPerson(personId, organisation, role, $"{personId}@example.org", $"Person {personId}", enabled));

    /// <inheritdoc />
    public Task<IReadOnlyList<NotificationRecipient>> ResolveAsync(NotificationAudience audience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audience);
        Interlocked.Increment(ref _resolutions);
        IReadOnlyList<NotificationRecipient> matches = _people.Values
            .Where(p => p.Enabled)
            .Where(p => audience.PersonId is not null
                ? p.PersonId == audience.PersonId
                : p.Organisation == audience.Organisation && (audience.Roles.Count == 0 || audience.Roles.Contains(p.Role)))
            .OrderBy(p => p.PersonId, StringComparer.Ordinal)
            .Select(p => new NotificationRecipient(p.PersonId, p.Email, p.DisplayName))
            .ToList();
        return Task.FromResult(matches);
    }
}
