using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Commissioning.BuildingBlocks.Jobs;

/// <summary>Where the scheduler's store is.</summary>
internal sealed record JobStoreSettings(string ConnectionString);

/// <summary>
/// Quartz's hosted service (start with the host, stop waiting for running jobs), plus two things of ours: the schema
/// (Quartz creates its tables under a schema-qualified prefix, but not the schema), and bringing declared jobs
/// that changed or went away in line with the code.
/// </summary>
internal sealed class JobsHostedService(
    IHostApplicationLifetime applicationLifetime,
    IServiceProvider serviceProvider,
    IOptionsMonitor<QuartzHostedServiceOptions> options,
    JobStoreSettings settings,
    CommandJobCatalog catalog,
    ILogger<JobsHostedService> logger)
    : QuartzHostedService(applicationLifetime, serviceProvider, options)
{
    // Before any scheduler is resolved, which is when Quartz provisions its tables.
    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {JobsServiceCollectionExtensions.Schema}", connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateSchema)
        {
            // IF NOT EXISTS is not atomic: another node created it between our check and our insert, which is fine.
            logger.LogDebug("Schema {Schema} was created by another node at the same moment", JobsServiceCollectionExtensions.Schema);
        }
    }

    // Once the scheduler runs: the store is there, and a job added now is picked up at once.
    public override async Task StartedAsync(CancellationToken cancellationToken)
    {
        foreach (var scheduler in Schedulers)
        {
            await catalog.SynchroniseAsync(scheduler, cancellationToken);
        }
    }
}
