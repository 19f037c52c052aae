using Commissioning.BuildingBlocks.Database;

namespace Commissioning.Host.Composition;

/// <summary>The host's own small schema: facts about this installation, not about any module's business.</summary>
internal static class PlatformSchema
{
    public const string Name = "platform";

    public static MigrationSet Migrations { get; } = new(Name, "host",
    [
        new Migration(1, "installation facts", """
            CREATE TABLE {schema}.installation (
                key text PRIMARY KEY,
                value text NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now());
            """),
        new Migration(2, "data protection keys", """
            CREATE TABLE {schema}.data_protection_keys (
                friendly_name text PRIMARY KEY,
                xml text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            """),
    ]);
}
