using Commissioning.BuildingBlocks.Web;
using Commissioning.Contracts.Core;
using Commissioning.Contracts.Pages.Providers;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Contracts.Pages.Contracts;

[Authorize(Roles = ContractsAccess.ContractReaders)]
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    public Paged<BlockContractSummary> Contracts { get; private set; } = null!;

    public bool MayChange => PageRoles.MayWrite(User);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Contracts = await mediator.Send(new ListBlockContracts(new PageRequest(1, PageRequest.MaxPageSize)), cancellationToken);
}
