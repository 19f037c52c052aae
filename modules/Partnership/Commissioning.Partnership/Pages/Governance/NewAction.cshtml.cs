using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.Meetings;
using Commissioning.Partnership.Governance.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using static Commissioning.Partnership.Governance.Web.GovernanceForms;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Writers)]
internal sealed class NewActionModel(IMediator mediator) : GovernanceFormPage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public Guid MeetingId { get; set; }

    [BindProperty(Name = "description")]
    public string? Description { get; set; }

    [BindProperty(Name = "ownerName")]
    public string? OwnerName { get; set; }

    [BindProperty(Name = "dueOn-day")]
    public string? DueOnDay { get; set; }

    [BindProperty(Name = "dueOn-month")]
    public string? DueOnMonth { get; set; }

    [BindProperty(Name = "dueOn-year")]
    public string? DueOnYear { get; set; }

    public DateParts DueOn => new(DueOnDay, DueOnMonth, DueOnYear);

    public BoardMeetingDetails Meeting { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        (Meeting = (await FindAsync(new GetBoardMeeting(MeetingId), cancellationToken))!) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if ((Meeting = (await FindAsync(new GetBoardMeeting(MeetingId), cancellationToken))!) is null)
        {
            return NotFound();
        }

        var dueOn = GovernanceForms.ReadDate(ModelState, "dueOn", DueOn, "The date the action is due");
        var (done, number) = await TrySendAsync(new RaiseAction(MeetingId, Description ?? "", OwnerName ?? "", dueOn), cancellationToken);
        return done ? Redirect($"/governance/meetings/{MeetingId}#action-{number}") : Page();
    }
}
