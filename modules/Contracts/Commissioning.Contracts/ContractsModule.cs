using Commissioning.BuildingBlocks.Modules;

namespace Commissioning.Contracts;

/// <summary>The Contracts module: providers, homes, block and spot contracts, the bed ledger and vacancy confirmations.</summary>
public sealed class ContractsModule() : ModuleBase("Contracts", SchemaName)
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "contracts";
}
