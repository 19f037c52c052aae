using Commissioning.BuildingBlocks.Modules;

namespace Commissioning.Partnership;

/// <summary>The Partnership module: the partnership, boroughs, people, roles, API keys, governance and the audit log.</summary>
public sealed class PartnershipModule() : ModuleBase("Partnership", SchemaName)
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "partnership";
}
