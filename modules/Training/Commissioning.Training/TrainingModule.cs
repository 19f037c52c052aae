using Commissioning.BuildingBlocks.Modules;

namespace Commissioning.Training;

/// <summary>The Training module: the accredited training programme for provider staff.</summary>
public sealed class TrainingModule() : ModuleBase("Training", SchemaName)
{
    /// <summary>The module's PostgreSQL schema.</summary>
    public const string SchemaName = "training";
}
