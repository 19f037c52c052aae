using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Contracts.Core;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts.BlockContracts;

/// <summary>
/// Proposes a change to a block contract from an effective date: beds added, beds removed, new weekly prices (only
/// the bands that change). Nothing changes until it is approved. Answers the variation's id.
/// </summary>
[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin)]
internal sealed record ProposeContractVariation(
    Guid ContractId,
    DateOnly? EffectiveFrom,
    string? Reason,
    IReadOnlyList<BedRequest>? BedsAdded,
    IReadOnlyList<string>? BedsRemoved,
    IReadOnlyDictionary<string, decimal>? NewWeeklyPrices,
    long? ExpectedVersion = null) : ICommand<Guid>;

internal sealed class ProposeContractVariationValidator : AbstractValidator<ProposeContractVariation>
{
    public ProposeContractVariationValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.EffectiveFrom).NotNull().WithMessage("Enter the date the variation takes effect");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Enter the reason for the variation")
            .MaximumLength(2000).WithMessage("The reason must be 2,000 characters or fewer");
        RuleFor(c => c).Must(c => (c.BedsAdded?.Count ?? 0) + (c.BedsRemoved?.Count ?? 0) + (c.NewWeeklyPrices?.Count ?? 0) > 0)
            .WithMessage("Say what the variation changes: beds added, beds removed or new weekly prices").OverridePropertyName("bedsAdded");
        RuleFor(c => c.NewWeeklyPrices).Custom((prices, context) => PriceRules.Check("newWeeklyPrices", prices, context));
        RuleForEach(c => c.BedsAdded).ChildRules(bed =>
        {
            bed.RuleLevelCascadeMode = CascadeMode.Stop;
            bed.RuleFor(b => b.HomeCode).NotEmpty().WithMessage("Enter the home's code, for example HOME-01");
            bed.RuleFor(b => b.Band).NotEmpty().WithMessage($"Enter the band of the beds: {NeedBands.Choices}")
                .Must(b => NeedBands.TryParse(b) is not null).WithMessage($"Enter the band of the beds: {NeedBands.Choices}");
            bed.RuleFor(b => b.Count).NotNull().WithMessage("Enter the number of beds")
                .InclusiveBetween(1, 30).WithMessage("The number of beds must be a whole number from 1 to 30");
        });
        RuleForEach(c => c.BedsRemoved).NotEmpty().WithMessage("Enter the id of each bed to remove, for example HOME-01-B2");
    }
}

internal sealed class ProposeContractVariationHandler(
    [FromKeyedServices(ContractsModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<ProposeContractVariation, Guid>
{
    public async Task<Guid> Handle(ProposeContractVariation request, CancellationToken cancellationToken)
    {
        var streamId = BlockContractStreams.For(request.ContractId);
        var (terms, version) = await store.LoadAsync<ContractTerms>(streamId, cancellationToken);
        var agreement = terms.Agreement ?? throw new NotFoundException("There is no block contract with that id.");
        StaleWrites.Refuse(streamId, request.ExpectedVersion, version);

        var effective = request.EffectiveFrom!.Value;
        var errors = new Dictionary<string, string[]>();
        if (effective < agreement.StartsOn || effective > agreement.EndsOn)
        {
            errors["effectiveFrom"] =
                [$"The date the variation takes effect must be within the contract, from {agreement.StartsOn:yyyy-MM-dd} to {agreement.EndsOn:yyyy-MM-dd}"];
        }

        var removed = (request.BedsRemoved ?? []).Select(b => b.Trim().ToUpperInvariant()).ToList();
        var current = terms.Beds.Where(b => b.Until is null).Select(b => b.Bed.BedId).ToHashSet();
        for (var i = 0; i < removed.Count; i++)
        {
            if (!current.Contains(removed[i]))
            {
                errors[$"bedsRemoved[{i}]"] = [$"{removed[i]} is not a bed of this contract: give the id of a contracted bed, for example {current.Order().FirstOrDefault() ?? "HOME-01-B1"}"];
            }
        }

        var latestPrices = terms.PriceChanges.OrderBy(p => p.From).Last().Prices;
        var changedPrices = (request.NewWeeklyPrices ?? new Dictionary<string, decimal>()).ToDictionary(p => NeedBands.Parse(p.Key), p => p.Value);
        var added = request.BedsAdded ?? [];
        for (var i = 0; i < added.Count; i++)
        {
            var band = NeedBands.Parse(added[i].Band!);
            if (!latestPrices.ContainsKey(band) && !changedPrices.ContainsKey(band))
            {
                errors[$"newWeeklyPrices.{NeedBands.Code(band)}"] = [$"Enter the weekly price of the {NeedBands.Code(band)} band: the contract has no price for it yet"];
            }
        }

        var rules = new ContractRules(store);
        await rules.CheckBedsAsync("bedsAdded", added, [agreement.ProviderCode, .. agreement.ConsortiumMembers], removed, errors, cancellationToken);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        // Stored complete, so the terms never look up a band that a partial price change left out.
        IReadOnlyDictionary<NeedBand, decimal>? newPrices = changedPrices.Count == 0
            ? null
            : latestPrices.Concat(changedPrices).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        var variationId = Guid.CreateVersion7(clock.GetUtcNow());
        unitOfWork.For(store).Append(streamId, BlockContractStreams.StreamType, version,
        [
            new ContractVariationProposed(request.ContractId, variationId, effective, request.Reason!.Trim(),
                added.Count == 0 ? [] : await rules.NumberBedsAsync(added, cancellationToken), removed, newPrices),
        ]);
        return variationId;
    }
}

/// <summary>The contract manager approves a proposed variation: from its effective date its beds and prices apply.</summary>
/// <param name="ExpectedVersion">The contract's version the approver saw: a stale one is refused (409).</param>
[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin)]
internal sealed record ApproveContractVariation(Guid ContractId, Guid VariationId, long? ExpectedVersion = null) : ICommand<Unit>;

/// <summary>The contract manager turns down a proposed variation, with the reason.</summary>
[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin)]
internal sealed record RejectContractVariation(Guid ContractId, Guid VariationId, string? Reason, long? ExpectedVersion = null) : ICommand<Unit>;

internal sealed class RejectContractVariationValidator : AbstractValidator<RejectContractVariation>
{
    public RejectContractVariationValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Enter why the variation is rejected")
            .MaximumLength(2000).WithMessage("The reason must be 2,000 characters or fewer");
    }
}

internal sealed class DecideContractVariationHandler(
    [FromKeyedServices(ContractsModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, TimeProvider clock, RequestContext context)
    : IRequestHandler<ApproveContractVariation, Unit>, IRequestHandler<RejectContractVariation, Unit>
{
    public async Task<Unit> Handle(ApproveContractVariation request, CancellationToken cancellationToken)
    {
        var (streamId, version) = await PendingAsync(request.ContractId, request.VariationId, request.ExpectedVersion, cancellationToken);
        var (terms, _) = await store.LoadAsync<ContractTerms>(streamId, cancellationToken);
        var (agreement, variation) = (terms.Agreement!, terms.PendingVariations[request.VariationId]);
        List<object> events = [new ContractVariationApproved(request.ContractId, request.VariationId, PartnershipCalendar.Today(clock), context.UserId ?? "unknown")];
        if (variation.BedsAdded.Count + variation.BedsRemoved.Count > 0)
        {
            events.Add(new ContractBedsVaried(request.ContractId, request.VariationId, agreement.Reference, agreement.ProviderCode, variation.EffectiveFrom,
                variation.BedsAdded, variation.BedsRemoved));
        }

        unitOfWork.For(store).Append(streamId, BlockContractStreams.StreamType, version, events);
        return Unit.Value;
    }

    public async Task<Unit> Handle(RejectContractVariation request, CancellationToken cancellationToken)
    {
        var (streamId, version) = await PendingAsync(request.ContractId, request.VariationId, request.ExpectedVersion, cancellationToken);
        unitOfWork.For(store).Append(streamId, BlockContractStreams.StreamType, version,
            [new ContractVariationRejected(request.ContractId, request.VariationId, request.Reason!.Trim())]);
        return Unit.Value;
    }

    private async Task<(string StreamId, long Version)> PendingAsync(Guid contractId, Guid variationId, long? expectedVersion, CancellationToken cancellationToken)
    {
        var streamId = BlockContractStreams.For(contractId);
        var events = await store.ReadStreamAsync(streamId, cancellationToken);
        if (!events.Any(e => e.Data is ContractVariationProposed p && p.VariationId == variationId))
        {
            throw new NotFoundException("This contract has no variation with that id.");
        }

        var version = events[^1].Version;
        StaleWrites.Refuse(streamId, expectedVersion, version);
        if (events.Any(e => e.Data is ContractVariationApproved a && a.VariationId == variationId
                            || e.Data is ContractVariationRejected r && r.VariationId == variationId))
        {
            throw new ConflictException("This variation has already been decided: it can be approved or rejected only once.");
        }

        return (streamId, version);
    }
}
