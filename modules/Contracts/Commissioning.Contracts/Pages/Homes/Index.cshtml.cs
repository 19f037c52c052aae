using Commissioning.BuildingBlocks.Web;
using Commissioning.Contracts.Core;
using Commissioning.Contracts.Pages.Providers;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Contracts.Pages.Homes;

[Authorize(Roles = ContractsAccess.HomeReaders)]
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    public Paged<HomeView> Homes { get; private set; } = null!;

    public bool MayChange => PageRoles.MayWrite(User);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Homes = await mediator.Send(new ListHomes(new PageRequest(1, PageRequest.MaxPageSize)), cancellationToken);
}
