using Commissioning.BuildingBlocks.Web;
using Commissioning.Contracts.Core;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Contracts.Pages.Providers;

[Authorize(Roles = ContractsAccess.ProviderReaders)]
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    public Paged<ProviderSummary> Providers { get; private set; } = null!;

    public bool MayChange => PageRoles.MayWrite(User);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Providers = await mediator.Send(new ListProviders(new PageRequest(1, PageRequest.MaxPageSize)), cancellationToken);
}
