using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.Meetings;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Readers)]
internal sealed class ActionsModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "overdue")]
    public bool OverdueOnly { get; set; }

    public IReadOnlyList<OpenBoardAction> Actions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Actions = await mediator.Send(new ListOpenActions(OverdueOnly), cancellationToken);
}
