using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Contracts.Core;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts.Homes;

/// <summary>Records Ofsted's latest grade for a home. An Inadequate grade suspends new placements there at once.</summary>
[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin)]
internal sealed record RecordOfstedInspection(string HomeCode, OfstedGrade? Grade, DateOnly? InspectedOn) : ICommand<Unit>;

internal sealed class RecordOfstedInspectionValidator : AbstractValidator<RecordOfstedInspection>
{
    public RecordOfstedInspectionValidator(TimeProvider clock)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Grade).NotNull().WithMessage($"Select the grade Ofsted gave: {OfstedGrades.Choices}")
            .IsInEnum().WithMessage($"Select the grade Ofsted gave: {OfstedGrades.Choices}");
        RuleFor(c => c.InspectedOn).NotNull().WithMessage("Enter the date of the inspection")
            .Must(d => d <= PartnershipCalendar.Today(clock)).WithMessage("The date of the inspection must be today or in the past");
    }
}

internal sealed class RecordOfstedInspectionHandler([FromKeyedServices(ContractsModule.SchemaName)] EventStore store, UnitOfWork unitOfWork)
    : IRequestHandler<RecordOfstedInspection, Unit>
{
    public async Task<Unit> Handle(RecordOfstedInspection request, CancellationToken cancellationToken)
    {
        var streamId = HomeStreams.For(request.HomeCode.Trim().ToUpperInvariant());
        var (home, version) = await store.LoadAsync<Home>(streamId, cancellationToken);
        unitOfWork.For(store).Append(streamId, HomeStreams.StreamType, version, home.RecordInspection(request.Grade!.Value, request.InspectedOn!.Value));
        return Unit.Value;
    }
}

/// <summary>Lets new placements at a suspended home start again, with the reason recorded.</summary>
[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin)]
internal sealed record LiftHomeSuspension(string HomeCode, string Reason, long? ExpectedVersion = null) : ICommand<Unit>;

internal sealed class LiftHomeSuspensionValidator : AbstractValidator<LiftHomeSuspension>
{
    public LiftHomeSuspensionValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Enter why new placements can start again, for example the monitoring visit that found improvement")
            .MaximumLength(2000).WithMessage("The reason must be 2,000 characters or fewer");
    }
}

internal sealed class LiftHomeSuspensionHandler(
    [FromKeyedServices(ContractsModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, TimeProvider clock, RequestContext context)
    : IRequestHandler<LiftHomeSuspension, Unit>
{
    public async Task<Unit> Handle(LiftHomeSuspension request, CancellationToken cancellationToken)
    {
        var streamId = HomeStreams.For(request.HomeCode.Trim().ToUpperInvariant());
        var (home, version) = await store.LoadAsync<Home>(streamId, cancellationToken);
        home.EnsureExists();
        StaleWrites.Refuse(streamId, request.ExpectedVersion, version);
        var lifted = home.LiftSuspension(request.Reason.Trim(), PartnershipCalendar.Today(clock), context.UserId ?? "unknown");
        unitOfWork.For(store).Append(streamId, HomeStreams.StreamType, version, [lifted]);
        return Unit.Value;
    }
}
