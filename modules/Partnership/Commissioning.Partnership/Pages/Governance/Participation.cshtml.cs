using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.Participation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Readers)]
internal sealed class ParticipationModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ParticipationActivitySummary> Activities { get; private set; } = [];

    public bool MayChange => User.IsInRole(GovernanceAccess.Writers);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Activities = await mediator.Send(new ListParticipationActivities(), cancellationToken);
}
