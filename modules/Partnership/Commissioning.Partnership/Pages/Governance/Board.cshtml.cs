using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.BoardMembers;
using Commissioning.Partnership.Organisations;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Readers)]
internal sealed class BoardModel(IMediator mediator) : PageModel
{
    public BoardMemberList Board { get; private set; } = new([], []);

    public bool MayChange => User.IsInRole(GovernanceAccess.Writers);

    private IReadOnlyDictionary<string, string> OrganisationNames { get; set; } = new Dictionary<string, string>();

    /// <summary>The organisation's name when it is in the partnership, its code otherwise.</summary>
    public string Organisation(string? code) => code is null ? "None" : OrganisationNames.GetValueOrDefault(code, code);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Board = await mediator.Send(new ListBoardMembers(), cancellationToken);
        OrganisationNames = (await mediator.Send(new ListOrganisations(null), cancellationToken)).ToDictionary(o => o.Code, o => o.Name);
    }
}
