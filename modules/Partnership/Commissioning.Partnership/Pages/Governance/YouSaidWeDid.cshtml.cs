using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.Participation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Readers)]
internal sealed class YouSaidWeDidModel(IMediator mediator) : PageModel
{
    public YouSaidWeDidSummary Summary { get; private set; } = new(0, 0, 0, 0, 0, []);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Summary = await mediator.Send(new GetYouSaidWeDidSummary(), cancellationToken);
}
