using System.Text.Json;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Contracts.Core;

namespace Commissioning.Contracts.Providers;

/// <summary>Providers with their contacts, and each check's latest pass.</summary>
internal sealed class ProvidersProjection : Projection
{
    public override string Name => "contracts-providers";

    public override IReadOnlyList<string> OwnedTables => [CoreTables.Providers, CoreTables.ProviderChecks];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        switch (storedEvent.Data)
        {
            case ProviderRegistered e:
                commands.Execute(
                    $"""
                    INSERT INTO {CoreTables.Providers} (provider_code, version, name, ofsted_provider_reference, contacts, registered_at)
                    VALUES ($1, $2, $3, $4, $5::jsonb, $6)
                    """,
                    e.ProviderCode, storedEvent.Version, e.Name, e.OfstedProviderReference,
                    JsonSerializer.Serialize(e.Contacts, JsonSerializerOptions.Web), e.RegisteredAt);
                break;
            case ProviderCheckPassed e:
                commands.Execute(
                    $"""
                    INSERT INTO {CoreTables.ProviderChecks} (provider_code, check_code, passed_on, expires_on) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (provider_code, check_code) DO UPDATE SET passed_on = excluded.passed_on, expires_on = excluded.expires_on
                    """,
                    e.ProviderCode, AccreditationChecks.Code(e.Check), e.PassedOn, e.ExpiresOn);
                commands.Execute($"UPDATE {CoreTables.Providers} SET version = $2 WHERE provider_code = $1", e.ProviderCode, storedEvent.Version);
                break;
        }
    }
}
