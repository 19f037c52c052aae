using Commissioning.Brokerage.SpotPurchases;
using Commissioning.Brokerage.SpotPurchases.SpotRequests;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Brokerage.Pages.SpotRequests;

[Authorize(Roles = SpotPurchasesAccess.SpotRequestReaders)]
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    public ChildPage<SpotRequestSummary> Requests { get; private set; } = null!;

    public bool IsProvider => User.IsInRole(Roles.Provider);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Requests = await mediator.Send(new ListSpotRequests(new PageRequest(1, PageRequest.MaxPageSize)), cancellationToken);
}
