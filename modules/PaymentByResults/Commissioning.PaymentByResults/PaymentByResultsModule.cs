using Commissioning.BuildingBlocks.Modules;

namespace Commissioning.PaymentByResults;

/// <summary>The PaymentByResults module: outcome frameworks, provider returns, verification and innovation payments.</summary>
public sealed class PaymentByResultsModule() : ModuleBase("PaymentByResults", SchemaName)
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "payment_by_results";
}
