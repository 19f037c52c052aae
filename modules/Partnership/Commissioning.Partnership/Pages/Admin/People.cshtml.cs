using Commissioning.BuildingBlocks.Identity;
using Commissioning.Partnership.Organisations;
using Commissioning.Partnership.People;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Admin;

[Authorize(Roles = Roles.PartnershipAdmin)]
internal sealed class PeopleModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Organisation { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<PersonView> Result { get; private set; } = new(PageRequest.First, [], 0);

    public IReadOnlyList<OrganisationSummary> Organisations { get; private set; } = [];

    public string OrganisationName(string code) => Organisations.FirstOrDefault(o => o.Code == code)?.Name ?? code;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Organisations = await mediator.Send(new ListOrganisations(null), cancellationToken);
        Result = await mediator.Send(new ListPeople(Organisation, Role, Search, new PageRequest(Math.Max(1, PageNumber))), cancellationToken);
    }
}
