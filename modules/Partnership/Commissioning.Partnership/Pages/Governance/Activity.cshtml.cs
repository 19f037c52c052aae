using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.Participation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Readers)]
internal sealed class ActivityModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ActivityId { get; set; }

    public ParticipationActivityDetails Activity { get; private set; } = null!;

    public bool MayChange => User.IsInRole(GovernanceAccess.Writers);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Activity = await mediator.Send(new GetParticipationActivity(ActivityId), cancellationToken);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
