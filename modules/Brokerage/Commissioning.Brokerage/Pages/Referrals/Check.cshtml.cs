using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Brokerage.Pages.Referrals;

/// <summary>Check your answers: every answer with a link to change it, the completeness check, and the submit button once nothing is missing.</summary>
[Authorize(Roles = Roles.BoroughReferrer)]
internal sealed class CheckModel(IMediator mediator) : ReferralPage(mediator)
{
    public ReferralView Referral { get; private set; } = null!;

    public IReadOnlyList<MissingItem> Missing { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken) =>
        await TrySendAsync(new SubmitReferral(id), cancellationToken) ? Redirect($"/referrals/{id}/submitted") : await ShowAsync(id, cancellationToken);

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        var referral = await FindAsync(id, cancellationToken);
        if (referral is null)
        {
            return NotFound();
        }

        if (referral.StatusValue != ReferralStatus.Draft)
        {
            return Redirect($"/referrals/{id}");
        }

        Referral = referral;
        Missing = (await Mediator.Send(new GetReferralCompleteness(id), cancellationToken)).Missing;
        return Page();
    }
}
