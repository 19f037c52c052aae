using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Contracts.Core;
using Commissioning.Messages.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts.BlockContracts;

/// <summary>Answers other modules' questions about block prices from each contract's own stream (the terms the money engine uses).</summary>
internal sealed class BlockWeeklyPricesHandler([FromKeyedServices(ContractsModule.SchemaName)] EventStore store)
    : IRequestHandler<GetBlockWeeklyPrices, IReadOnlyList<BlockPriceAnswer>>
{
    public async Task<IReadOnlyList<BlockPriceAnswer>> Handle(GetBlockWeeklyPrices request, CancellationToken cancellationToken)
    {
        var terms = new Dictionary<Guid, ContractTerms>();
        var answers = new List<BlockPriceAnswer>();
        foreach (var question in request.Questions)
        {
            if (!terms.TryGetValue(question.ContractId, out var contract))
            {
                terms[question.ContractId] = contract = (await store.LoadAsync<ContractTerms>(BlockContractStreams.For(question.ContractId), cancellationToken)).State;
            }

            answers.Add(new BlockPriceAnswer(question, PriceOrNull(contract, question)));
        }

        return answers;
    }

    private static decimal? PriceOrNull(ContractTerms contract, BlockPriceQuestion question)
    {
        if (contract.Agreement is not { } agreement || NeedBands.TryParse(question.Band) is not { } band ||
            question.On < agreement.StartsOn || question.On > agreement.EndsOn)
        {
            return null;
        }

        return decimal.Round(contract.WeeklyPrice(band, question.On), 2, MidpointRounding.AwayFromZero);
    }
}
