using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Governance.BoardMembers;

/// <summary>Records that a member left the board.</summary>
/// <param name="ExpectedVersion">The member's version the caller saw, when it has one: a stale one is refused.</param>
[AllowedRoles(Roles.PartnershipAdmin)]
internal sealed record StandDownBoardMember(Guid MemberId, DateOnly? StoodDownOn, long? ExpectedVersion = null) : ICommand<Unit>;

internal sealed class StandDownBoardMemberValidator : AbstractValidator<StandDownBoardMember>
{
    public StandDownBoardMemberValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.StoodDownOn).NotNull().WithMessage("Enter the date the member stood down");
    }
}

internal sealed class StandDownBoardMemberHandler([FromKeyedServices(PartnershipModule.SchemaName)] EventStore store, UnitOfWork unitOfWork)
    : IRequestHandler<StandDownBoardMember, Unit>
{
    public async Task<Unit> Handle(StandDownBoardMember request, CancellationToken cancellationToken)
    {
        var streamId = BoardMember.StreamId(request.MemberId);
        var (member, version) = await store.LoadAsync<BoardMember>(streamId, cancellationToken);
        var stoodDown = member.StandDown(request.MemberId, request.StoodDownOn!.Value);
        StaleWrites.Refuse(streamId, request.ExpectedVersion, version);
        unitOfWork.For(store).Append(streamId, BoardMember.StreamType, version, [stoodDown]);
        return Unit.Value;
    }
}
