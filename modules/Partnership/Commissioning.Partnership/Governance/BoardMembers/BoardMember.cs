using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Partnership.Governance.BoardMembers;

/// <summary>A board member's state rebuilt from their stream, with the decisions it makes (pure: no I/O).</summary>
internal sealed record BoardMember(bool Exists, DateOnly AppointedOn, DateOnly? StoodDownOn) : IAggregateState<BoardMember>
{
    public const string StreamType = "board-member";

    public static BoardMember Initial => new(false, default, null);

    public static string StreamId(Guid memberId) => $"board-member-{memberId:N}";

    public BoardMember Apply(object @event) => @event switch
    {
        BoardMemberAppointed appointed => this with { Exists = true, AppointedOn = appointed.AppointedOn },
        BoardMemberStoodDown stoodDown => this with { StoodDownOn = stoodDown.StoodDownOn },
        _ => this,
    };

    public BoardMemberStoodDown StandDown(Guid memberId, DateOnly stoodDownOn)
    {
        if (!Exists)
        {
            throw new NotFoundException("There is no board member with that id.");
        }

        if (StoodDownOn is { } already)
        {
            throw new ConflictException($"This member already stood down on {PartnershipCalendar.Display(already)}.");
        }

        if (stoodDownOn < AppointedOn)
        {
            throw RequestValidationException.For(
                "stoodDownOn",
                $"The date the member stood down must be on or after the date they were appointed, {PartnershipCalendar.Display(AppointedOn)}");
        }

        return new BoardMemberStoodDown(memberId, stoodDownOn);
    }
}
