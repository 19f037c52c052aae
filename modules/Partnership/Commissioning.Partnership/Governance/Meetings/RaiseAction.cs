using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Governance.Meetings;

/// <summary>Gives someone an action from a meeting; answers its number within the meeting. It starts open.</summary>
[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record RaiseAction(Guid MeetingId, string Description, string OwnerName, DateOnly? DueOn) : ICommand<int>;

internal sealed class RaiseActionValidator : AbstractValidator<RaiseAction>
{
    public RaiseActionValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Description).NotEmpty().WithMessage("Enter what the action is")
            .MaximumLength(2000).WithMessage("The action must be 2,000 characters or fewer");
        RuleFor(c => c.OwnerName).NotEmpty().WithMessage("Enter the name of the person who owns the action")
            .MaximumLength(200).WithMessage("The owner's name must be 200 characters or fewer");
        RuleFor(c => c.DueOn).NotNull().WithMessage("Enter the date the action is due");
    }
}

internal sealed class RaiseActionHandler(
    [FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<RaiseAction, int>
{
    public async Task<int> Handle(RaiseAction request, CancellationToken cancellationToken)
    {
        var streamId = BoardMeeting.StreamId(request.MeetingId);
        var (meeting, version) = await store.LoadAsync<BoardMeeting>(streamId, cancellationToken);
        var raised = meeting.RaiseAction(request.MeetingId, request.Description.Trim(), request.OwnerName.Trim(), request.DueOn!.Value, clock.GetUtcNow());
        unitOfWork.For(store).Append(streamId, BoardMeeting.StreamType, version, [raised]);
        return raised.Number;
    }
}
