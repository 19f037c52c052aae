using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Messages.Partnership;

/// <summary>
/// A borough's contribution to the partnership's pooled budget for a financial year was set (or changed: the latest
/// for a borough and year replaces the earlier ones). Contracts shares the cost of void beds in proportion to these.
/// </summary>
/// <param name="BoroughCode">The borough's GSS code, e.g. E09000016.</param>
/// <param name="FinancialYear">April to March, written "2026-27".</param>
/// <param name="Amount">Pounds, at most two decimal places, never negative.</param>
public sealed record PooledBudgetContributionSet(string BoroughCode, string FinancialYear, decimal Amount) : IntegrationEvent;
