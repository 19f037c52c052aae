namespace Commissioning.BuildingBlocks.Database;

/// <summary>One versioned, forward-only change to a schema. Applied once; never edited after it has shipped.</summary>
/// <param name="Version">Increasing number within its component.</param>
/// <param name="Name">What it does, for the migrations table and the log.</param>
/// <param name="Sql">The SQL; <c>{schema}</c> is replaced by the owning schema's name.</param>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>The migrations of one component (a module, or the event store of a module) in one schema.</summary>
/// <param name="Schema">The PostgreSQL schema the component owns.</param>
/// <param name="Component">A name that keeps the version numbers of different components apart.</param>
/// <param name="Migrations">The migrations, in any order; they are applied by version.</param>
public sealed record MigrationSet(string Schema, string Component, IReadOnlyList<Migration> Migrations);
