using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Contracts.Core;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts.BlockContracts;

internal static class SpotContractStreams
{
    public const string StreamType = "spot-contract";

    public static string For(Guid spotContractId) => $"spot-contract-{spotContractId:N}";
}

/// <summary>A spot contract as its stream tells it.</summary>
internal sealed record SpotContract(SpotContractAgreed? Agreement, DateOnly? EndedOn) : IAggregateState<SpotContract>
{
    public static SpotContract Initial => new(null, null);

    public SpotContract Apply(object @event) => @event switch
    {
        SpotContractAgreed e => this with { Agreement = e, EndedOn = e.EndsOn },
        SpotContractEnded e => this with { EndedOn = e.EndedOn },
        _ => this,
    };
}

/// <summary>Buys a single placement outside the block: a provider's home, a band, a weekly price, charged to a borough. Answers its id.</summary>
[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin)]
internal sealed record AgreeSpotContract(
    string? ProviderCode, string? HomeCode, string? BoroughCode, string? Band, decimal? WeeklyPrice, DateOnly? StartsOn, DateOnly? EndsOn,
    Guid? SpotContractId = null) : ICommand<Guid>;

internal sealed class AgreeSpotContractValidator : AbstractValidator<AgreeSpotContract>
{
    public AgreeSpotContractValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.ProviderCode).NotEmpty().WithMessage("Enter the provider's code, for example PRV-A");
        RuleFor(c => c.HomeCode).NotEmpty().WithMessage("Enter the home's code, for example HOME-01");
        RuleFor(c => c.BoroughCode).NotEmpty().WithMessage("Enter the GSS code of the borough the placement is for, for example E09000025")
            .Must(b => Boroughs.All.ContainsKey(b!.Trim().ToUpperInvariant())).WithMessage("Enter the GSS code of one of the partnership's boroughs, for example E09000025");
        RuleFor(c => c.Band).NotEmpty().WithMessage($"Enter the child's need band: {NeedBands.Choices}")
            .Must(b => NeedBands.TryParse(b) is not null).WithMessage($"Enter the child's need band: {NeedBands.Choices}");
        RuleFor(c => c.WeeklyPrice).NotNull().WithMessage("Enter the weekly price in pounds, for example 6250.00")
            .Must(p => ContractRules.IsMoney(p!.Value)).WithMessage("The weekly price must be more than £0 and have at most 2 decimal places, for example 6250.00");
        RuleFor(c => c.StartsOn).NotNull().WithMessage("Enter the date the placement starts");
        RuleFor(c => c.EndsOn).GreaterThan(c => c.StartsOn).When(c => c.StartsOn is not null && c.EndsOn is not null)
            .WithMessage("The end date must be after the start date");
    }
}

internal sealed class AgreeSpotContractHandler(
    [FromKeyedServices(ContractsModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<AgreeSpotContract, Guid>
{
    public async Task<Guid> Handle(AgreeSpotContract request, CancellationToken cancellationToken)
    {
        var provider = request.ProviderCode!.Trim().ToUpperInvariant();
        var homeCode = request.HomeCode!.Trim().ToUpperInvariant();
        var band = NeedBands.Parse(request.Band!);
        var home = await ReadModels.QueryAsync(
            store, $"SELECT provider_code, bands FROM {CoreTables.Homes} WHERE home_code = $1", r => (Provider: r.GetString(0), Bands: r.Strings(1)), cancellationToken, homeCode);
        var errors = new Dictionary<string, string[]>();
        if (!await new ContractRules(store).ProviderExistsAsync(provider, cancellationToken))
        {
            errors["providerCode"] = [$"There is no provider with the code {provider}: register the provider first"];
        }
        else if (home.Count == 0)
        {
            errors["homeCode"] = [$"There is no home with the code {homeCode}: enter the code of a registered home"];
        }
        else if (home[0].Provider != provider)
        {
            errors["homeCode"] = [$"{homeCode} is run by {home[0].Provider}, not {provider}: enter one of {provider}'s homes"];
        }
        else if (!home[0].Bands.Contains(NeedBands.Code(band)))
        {
            errors["band"] = [$"{homeCode} cannot meet the {NeedBands.Code(band)} band: it meets {string.Join(", ", home[0].Bands)}"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var id = request.SpotContractId ?? Guid.CreateVersion7(clock.GetUtcNow()); // Brokerage's award chooses the id (SpotAwardsConsumer)
        var count = await ReadModels.QueryAsync(store, $"SELECT count(*)::int FROM {CoreTables.SpotContracts}", r => r.GetInt32(0), cancellationToken);
        var borough = request.BoroughCode!.Trim().ToUpperInvariant();
        unitOfWork.For(store).Append(SpotContractStreams.For(id), SpotContractStreams.StreamType, ExpectedVersion.NoStream,
            [new SpotContractAgreed(id, $"SC-{request.StartsOn!.Value.Year}-{count[0] + 1:000}", provider, homeCode, borough, band, request.WeeklyPrice!.Value, request.StartsOn!.Value, request.EndsOn)],
            scope: borough);
        return id;
    }
}

/// <summary>Ends a spot contract on a date (the last day it is paid for).</summary>
[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin)]
internal sealed record EndSpotContract(Guid SpotContractId, DateOnly? EndedOn, long? ExpectedVersion = null) : ICommand<Unit>;

internal sealed class EndSpotContractValidator : AbstractValidator<EndSpotContract>
{
    public EndSpotContractValidator() => RuleFor(c => c.EndedOn).NotNull().WithMessage("Enter the date the spot contract ends");
}

internal sealed class EndSpotContractHandler([FromKeyedServices(ContractsModule.SchemaName)] EventStore store, UnitOfWork unitOfWork)
    : IRequestHandler<EndSpotContract, Unit>
{
    public async Task<Unit> Handle(EndSpotContract request, CancellationToken cancellationToken)
    {
        var streamId = SpotContractStreams.For(request.SpotContractId);
        var (spot, version) = await store.LoadAsync<SpotContract>(streamId, cancellationToken);
        var agreement = spot.Agreement ?? throw new NotFoundException("There is no spot contract with that id.");
        StaleWrites.Refuse(streamId, request.ExpectedVersion, version);
        if (request.EndedOn < agreement.StartsOn)
        {
            throw RequestValidationException.For("endedOn", $"The end date must be on or after the start date, {agreement.StartsOn:yyyy-MM-dd}");
        }

        if (version > 1)
        {
            throw new ConflictException("This spot contract has already been ended.");
        }

        unitOfWork.For(store).Append(streamId, SpotContractStreams.StreamType, version, [new SpotContractEnded(request.SpotContractId, request.EndedOn!.Value)], agreement.BoroughCode);
        return Unit.Value;
    }
}
