using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Contracts.Core;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts.BlockContracts;

/// <summary>
/// Agrees a block contract with a provider (or a consortium led by one); answers its id. It runs eight years from
/// its start unless an end is given; the innovation cap is 7% unless given.
/// </summary>
/// <param name="WeeklyPrices">Pounds a week by band code (<c>low</c>, <c>medium</c>...): one for every band the beds use.</param>
[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin)]
internal sealed record AgreeBlockContract(
    string ProviderCode,
    IReadOnlyList<string>? ConsortiumMembers,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    DateOnly? BreakOn,
    IReadOnlyList<DateOnly>? ReviewDates,
    IReadOnlyDictionary<string, decimal>? WeeklyPrices,
    decimal? AnnualUpliftPercent,
    decimal? InnovationCapPercent,
    string? OutcomeFrameworkReference,
    IReadOnlyList<BedRequest>? Beds) : ICommand<Guid>
{
    public const int DefaultTermYears = 8;
    public const decimal DefaultInnovationCapPercent = 7m;

    public DateOnly? EffectiveEndsOn => EndsOn ?? StartsOn?.AddYears(DefaultTermYears).AddDays(-1);
}

internal sealed class AgreeBlockContractValidator : AbstractValidator<AgreeBlockContract>
{
    public AgreeBlockContractValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.ProviderCode).NotEmpty().WithMessage("Enter the code of the provider (or the consortium's lead provider), for example PRV-A");
        RuleForEach(c => c.ConsortiumMembers).NotEmpty().WithMessage("Enter the code of each consortium member, for example PRV-C");
        RuleFor(c => c.StartsOn).NotNull().WithMessage("Enter the date the contract starts");
        RuleFor(c => c.EndsOn).GreaterThan(c => c.StartsOn).When(c => c.StartsOn is not null && c.EndsOn is not null)
            .WithMessage("The end date must be after the start date");
        RuleFor(c => c.BreakOn).Must((c, d) => d > c.StartsOn && d <= c.EffectiveEndsOn).When(c => c.StartsOn is not null && c.BreakOn is not null)
            .WithMessage("The break date must be after the start date and no later than the end date");
        RuleForEach(c => c.ReviewDates).Must((c, d) => d > c.StartsOn && d <= c.EffectiveEndsOn).When(c => c.StartsOn is not null)
            .WithMessage("Each review date must be after the start date and no later than the end date");
        RuleFor(c => c.WeeklyPrices).NotEmpty().WithMessage($"Enter the weekly price of each band the beds use ({NeedBands.Choices})");
        RuleFor(c => c.WeeklyPrices).Custom((prices, context) => PriceRules.Check("weeklyPrices", prices, context)).When(c => c.WeeklyPrices is { Count: > 0 });
        RuleFor(c => c.AnnualUpliftPercent).NotNull().WithMessage("Enter the annual uplift as a percentage, for example 2.5 (or 0 for none)")
            .InclusiveBetween(0m, 20m).WithMessage("The annual uplift must be from 0% to 20%")
            .Must(p => decimal.Round(p!.Value, 2) == p).WithMessage("The annual uplift must have at most 2 decimal places");
        RuleFor(c => c.InnovationCapPercent).InclusiveBetween(0m, 100m).WithMessage("The innovation cap must be from 0% to 100%")
            .Must(p => decimal.Round(p!.Value, 2) == p).WithMessage("The innovation cap must have at most 2 decimal places")
            .When(c => c.InnovationCapPercent is not null);
        RuleFor(c => c.OutcomeFrameworkReference).NotEmpty().WithMessage("Enter the reference of the outcome framework the contract pays results against, for example OF-2025")
            .MaximumLength(100).WithMessage("The outcome framework reference must be 100 characters or fewer");
        RuleFor(c => c.Beds).NotEmpty().WithMessage("Add at least one contracted bed: a home, a band and a number of beds");
        RuleForEach(c => c.Beds).ChildRules(bed =>
        {
            bed.RuleLevelCascadeMode = CascadeMode.Stop;
            bed.RuleFor(b => b.HomeCode).NotEmpty().WithMessage("Enter the home's code, for example HOME-01");
            bed.RuleFor(b => b.Band).NotEmpty().WithMessage($"Enter the band of the beds: {NeedBands.Choices}")
                .Must(b => NeedBands.TryParse(b) is not null).WithMessage($"Enter the band of the beds: {NeedBands.Choices}");
            bed.RuleFor(b => b.Count).NotNull().WithMessage("Enter the number of beds")
                .InclusiveBetween(1, 30).WithMessage("The number of beds must be a whole number from 1 to 30");
        });
        RuleFor(c => c.Beds).Custom((beds, context) =>
        {
            var prices = context.InstanceToValidate.WeeklyPrices;
            foreach (var band in (beds ?? []).Select(b => NeedBands.TryParse(b.Band)).OfType<NeedBand>().Distinct())
            {
                if (prices is { Count: > 0 } && !prices.Keys.Any(k => NeedBands.TryParse(k) == band))
                {
                    context.AddFailure($"weeklyPrices.{NeedBands.Code(band)}", $"Enter the weekly price of the {NeedBands.Code(band)} band: the contract has {NeedBands.Code(band)} beds");
                }
            }
        });
    }
}

/// <summary>Weekly prices by band: each a known band, each more than £0 with at most 2 decimal places.</summary>
internal static class PriceRules
{
    public static void Check<T>(string field, IReadOnlyDictionary<string, decimal>? prices, FluentValidation.ValidationContext<T> context)
    {
        foreach (var price in prices ?? new Dictionary<string, decimal>())
        {
            if (NeedBands.TryParse(price.Key) is not { } band)
            {
                context.AddFailure($"{field}.{price.Key}", $"Give weekly prices by band: {NeedBands.Choices}");
            }
            else if (!ContractRules.IsMoney(price.Value))
            {
                context.AddFailure($"{field}.{NeedBands.Code(band)}", "The weekly price must be more than £0 and have at most 2 decimal places, for example 4600.00");
            }
        }
    }
}

internal sealed class AgreeBlockContractHandler(
    [FromKeyedServices(ContractsModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<AgreeBlockContract, Guid>
{
    public async Task<Guid> Handle(AgreeBlockContract request, CancellationToken cancellationToken)
    {
        var rules = new ContractRules(store);
        var lead = request.ProviderCode.Trim().ToUpperInvariant();
        var members = (request.ConsortiumMembers ?? []).Select(m => m.Trim().ToUpperInvariant()).Where(m => m != lead).Distinct().ToList();
        var errors = new Dictionary<string, string[]>();
        if (!await rules.ProviderExistsAsync(lead, cancellationToken))
        {
            errors["providerCode"] = [$"There is no provider with the code {lead}: register the provider first"];
        }

        for (var i = 0; i < members.Count; i++)
        {
            if (!await rules.ProviderExistsAsync(members[i], cancellationToken))
            {
                errors[$"consortiumMembers[{i}]"] = [$"There is no provider with the code {members[i]}: register the provider first"];
            }
        }

        await rules.CheckBedsAsync("beds", request.Beds!, [lead, .. members], [], errors, cancellationToken);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var contractId = Guid.CreateVersion7(clock.GetUtcNow());
        var count = await ReadModels.QueryAsync(store, $"SELECT count(*)::int FROM {CoreTables.BlockContracts}", r => r.GetInt32(0), cancellationToken);
        var startsOn = request.StartsOn!.Value;
        var agreed = new BlockContractAgreed(
            contractId,
            $"BC-{startsOn.Year}-{count[0] + 1:000}",
            lead,
            members,
            startsOn,
            request.EffectiveEndsOn!.Value,
            request.BreakOn,
            [.. (request.ReviewDates ?? []).Distinct().Order()],
            request.WeeklyPrices!.ToDictionary(p => NeedBands.Parse(p.Key), p => p.Value),
            request.AnnualUpliftPercent!.Value,
            request.InnovationCapPercent ?? AgreeBlockContract.DefaultInnovationCapPercent,
            request.OutcomeFrameworkReference!.Trim(),
            await rules.NumberBedsAsync(request.Beds!, cancellationToken));
        unitOfWork.For(store).Append(BlockContractStreams.For(contractId), BlockContractStreams.StreamType, ExpectedVersion.NoStream, [agreed]);
        return contractId;
    }
}
