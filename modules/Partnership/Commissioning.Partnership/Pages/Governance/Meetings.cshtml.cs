using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.Meetings;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Readers)]
internal sealed class MeetingsModel(IMediator mediator) : PageModel
{
    public BoardMeetingList Meetings { get; private set; } = new([], []);

    public bool MayChange => User.IsInRole(GovernanceAccess.Writers);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Meetings = await mediator.Send(new ListBoardMeetings(), cancellationToken);
}
