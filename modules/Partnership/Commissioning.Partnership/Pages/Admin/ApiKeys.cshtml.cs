using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Partnership.ApiKeys;
using Commissioning.Partnership.Organisations;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Admin;

[Authorize(Roles = Roles.PartnershipAdmin)]
internal sealed class ApiKeysModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public string? OrganisationCode { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Label { get; set; }

    public ApiKeyIssued? Issued { get; private set; }

    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];

    public IReadOnlyList<OrganisationSummary> Organisations { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task OnPostCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            Issued = await mediator.Send(new CreateApiKey(OrganisationCode ?? "", Role ?? "", Label), cancellationToken);
            (OrganisationCode, Role, Label) = (null, null, null);
        }
        catch (RequestValidationException invalid)
        {
            GovUk.AddErrors(ModelState, invalid.Errors);
        }

        await LoadAsync(cancellationToken);
    }

    public async Task OnPostRevokeAsync(string keyId, CancellationToken cancellationToken)
    {
        await mediator.Send(new RevokeApiKey(keyId), cancellationToken);
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Keys = await mediator.Send(new ListApiKeys(null), cancellationToken);
        Organisations = await mediator.Send(new ListOrganisations(null), cancellationToken);
    }
}
