using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Contracts.Money;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Contracts.Pages.Finance;

/// <summary>Provider fee schedules for a month, with a CSV download; a provider sees its own only.</summary>
[Authorize(Roles = Roles.Finance + "," + Roles.ContractManager + "," + Roles.Provider + "," + Roles.PartnershipAdmin)]
internal sealed class FeeSchedulesModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "month")]
    public string? Month { get; set; }

    public IReadOnlyList<FeeSchedule> Schedules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Schedules = await mediator.Send(new GetFeeSchedules(null, Month), cancellationToken);
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
            var schedules = await mediator.Send(new GetFeeSchedules(null, Month), cancellationToken);
            return File(System.Text.Encoding.UTF8.GetBytes(MoneyCsv.FeeSchedules(schedules)), "text/csv; charset=utf-8",
                $"fee-schedules-{(schedules.Count > 0 ? schedules[0].Month : Month)}.csv");
        }
        catch (RequestValidationException)
        {
            return BadRequest();
        }
    }
}
