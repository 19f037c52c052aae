using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Contracts.BedLedger;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Contracts.Pages.Beds;

[Authorize(Roles = BedLedgerAccess.Readers)]
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "band")]
    public string? Band { get; set; }

    [BindProperty(SupportsGet = true, Name = "homeCode")]
    public string? HomeCode { get; set; }

    public IReadOnlyList<BedView> Beds { get; private set; } = [];

    public long Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var page = await mediator.Send(new ListBeds(Status, Band, HomeCode?.Trim(), new PageRequest(1, PageRequest.MaxPageSize)), cancellationToken);
            (Beds, Total) = (page.Items, page.Total);
        }
        catch (RequestValidationException e)
        {
            GovUk.AddErrors(ModelState, e.Errors);
        }
    }
}
