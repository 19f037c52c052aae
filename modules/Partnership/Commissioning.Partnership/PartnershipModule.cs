using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Modules;
using Commissioning.Partnership.Governance;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership;

/// <summary>The Partnership module: the partnership, boroughs, people, roles, API keys, governance and the audit log.</summary>
public sealed class PartnershipModule() : ModuleBase("Partnership", SchemaName)
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "partnership";

    /// <inheritdoc />
    public override IReadOnlyList<Migration> Migrations => [.. GovernanceSetup.Migrations];

    /// <inheritdoc />
    protected override void ConfigureEventStore(EventStoreBuilder store, IServiceCollection services) => GovernanceSetup.Configure(store, services);
}
