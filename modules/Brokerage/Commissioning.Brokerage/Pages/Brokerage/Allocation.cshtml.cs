using Commissioning.Brokerage.Beds;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Brokerage.Pages.Brokerage;

/// <summary>
/// Allocation when referrals compete: every waiting referral against every free bed, the exact allocation next to
/// first come, first served, and the difference in plain English. Nothing is allocated here: each proposed pair
/// links to the offer page, where a person decides (brokerage only).
/// </summary>
[Authorize(Roles = Roles.Brokerage)]
internal sealed class AllocationModel(IMediator mediator) : PageModel
{
    public AllocationProposalView Proposal { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Proposal = await mediator.Send(new GetAllocationProposal(), cancellationToken);

    public static string Points(decimal? points) => (points ?? 0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
