using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.Meetings;
using Commissioning.Partnership.Governance.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Writers)]
internal sealed class UpdateActionModel(IMediator mediator) : GovernanceFormPage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public Guid MeetingId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Number { get; set; }

    /// <summary>The meeting's version when the form was shown: a change since then is refused as stale.</summary>
    [BindProperty(Name = "version")]
    public long? Version { get; set; }

    [BindProperty(Name = "status")]
    public string? Status { get; set; }

    [BindProperty(Name = "note")]
    public string? Note { get; set; }

    public BoardMeetingDetails Meeting { get; private set; } = null!;

    public BoardAction Action { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Version = Meeting.Version;
        Status = ActionStatusCodes.Code(Action.Status);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var (done, _) = await TrySendAsync(new ChangeActionStatus(MeetingId, Number, ActionStatusCodes.TryParse(Status), Note, Version), cancellationToken);
        if (done)
        {
            return Redirect($"/governance/meetings/{MeetingId}#action-{Number}");
        }

        if (Stale && await LoadAsync(cancellationToken))
        {
            Version = Meeting.Version;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Meeting = (await FindAsync(new GetBoardMeeting(MeetingId), cancellationToken))!;
        Action = Meeting?.Actions.FirstOrDefault(a => a.Number == Number)!;
        return Action is not null;
    }
}
