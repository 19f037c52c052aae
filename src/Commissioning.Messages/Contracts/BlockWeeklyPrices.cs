using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Messages.Contracts;

/// <summary>One price asked for: a block contract's weekly price for a need band on a day.</summary>
/// <param name="ContractId">The block contract.</param>
/// <param name="Band">The need band code: <c>low</c>, <c>medium</c>, <c>high</c> or <c>specialist</c>.</param>
/// <param name="On">The day.</param>
public sealed record BlockPriceQuestion(Guid ContractId, string Band, DateOnly On);

/// <summary>
/// A read-only cross-module query Contracts answers: block contracts' weekly prices, as the money engine charges them
/// (approved variations from their effective date, the annual uplift), rounded to the penny. Brokerage's
/// Placements Data Standard export reports an agreed placement's <c>totalWeeklyCost</c> from it.
/// </summary>
/// <param name="Questions">The prices wanted.</param>
[AllowedRoles("brokerage", "borough-referrer", "borough-manager", "contract-manager", "finance", "partnership-admin")]
public sealed record GetBlockWeeklyPrices(IReadOnlyList<BlockPriceQuestion> Questions) : IQuery<IReadOnlyList<BlockPriceAnswer>>;

/// <summary>A price answered, or null when the contract is unknown or does not run on that day.</summary>
/// <param name="Question">The question.</param>
/// <param name="WeeklyPrice">Pounds a week, to the penny.</param>
public sealed record BlockPriceAnswer(BlockPriceQuestion Question, decimal? WeeklyPrice);
