using Commissioning.Brokerage.SpotPurchases;
using Commissioning.Brokerage.SpotPurchases.Fairness;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Brokerage.Pages.Brokerage;

[Authorize(Roles = SpotPurchasesAccess.FairnessReaders)]
internal sealed class FairnessModel(IMediator mediator) : PageModel
{
    [BindProperty(Name = "financialYear", SupportsGet = true)] public string? FinancialYear { get; set; }

    public FairnessView? Fairness { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Fairness = await mediator.Send(new GetFairness(FinancialYear), cancellationToken);
        }
        catch (RequestValidationException e)
        {
            GovUk.AddErrors(ModelState, e.Errors);
        }
    }
}
