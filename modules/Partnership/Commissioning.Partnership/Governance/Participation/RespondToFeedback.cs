using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Governance.Participation;

/// <summary>Records what the partnership did ("we did") about one feedback item. Each item gets one response.</summary>
/// <param name="Number">The feedback item's number within its activity.</param>
/// <param name="ExpectedVersion">The activity's version the caller saw, when it has one: a stale one is refused.</param>
[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record RespondToFeedback(Guid ActivityId, int Number, string WeDid, DateOnly? RespondedOn, long? ExpectedVersion = null) : ICommand<Unit>;

internal sealed class RespondToFeedbackValidator : AbstractValidator<RespondToFeedback>
{
    public RespondToFeedbackValidator(TimeProvider clock)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.WeDid).NotEmpty().WithMessage("Enter what the partnership did in response")
            .MaximumLength(2000).WithMessage("What the partnership did must be 2,000 characters or fewer");
        RuleFor(c => c.RespondedOn).NotNull().WithMessage("Enter the date of the response")
            .Must(date => date <= PartnershipCalendar.Today(clock)).WithMessage("The date of the response must be today or in the past");
    }
}

internal sealed class RespondToFeedbackHandler([FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, UnitOfWork unitOfWork)
    : IRequestHandler<RespondToFeedback, Unit>
{
    public async Task<Unit> Handle(RespondToFeedback request, CancellationToken cancellationToken)
    {
        var streamId = ParticipationActivity.StreamId(request.ActivityId);
        var (activity, version) = await store.LoadAsync<ParticipationActivity>(streamId, cancellationToken);
        var responded = activity.Respond(request.ActivityId, request.Number, request.WeDid.Trim(), request.RespondedOn!.Value);
        StaleWrites.Refuse(streamId, request.ExpectedVersion, version);
        unitOfWork.For(store).Append(streamId, ParticipationActivity.StreamType, version, [responded]);
        return Unit.Value;
    }
}
