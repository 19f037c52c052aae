using Commissioning.Brokerage.SpotPurchases.SpotRequests;
using Commissioning.Brokerage.SpotPurchases.Web;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Brokerage.Pages.Referrals;

[Authorize(Roles = Roles.Brokerage)]
internal sealed class SpotPurchaseModel(IMediator mediator) : SpotFormPage(mediator)
{
    public SpotPreview Preview { get; private set; } = null!;

    [BindProperty(Name = "bidsBy")] public string? BidsBy { get; set; }
    [BindProperty(Name = "note")] public string? Note { get; set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var (done, started) = await TrySendAsync(new StartSpotRequest(id, ReadDate("bidsBy", BidsBy, "The bids-by date"), Note), cancellationToken);
        return done ? Redirect($"/spot-requests/{started.Id}") : await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(new PreviewSpotRequest(id), cancellationToken) is not { } preview)
        {
            return NotFound();
        }

        Preview = preview;
        return Page();
    }
}
