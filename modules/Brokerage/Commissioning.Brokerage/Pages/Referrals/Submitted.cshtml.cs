using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Brokerage.Pages.Referrals;

/// <summary>The confirmation panel with the referral's pseudonymous reference.</summary>
[Authorize(Roles = Roles.BoroughReferrer)]
internal sealed class SubmittedModel(IMediator mediator) : ReferralPage(mediator)
{
    public ReferralView Referral { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var referral = await FindAsync(id, cancellationToken);
        if (referral is null)
        {
            return NotFound();
        }

        if (referral.Reference is null)
        {
            return Redirect($"/referrals/{id}/check");
        }

        Referral = referral;
        return Page();
    }
}
