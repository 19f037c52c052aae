using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.Participation;
using Commissioning.Partnership.Governance.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Writers)]
internal sealed class NewFeedbackModel(IMediator mediator) : GovernanceFormPage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public Guid ActivityId { get; set; }

    [BindProperty(Name = "youSaid")]
    public string? YouSaid { get; set; }

    public ParticipationActivityDetails Activity { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        (Activity = (await FindAsync(new GetParticipationActivity(ActivityId), cancellationToken))!) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if ((Activity = (await FindAsync(new GetParticipationActivity(ActivityId), cancellationToken))!) is null)
        {
            return NotFound();
        }

        var (done, number) = await TrySendAsync(new AddFeedback(ActivityId, YouSaid ?? ""), cancellationToken);
        return done ? Redirect($"/governance/participation/{ActivityId}#feedback-{number}") : Page();
    }
}
