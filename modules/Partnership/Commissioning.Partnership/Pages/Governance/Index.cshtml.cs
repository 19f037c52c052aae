using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.BoardMembers;
using Commissioning.Partnership.Governance.Meetings;
using Commissioning.Partnership.Governance.Participation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Readers)]
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    public int CurrentMembers { get; private set; }

    public int YoungPeoplesRepresentatives { get; private set; }

    public BoardMeetingSummary? NextMeeting { get; private set; }

    public int OpenActions { get; private set; }

    public int OverdueActions { get; private set; }

    public int FeedbackItems { get; private set; }

    public int AwaitingResponse { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var board = await mediator.Send(new ListBoardMembers(), cancellationToken);
        CurrentMembers = board.Current.Count;
        YoungPeoplesRepresentatives = board.Current.Count(m => m.IsYoungPeoplesRepresentative);
        var upcoming = (await mediator.Send(new ListBoardMeetings(), cancellationToken)).Upcoming;
        NextMeeting = upcoming.Count > 0 ? upcoming[0] : null;
        var open = await mediator.Send(new ListOpenActions(), cancellationToken);
        OpenActions = open.Count;
        OverdueActions = open.Count(a => a.IsOverdue);
        var summary = await mediator.Send(new GetYouSaidWeDidSummary(), cancellationToken);
        FeedbackItems = summary.FeedbackItems;
        AwaitingResponse = summary.AwaitingResponse;
    }
}
