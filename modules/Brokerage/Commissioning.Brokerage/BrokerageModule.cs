using Commissioning.BuildingBlocks.Modules;

namespace Commissioning.Brokerage;

/// <summary>The Brokerage module: referrals, matching, offers, allocation of block beds by need band, and placements.</summary>
public sealed class BrokerageModule() : ModuleBase("Brokerage", SchemaName)
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "brokerage";
}
