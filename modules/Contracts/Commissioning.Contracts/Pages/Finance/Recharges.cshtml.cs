using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Contracts.Money;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Contracts.Pages.Finance;

/// <summary>Monthly recharge statements per borough, with a CSV download; a borough manager sees its own borough's only.</summary>
[Authorize(Roles = Roles.Finance + "," + Roles.ContractManager + "," + Roles.BoroughManager + "," + Roles.PartnershipAdmin)]
internal sealed class RechargesModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "month")]
    public string? Month { get; set; }

    public IReadOnlyList<RechargeStatement> Statements { get; private set; } = [];

    public MoneySummary? Summary { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Statements = await mediator.Send(new GetRecharges(null, Month), cancellationToken);
            if (User.IsInRole(Roles.Finance) || User.IsInRole(Roles.ContractManager) || User.IsInRole(Roles.PartnershipAdmin))
            {
                Summary = await mediator.Send(new GetMoneySummary(Month), cancellationToken);
            }
        }
        catch (RequestValidationException e)
        {
            GovUk.AddErrors(ModelState, e.Errors);
        }
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        try
        {
            var statements = await mediator.Send(new GetRecharges(null, Month), cancellationToken);
            return File(System.Text.Encoding.UTF8.GetBytes(MoneyCsv.Recharges(statements)), "text/csv; charset=utf-8",
                $"recharges-{(statements.Count > 0 ? statements[0].Month : Month)}.csv");
        }
        catch (RequestValidationException)
        {
            return BadRequest();
        }
    }
}
