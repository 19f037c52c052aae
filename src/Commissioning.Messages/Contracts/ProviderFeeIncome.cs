using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Messages.Contracts;

/// <summary>
/// A read-only cross-module query Contracts answers: a provider's standard fee income between two dates (inclusive),
/// the sum of its fee-schedule lines (block contracts it leads and its spot contracts) as the money engine computes
/// them. Payment by Results caps innovation payments at a share of it, and keeps the figure it was told in its own
/// events so that a statement recomputes to the same penny later.
/// </summary>
/// <param name="ProviderCode">The provider, e.g. PRV-A.</param>
/// <param name="From">The first day.</param>
/// <param name="To">The last day (inclusive).</param>
[AllowedRoles("contract-manager", "finance", "partnership-admin")]
public sealed record GetProviderStandardFeeIncome(string ProviderCode, DateOnly From, DateOnly To) : IQuery<ProviderStandardFeeIncome>;

/// <summary>A provider's standard fee income for a span of days.</summary>
/// <param name="ProviderCode">The provider.</param>
/// <param name="From">The first day.</param>
/// <param name="To">The last day.</param>
/// <param name="Amount">Pounds: the sum of the fee-schedule lines, each already rounded to the penny.</param>
public sealed record ProviderStandardFeeIncome(string ProviderCode, DateOnly From, DateOnly To, decimal Amount);
