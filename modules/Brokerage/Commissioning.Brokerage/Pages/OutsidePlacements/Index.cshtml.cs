using Commissioning.Brokerage.SpotPurchases;
using Commissioning.Brokerage.SpotPurchases.OutsideBrokerage;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Brokerage.Pages.OutsidePlacements;

[Authorize(Roles = SpotPurchasesAccess.OutsidePlacementReaders)]
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    public ChildPage<OutsidePlacementView> Placements { get; private set; } = null!;

    public bool SeesAll => User.IsInRole(Roles.Brokerage);

    public bool MayRecord => User.IsInRole(Roles.BoroughReferrer) || User.IsInRole(Roles.BoroughManager);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Placements = await mediator.Send(new ListOutsidePlacements(new PageRequest(1, PageRequest.MaxPageSize)), cancellationToken);
}
