using Commissioning.BuildingBlocks.EventStore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Published = Commissioning.Messages.Contracts;

namespace Commissioning.Brokerage.SpotPurchases.SpotRequests;

/// <summary>Brokerage's copy of a provider's pass of one pre-qualification check (from Contracts), with the checks accreditation needs.</summary>
[EventType("brokerage.provider-check-copied.v1")]
internal sealed record ProviderCheckCopied(
    string ProviderCode, string Check, DateOnly PassedOn, DateOnly ExpiresOn, IReadOnlyList<string> ChecksForAccreditation, Guid SourceEventId);

internal static class ProviderCheckStreams
{
    public const string StreamType = "brokerage-provider-checks";

    public static string For(string providerCode) => $"brokerage-provider-checks-{providerCode}";
}

/// <summary>
/// Copies Contracts' provider checks. At least once: the event is marked in the inbox in the same transaction as the
/// copy, so a redelivery stores nothing.
/// </summary>
internal sealed class ProviderChecksConsumer([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store) : INotificationHandler<Published.ProviderCheckPassed>
{
    public const string Consumer = "brokerage-accreditation";

    public async Task Handle(Published.ProviderCheckPassed notification, CancellationToken cancellationToken) =>
        await store.OpenSession(EventMetadata.System())
            .MarkProcessed(Consumer, notification.EventId)
            .Append(ProviderCheckStreams.For(notification.ProviderCode), ProviderCheckStreams.StreamType, ExpectedVersion.Any,
                [new ProviderCheckCopied(notification.ProviderCode, notification.Check, notification.PassedOn, notification.ExpiresOn,
                    notification.ChecksForAccreditation, notification.EventId)])
            .SaveChangesAsync(cancellationToken);
}

/// <summary>
/// Each provider's latest pass of each check. The checks accreditation needs travel with every copy (Contracts owns
/// the list), so a provider that has passed none of a new check shows it as missing; the list is kept as rows with an
/// empty pass (<c>passed_on</c> NULL) for each check not yet passed.
/// </summary>
internal sealed class ProviderChecksProjection : Projection
{
    public override string Name => "brokerage-provider-checks";

    public override IReadOnlyList<string> OwnedTables => [SpotTables.ProviderChecks];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        if (storedEvent.Data is not ProviderCheckCopied e)
        {
            return;
        }

        commands.Execute(
            $"""
            INSERT INTO {SpotTables.ProviderChecks} (provider_code, check_code, passed_on, expires_on) SELECT $1, c, NULL, NULL FROM unnest($2::text[]) AS c
            ON CONFLICT (provider_code, check_code) DO NOTHING
            """,
            e.ProviderCode, e.ChecksForAccreditation.ToArray());
        commands.Execute(
            $"""
            INSERT INTO {SpotTables.ProviderChecks} (provider_code, check_code, passed_on, expires_on) VALUES ($1, $2, $3, $4)
            ON CONFLICT (provider_code, check_code) DO UPDATE SET passed_on = excluded.passed_on, expires_on = excluded.expires_on
            """,
            e.ProviderCode, e.Check, e.PassedOn, e.ExpiresOn);
    }
}

/// <summary>One check as Brokerage knows it for a provider: never passed (no dates) or passed and valid until a date.</summary>
internal sealed record CheckHeld(string Check, DateOnly? PassedOn, DateOnly? ExpiresOn);

/// <summary>
/// The accreditation rule, as Contracts applies it on its providers page: a provider is accredited on a day when every
/// check Contracts requires (health-and-safety, safeguarding, equal-opportunities, human-resources, required-training)
/// has a pass that expires on or after that day. A provider Brokerage has never heard a check of is not accredited.
/// </summary>
internal static class Accreditation
{
    /// <summary>Null when accredited on <paramref name="today"/>; otherwise why not, in plain English.</summary>
    public static string? WhyNot(IReadOnlyList<CheckHeld> checks, DateOnly today)
    {
        if (checks.Count == 0)
        {
            return "Not accredited: no pre-qualification check is recorded for it.";
        }

        var missing = checks.Where(c => c.PassedOn is null).Select(c => c.Check).Order(StringComparer.Ordinal).ToList();
        var expired = checks.Where(c => c.ExpiresOn is { } e && e < today).OrderBy(c => c.Check, StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && expired.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add($"{string.Join(", ", missing)} not passed");
        }

        parts.AddRange(expired.Select(c => $"{c.Check} expired on {c.ExpiresOn:yyyy-MM-dd}"));
        return $"Not accredited: {string.Join("; ", parts)}.";
    }
}
