using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts.Providers;

/// <summary>Records that a provider passed one pre-qualification check, with the date passed and the date it expires.</summary>
[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin)]
internal sealed record RecordProviderCheck(string ProviderCode, AccreditationCheck? Check, DateOnly? PassedOn, DateOnly? ExpiresOn) : ICommand<Unit>;

internal sealed class RecordProviderCheckValidator : AbstractValidator<RecordProviderCheck>
{
    public RecordProviderCheckValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Check).NotNull().WithMessage($"Select the check: {AccreditationChecks.Choices}")
            .IsInEnum().WithMessage($"Select the check: {AccreditationChecks.Choices}");
        RuleFor(c => c.PassedOn).NotNull().WithMessage("Enter the date the provider passed the check");
        RuleFor(c => c.ExpiresOn).NotNull().WithMessage("Enter the date the check expires")
            .GreaterThan(c => c.PassedOn).When(c => c.PassedOn is not null).WithMessage("The expiry date must be after the date the check was passed");
    }
}

internal sealed class RecordProviderCheckHandler([FromKeyedServices(ContractsModule.SchemaName)] EventStore store, UnitOfWork unitOfWork)
    : IRequestHandler<RecordProviderCheck, Unit>
{
    public async Task<Unit> Handle(RecordProviderCheck request, CancellationToken cancellationToken)
    {
        var code = request.ProviderCode.Trim().ToUpperInvariant();
        var streamId = ProviderStreams.For(code);
        var version = await store.CurrentVersionAsync(streamId, cancellationToken) ?? 0;
        if (version == 0)
        {
            throw new NotFoundException($"There is no provider with the code {code}.");
        }

        unitOfWork.For(store).Append(streamId, ProviderStreams.StreamType, version,
            [new ProviderCheckPassed(code, request.Check!.Value, request.PassedOn!.Value, request.ExpiresOn!.Value)]);
        return Unit.Value;
    }
}
