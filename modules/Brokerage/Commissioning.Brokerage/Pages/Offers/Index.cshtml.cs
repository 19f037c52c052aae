using Commissioning.Brokerage.Placements;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Brokerage.Pages.Offers;

/// <summary>Offers with their deadlines: brokerage sees every open offer by default; a provider its own; a borough its children's.</summary>
[Authorize(Roles = Roles.Brokerage + "," + Roles.Provider + "," + Roles.BoroughReferrer + "," + Roles.BoroughManager)]
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public ChildRecordPage<OfferView> Offers { get; private set; } = new([], 1, 50, 0);

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Status ??= "open";
        try
        {
            Offers = await mediator.Send(new ListOffers(Status == "all" ? null : Status, new PageRequest(Math.Max(1, PageNumber))), cancellationToken);
        }
        catch (RequestValidationException e)
        {
            Problem = string.Join(" ", e.Errors.Values.SelectMany(m => m));
        }
    }
}
