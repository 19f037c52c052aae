using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Messages.Partnership;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.SpotPurchases.Fairness;

/// <summary>Brokerage's copy of a borough's pooled-budget contribution for a year (from the Partnership module), for the fairness page.</summary>
/// <param name="SetAt">When Partnership stored it: the latest for a borough and year wins, whatever order copies arrive in.</param>
/// <param name="SourceEventId">The integration event it was copied from.</param>
[EventType("brokerage.pooled-budget-contribution-copied.v1")]
internal sealed record PooledBudgetContributionCopied(string BoroughCode, string FinancialYear, decimal Amount, DateTimeOffset SetAt, Guid SourceEventId);

internal static class PooledBudgetStreams
{
    public const string StreamType = "brokerage-pooled-budget";

    public static string For(string boroughCode) => $"brokerage-pooled-budget-{boroughCode}";
}

/// <summary>
/// Copies Partnership's pooled-budget contributions. Delivery is at least once: the event is marked in the inbox in
/// the same transaction as the copy, so a redelivery stores nothing.
/// </summary>
internal sealed class PooledBudgetConsumer([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store) : INotificationHandler<PooledBudgetContributionSet>
{
    public const string Consumer = "brokerage-fairness";

    public async Task Handle(PooledBudgetContributionSet notification, CancellationToken cancellationToken) =>
        await store.OpenSession(EventMetadata.System())
            .MarkProcessed(Consumer, notification.EventId)
            .Append(PooledBudgetStreams.For(notification.BoroughCode), PooledBudgetStreams.StreamType, ExpectedVersion.Any,
                [new PooledBudgetContributionCopied(notification.BoroughCode, notification.FinancialYear, notification.Amount, notification.OccurredAt, notification.EventId)],
                notification.BoroughCode)
            .SaveChangesAsync(cancellationToken);
}

/// <summary>The contributions table: one row per borough and year, the latest setting.</summary>
internal sealed class PooledBudgetProjection : Projection
{
    public override string Name => "brokerage-pooled-budget";

    public override IReadOnlyList<string> OwnedTables => [SpotTables.PooledBudget];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        if (storedEvent.Data is PooledBudgetContributionCopied e)
        {
            commands.Execute(
                $"""
                INSERT INTO {SpotTables.PooledBudget} AS p (borough_code, financial_year, amount, set_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (borough_code, financial_year) DO UPDATE SET amount = excluded.amount, set_at = excluded.set_at WHERE p.set_at <= excluded.set_at
                """,
                e.BoroughCode, e.FinancialYear, e.Amount, e.SetAt);
        }
    }
}
