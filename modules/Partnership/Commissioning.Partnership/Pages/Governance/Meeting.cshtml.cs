using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.Meetings;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Readers)]
internal sealed class MeetingModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid MeetingId { get; set; }

    public BoardMeetingDetails Meeting { get; private set; } = null!;

    public bool MayChange => User.IsInRole(GovernanceAccess.Writers);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Meeting = await mediator.Send(new GetBoardMeeting(MeetingId), cancellationToken);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
