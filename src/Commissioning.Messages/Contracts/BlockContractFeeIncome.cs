using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Messages.Contracts;

/// <summary>
/// A read-only cross-module query Contracts answers: the standard fee income of one block contract between two dates
/// (inclusive), the sum of that contract's fee-schedule lines (occupied and void bed-days at the band prices, paid to
/// the lead provider) as the money engine computes them. Payment by Results caps a contract's innovation payment at a
/// share of it, and keeps the figure it was told in its own events so that a statement recomputes to the same penny.
/// </summary>
/// <param name="ContractId">The block contract.</param>
/// <param name="From">The first day.</param>
/// <param name="To">The last day (inclusive).</param>
[AllowedRoles("contract-manager", "finance", "partnership-admin")]
public sealed record GetBlockContractFeeIncome(Guid ContractId, DateOnly From, DateOnly To) : IQuery<BlockContractFeeIncome>;

/// <summary>A block contract's standard fee income for a span of days.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="ProviderCode">Its lead provider, who is paid.</param>
/// <param name="From">The first day.</param>
/// <param name="To">The last day.</param>
/// <param name="Amount">Pounds: the sum of the contract's fee-schedule lines in the span, each already rounded to the penny.</param>
public sealed record BlockContractFeeIncome(Guid ContractId, string ProviderCode, DateOnly From, DateOnly To, decimal Amount);
