using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.BoardMembers;
using Commissioning.Partnership.Governance.Web;
using Commissioning.Partnership.Organisations;
using Commissioning.Partnership.People;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using static Commissioning.Partnership.Governance.Web.GovernanceForms;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Writers)]
internal sealed class AppointModel(IMediator mediator) : GovernanceFormPage(mediator)
{
    [BindProperty(Name = "name")]
    public string? Name { get; set; }

    [BindProperty(Name = "roleOnBoard")]
    public string? RoleOnBoard { get; set; }

    [BindProperty(Name = "organisationCode")]
    public string? OrganisationCode { get; set; }

    [BindProperty(Name = "isYoungPeoplesRepresentative")]
    public bool IsYoungPeoplesRepresentative { get; set; }

    [BindProperty(Name = "appointedOn-day")]
    public string? AppointedOnDay { get; set; }

    [BindProperty(Name = "appointedOn-month")]
    public string? AppointedOnMonth { get; set; }

    [BindProperty(Name = "appointedOn-year")]
    public string? AppointedOnYear { get; set; }

    [BindProperty(Name = "personId")]
    public string? PersonId { get; set; }

    public DateParts AppointedOn => new(AppointedOnDay, AppointedOnMonth, AppointedOnYear);

    public IReadOnlyList<(string Value, string Text)> Organisations { get; private set; } = [];

    public IReadOnlyList<(string Value, string Text)> Accounts { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadChoicesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var appointedOn = GovernanceForms.ReadDate(ModelState, "appointedOn", AppointedOn, "The date the member was appointed");
        var (done, _) = await TrySendAsync(
            new AppointBoardMember(Name ?? "", RoleOnBoard ?? "", OrganisationCode, IsYoungPeoplesRepresentative, appointedOn, PersonId), cancellationToken);
        if (done)
        {
            return Redirect("/governance/board");
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Organisations = [.. (await Mediator.Send(new ListOrganisations(null), cancellationToken)).Select(o => (o.Code, o.Name))];
        Accounts = [.. (await Mediator.Send(new ListPeople(null, Roles.BoardMember, null, new PageRequest(1, PageRequest.MaxPageSize)), cancellationToken)).Items
            .Where(p => p.Status != "disabled")
            .Select(p => (p.Id.ToString(), $"{p.Name} ({p.Email})"))];
    }
}
