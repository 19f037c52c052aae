using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Partnership.Organisations;
using Commissioning.Partnership.People;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Admin;

[Authorize(Roles = Roles.PartnershipAdmin)]
internal sealed class NewPersonModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? OrganisationCode { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    public TemporaryPasswordIssued? Issued { get; private set; }

    public IReadOnlyList<OrganisationSummary> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Organisations = await mediator.Send(new ListOrganisations(null), cancellationToken);

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        Organisations = await mediator.Send(new ListOrganisations(null), cancellationToken);
        try
        {
            Issued = await mediator.Send(new RegisterPerson(Email ?? "", Name ?? "", OrganisationCode ?? "", Role ?? ""), cancellationToken);
        }
        catch (RequestValidationException invalid)
        {
            GovUk.AddErrors(ModelState, invalid.Errors);
        }
    }
}
