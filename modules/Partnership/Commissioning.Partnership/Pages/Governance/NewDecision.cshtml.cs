using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.Meetings;
using Commissioning.Partnership.Governance.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Writers)]
internal sealed class NewDecisionModel(IMediator mediator) : GovernanceFormPage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public Guid MeetingId { get; set; }

    [BindProperty(Name = "text")]
    public string? Text { get; set; }

    public BoardMeetingDetails Meeting { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        (Meeting = (await FindAsync(new GetBoardMeeting(MeetingId), cancellationToken))!) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if ((Meeting = (await FindAsync(new GetBoardMeeting(MeetingId), cancellationToken))!) is null)
        {
            return NotFound();
        }

        var (done, number) = await TrySendAsync(new RecordDecision(MeetingId, Text ?? ""), cancellationToken);
        return done ? Redirect($"/governance/meetings/{MeetingId}#decision-{number}") : Page();
    }
}
