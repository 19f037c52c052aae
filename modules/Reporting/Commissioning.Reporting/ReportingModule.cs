using Commissioning.BuildingBlocks.Modules;

namespace Commissioning.Reporting;

/// <summary>The Reporting module: management information and the board's performance packs, built only from integration events.</summary>
public sealed class ReportingModule() : ModuleBase("Reporting", SchemaName)
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "reporting";
}
