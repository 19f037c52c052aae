using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Governance.Meetings;

/// <summary>Records a decision the board made at a meeting; answers its number within the meeting.</summary>
[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record RecordDecision(Guid MeetingId, string Text) : ICommand<int>;

internal sealed class RecordDecisionValidator : AbstractValidator<RecordDecision>
{
    public RecordDecisionValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Text).NotEmpty().WithMessage("Enter the decision")
            .MaximumLength(4000).WithMessage("The decision must be 4,000 characters or fewer");
    }
}

internal sealed class RecordDecisionHandler(
    [FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<RecordDecision, int>
{
    public async Task<int> Handle(RecordDecision request, CancellationToken cancellationToken)
    {
        var streamId = BoardMeeting.StreamId(request.MeetingId);
        var (meeting, version) = await store.LoadAsync<BoardMeeting>(streamId, cancellationToken);
        var recorded = meeting.RecordDecision(request.MeetingId, request.Text.Trim(), clock.GetUtcNow());
        unitOfWork.For(store).Append(streamId, BoardMeeting.StreamType, version, [recorded]);
        return recorded.Number;
    }
}
