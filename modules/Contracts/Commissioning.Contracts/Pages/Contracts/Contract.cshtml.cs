using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Core;
using Commissioning.Contracts.Pages.Providers;
using Commissioning.Contracts.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Contracts.Pages.Contracts;

[Authorize(Roles = ContractsAccess.ContractReaders)]
internal sealed class ContractModel(IMediator mediator) : ContractsFormPage(mediator)
{
    public BlockContractView Contract { get; private set; } = null!;

    [BindProperty(Name = "variationId")] public Guid VariationId { get; set; }
    [BindProperty(Name = "version")] public long? Version { get; set; }
    [BindProperty(Name = "reason")] public string? Reason { get; set; }

    public bool MayChange => PageRoles.MayWrite(User);

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!MayChange)
        {
            return Forbid();
        }

        var (done, _) = await TrySendAsync(new ApproveContractVariation(id, VariationId, Version), cancellationToken);
        return done ? Redirect($"/contracts/{id}") : await ShowAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!MayChange)
        {
            return Forbid();
        }

        var (done, _) = await TrySendAsync(new RejectContractVariation(id, VariationId, Reason, Version), cancellationToken);
        return done ? Redirect($"/contracts/{id}") : await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        Contract = (await FindAsync(new GetBlockContract(id), cancellationToken))!;
        return Contract is null ? NotFound() : Page();
    }
}
