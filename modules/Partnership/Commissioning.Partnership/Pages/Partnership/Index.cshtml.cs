using System.Globalization;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Partnership.Organisations;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.Partnership;

/// <summary>Who is in the partnership, its agreements and the pooled budget; the admin records them here.</summary>
[Authorize]
internal sealed class PartnershipModel(IMediator mediator, RequestContext context) : PageModel
{
    [BindProperty] public string? BoroughCode { get; set; }
    [BindProperty] public DateOnly? JoinedOn { get; set; }
    [BindProperty] public string? DataSharingAgreement { get; set; }
    [BindProperty] public string? ContributionBorough { get; set; }
    [BindProperty] public string? FinancialYear { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Kind { get; set; }

    public PartnershipOverview Overview { get; private set; } = null!;

    public string? Done { get; private set; }

    public bool CanManage => context.Role == Roles.PartnershipAdmin;

    public IEnumerable<(string, string)> Boroughs => Overview.Organisations.Where(o => o.Kind == OrganisationKinds.Borough).Select(o => (o.Code, o.Name));

    public async Task OnGetAsync(CancellationToken cancellationToken) => Overview = await mediator.Send(new GetPartnershipOverview(), cancellationToken);

    public Task<IActionResult> OnPostAgreementAsync(CancellationToken cancellationToken) =>
        ActAsync(new SignPartnershipAgreement(BoroughCode ?? "", JoinedOn, DataSharingAgreement ?? ""), "The borough's agreement is recorded.", cancellationToken);

    public Task<IActionResult> OnPostContributionAsync(CancellationToken cancellationToken)
    {
        if (!decimal.TryParse(Amount?.Replace("£", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            ModelState.AddModelError("amount", "Enter the contribution as an amount in pounds, like 1250000.00");
            return ReloadAsync(cancellationToken);
        }

        return ActAsync(new SetPooledBudgetContribution(ContributionBorough ?? "", FinancialYear ?? "", amount), "The contribution is saved.", cancellationToken,
            field => field == "boroughCode" ? "contributionBorough" : field);
    }

    public Task<IActionResult> OnPostOrganisationAsync(CancellationToken cancellationToken) =>
        ActAsync(new RegisterOrganisation(Code?.Trim().ToUpperInvariant() ?? "", Name ?? "", Kind ?? ""), "The organisation is registered.", cancellationToken);

    private async Task<IActionResult> ActAsync<T>(IRequest<T> command, string done, CancellationToken cancellationToken, Func<string, string>? fieldName = null)
    {
        if (!CanManage && command is not SetPooledBudgetContribution)
        {
            return Forbid();
        }

        try
        {
            await mediator.Send(command, cancellationToken);
            Done = done;
        }
        catch (RequestValidationException invalid)
        {
            GovUk.AddErrors(ModelState, invalid.Errors.ToDictionary(e => fieldName?.Invoke(e.Key) ?? e.Key, e => e.Value));
        }

        return await ReloadAsync(cancellationToken);
    }

    private async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        return Page();
    }
}
