using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Governance.Participation;

/// <summary>Adds a "you said" item to an activity; answers its number within the activity. It awaits a response.</summary>
[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record AddFeedback(Guid ActivityId, string YouSaid) : ICommand<int>;

internal sealed class AddFeedbackValidator : AbstractValidator<AddFeedback>
{
    public AddFeedbackValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.YouSaid).NotEmpty().WithMessage("Enter what young people said")
            .MaximumLength(2000).WithMessage("What young people said must be 2,000 characters or fewer");
    }
}

internal sealed class AddFeedbackHandler(
    [FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<AddFeedback, int>
{
    public async Task<int> Handle(AddFeedback request, CancellationToken cancellationToken)
    {
        var streamId = ParticipationActivity.StreamId(request.ActivityId);
        var (activity, version) = await store.LoadAsync<ParticipationActivity>(streamId, cancellationToken);
        var added = activity.AddFeedback(request.ActivityId, request.YouSaid.Trim(), clock.GetUtcNow());
        unitOfWork.For(store).Append(streamId, ParticipationActivity.StreamType, version, [added]);
        return added.Number;
    }
}
