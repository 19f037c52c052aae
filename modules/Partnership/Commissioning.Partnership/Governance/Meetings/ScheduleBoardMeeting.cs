using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Governance.Meetings;

/// <summary>Puts a board meeting in the diary; answers its id.</summary>
[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record ScheduleBoardMeeting(DateOnly? MeetingDate, string Title, string? Location) : ICommand<Guid>;

internal sealed class ScheduleBoardMeetingValidator : AbstractValidator<ScheduleBoardMeeting>
{
    public ScheduleBoardMeetingValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.MeetingDate).NotNull().WithMessage("Enter the date of the meeting");
        RuleFor(c => c.Title).NotEmpty().WithMessage("Enter the meeting's title, for example Partnership board, May 2026")
            .MaximumLength(200).WithMessage("The meeting's title must be 200 characters or fewer");
        RuleFor(c => c.Location).MaximumLength(200).WithMessage("The location must be 200 characters or fewer");
    }
}

internal sealed class ScheduleBoardMeetingHandler(
    [FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<ScheduleBoardMeeting, Guid>
{
    public Task<Guid> Handle(ScheduleBoardMeeting request, CancellationToken cancellationToken)
    {
        var meetingId = Guid.CreateVersion7(clock.GetUtcNow());
        var scheduled = new BoardMeetingScheduled(
            meetingId, request.MeetingDate!.Value, request.Title.Trim(), string.IsNullOrWhiteSpace(request.Location) ? null : request.Location.Trim());
        unitOfWork.For(store).Append(BoardMeeting.StreamId(meetingId), BoardMeeting.StreamType, ExpectedVersion.NoStream, [scheduled]);
        return Task.FromResult(meetingId);
    }
}
