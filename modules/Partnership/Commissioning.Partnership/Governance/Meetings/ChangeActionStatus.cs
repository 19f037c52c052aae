using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Governance.Meetings;

/// <summary>Moves an action to open, in progress or done, with an optional note.</summary>
/// <param name="Number">The action's number within its meeting.</param>
/// <param name="ExpectedVersion">The meeting's version the caller saw, when it has one: a stale one is refused.</param>
[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record ChangeActionStatus(Guid MeetingId, int Number, ActionStatus? Status, string? Note, long? ExpectedVersion = null) : ICommand<Unit>;

internal sealed class ChangeActionStatusValidator : AbstractValidator<ChangeActionStatus>
{
    public ChangeActionStatusValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Status).NotNull().WithMessage("Select the action's status: open, in progress or done")
            .IsInEnum().WithMessage("Select the action's status: open, in progress or done");
        RuleFor(c => c.Note).MaximumLength(2000).WithMessage("The note must be 2,000 characters or fewer");
    }
}

internal sealed class ChangeActionStatusHandler(
    [FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<ChangeActionStatus, Unit>
{
    public async Task<Unit> Handle(ChangeActionStatus request, CancellationToken cancellationToken)
    {
        var streamId = BoardMeeting.StreamId(request.MeetingId);
        var (meeting, version) = await store.LoadAsync<BoardMeeting>(streamId, cancellationToken);
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var changes = meeting.ChangeActionStatus(request.MeetingId, request.Number, request.Status!.Value, note, clock.GetUtcNow());
        StaleWrites.Refuse(streamId, request.ExpectedVersion, version);
        if (changes.Count > 0)
        {
            unitOfWork.For(store).Append(streamId, BoardMeeting.StreamType, version, changes);
        }

        return Unit.Value;
    }
}
