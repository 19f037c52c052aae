using System.Globalization;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Host.Composition;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commissioning.Host.Pages;

/// <summary>
/// Service status for people running the service: is the database ready, does this instance lead the async
/// projections, and how far each module store's projections and subscriptions have got. Only counts and log
/// positions: no business data, nothing about any child.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = Commissioning.BuildingBlocks.Identity.Roles.PartnershipAdmin)]
internal sealed class StatusModel(
    MigrationState migrations,
    NpgsqlDataSource dataSource,
    DatabaseLocation database,
    EventStoreCatalog catalog,
    AsyncDaemon daemon,
    IOptions<AsyncDaemonOptions> daemonOptions,
    TimeProvider clock,
    ILogger<StatusModel> logger) : PageModel
{
    /// <summary>How long the whole page may spend asking the database.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public string CheckedAt { get; private set; } = "";

    public DatabaseState Database { get; private set; }

    public bool EmbeddedDatabase => database.Embedded;

    public LeadershipState Leadership { get; private set; }

    public IReadOnlyList<StoreStatus> Stores { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        CheckedAt = clock.GetUtcNow().ToString("HH:mm:ss 'UTC on' d MMMM yyyy", British);

        var runners = catalog.CreateRunners();
        Leadership = !daemonOptions.Value.Enabled ? LeadershipState.Disabled
            : daemon.IsLeader ? LeadershipState.Leads
            : LeadershipState.Follows;

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        Database = await CheckDatabaseAsync(cancellationToken, budget.Token);

        var stores = new List<StoreStatus>();
        foreach (var store in catalog.Stores)
        {
            var name = Modules.All.FirstOrDefault(m => m.Schema == store.Schema)?.Name ?? store.Schema;
            var followers = runners.Where(r => r.Store == store).ToList();
            stores.Add(Database == DatabaseState.Ready
                ? await ReadStoreAsync(store, name, followers, cancellationToken, budget.Token)
                : new StoreStatus(name, store.Schema, null, Describe(followers), "Not read, because the database is not ready."));
        }

        Stores = stores;
    }

    private async Task<DatabaseState> CheckDatabaseAsync(CancellationToken request, CancellationToken budget)
    {
        if (!migrations.Completed)
        {
            return DatabaseState.Migrating;
        }

        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(budget);
            return DatabaseState.Ready;
        }
        catch (Exception e) when (Unexpected(e, request))
        {
            logger.LogWarning(e, "Service status: the database did not answer");
            return DatabaseState.Unreachable;
        }
    }

    private async Task<StoreStatus> ReadStoreAsync(
        EventStore store, string name, IReadOnlyList<LogRunner> followers, CancellationToken request, CancellationToken budget)
    {
        long count, highest;
        try
        {
            count = await store.CountAsync(budget);
            highest = await store.HighestSequenceAsync(budget);
        }
        catch (Exception e) when (Unexpected(e, request))
        {
            logger.LogWarning(e, "Service status: could not read the {Schema} event store", store.Schema);
            return new StoreStatus(name, store.Schema, null, Describe(followers), "Could not be read. The failure has been logged.");
        }

        var statuses = new List<FollowerStatus>();
        foreach (var runner in followers)
        {
            try
            {
                var checkpoint = await runner.ReadCheckpointAsync(budget);
                var caughtUp = await runner.HasReachedAsync(highest, budget);
                // Sequence numbers give a close measure, not an exact one: transactions commit out of order.
                var lag = caughtUp ? 0 : Math.Max(1, highest - checkpoint.Sequence);
                statuses.Add(Describe(runner) with { Checkpoint = checkpoint, Lag = lag });
            }
            catch (Exception e) when (Unexpected(e, request))
            {
                logger.LogWarning(e, "Service status: could not read the checkpoint {Checkpoint} in {Schema}", runner.Name, store.Schema);
                statuses.Add(Describe(runner));
            }
        }

        return new StoreStatus(name, store.Schema, count, statuses, null);
    }

    /// <summary>
    /// Any failure but the request's own cancellation: a status page that fails with the thing it reports on is
    /// no use, so it shows "unknown" and logs it.
    /// </summary>
    private static bool Unexpected(Exception e, CancellationToken request) => e is not OperationCanceledException || !request.IsCancellationRequested;

    private static List<FollowerStatus> Describe(IEnumerable<LogRunner> runners) => [.. runners.Select(Describe)];

    private static FollowerStatus Describe(LogRunner runner) => runner switch
    {
        ProjectionRunner projection => new FollowerStatus("Async projection", projection.Projection.Name, null, null),
        _ => new FollowerStatus("Subscription", runner.Name.StartsWith("subscription:", StringComparison.Ordinal) ? runner.Name["subscription:".Length..] : runner.Name, null, null),
    };

    internal enum DatabaseState
    {
        Migrating,
        Unreachable,
        Ready,
    }

    internal enum LeadershipState
    {
        Leads,
        Follows,
        Disabled,
    }

    /// <summary>One module's event store; <paramref name="Problem"/> when it could not be read.</summary>
    internal sealed record StoreStatus(string Module, string Schema, long? Events, IReadOnlyList<FollowerStatus> Followers, string? Problem);

    /// <summary>An async projection or subscription; checkpoint and lag are null when they could not be read.</summary>
    internal sealed record FollowerStatus(string Kind, string Name, LogPosition? Checkpoint, long? Lag);
}
