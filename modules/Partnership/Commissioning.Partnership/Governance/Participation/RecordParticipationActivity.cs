using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Governance.Participation;

/// <summary>Records something young people took part in; answers its id.</summary>
/// <param name="YoungPeopleCount">How many young people took part. Never their names: nothing here may identify a child.</param>
[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record RecordParticipationActivity(DateOnly? TookPlaceOn, ParticipationKind? Kind, int? YoungPeopleCount, string Summary)
    : ICommand<Guid>;

/// <summary>What the forms say beside free text about young people.</summary>
internal static class NoChildData
{
    public const string Hint = "Do not include young people's names or anything else that could identify a child.";
}

internal sealed class RecordParticipationActivityValidator : AbstractValidator<RecordParticipationActivity>
{
    public RecordParticipationActivityValidator(TimeProvider clock)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.TookPlaceOn).NotNull().WithMessage("Enter the date the activity took place")
            .Must(date => date <= PartnershipCalendar.Today(clock)).WithMessage("The date the activity took place must be today or in the past");
        RuleFor(c => c.Kind).NotNull().WithMessage("Select the kind of activity")
            .IsInEnum().WithMessage("Select the kind of activity");
        RuleFor(c => c.YoungPeopleCount).NotNull().WithMessage("Enter how many young people took part")
            .InclusiveBetween(1, 10_000).WithMessage("The number of young people taking part must be a whole number from 1 to 10,000");
        RuleFor(c => c.Summary).NotEmpty().WithMessage("Enter a summary of the activity")
            .MaximumLength(4000).WithMessage("The summary must be 4,000 characters or fewer");
    }
}

internal sealed class RecordParticipationActivityHandler(
    [FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<RecordParticipationActivity, Guid>
{
    public Task<Guid> Handle(RecordParticipationActivity request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var activityId = Guid.CreateVersion7(now);
        var recorded = new ParticipationActivityRecorded(
            activityId, request.TookPlaceOn!.Value, request.Kind!.Value, request.YoungPeopleCount!.Value, request.Summary.Trim(), now);
        unitOfWork.For(store).Append(ParticipationActivity.StreamId(activityId), ParticipationActivity.StreamType, ExpectedVersion.NoStream, [recorded]);
        return Task.FromResult(activityId);
    }
}
