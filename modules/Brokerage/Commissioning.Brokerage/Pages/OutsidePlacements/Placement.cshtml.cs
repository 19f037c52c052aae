using Commissioning.Brokerage.SpotPurchases;
using Commissioning.Brokerage.SpotPurchases.OutsideBrokerage;
using Commissioning.Brokerage.SpotPurchases.Web;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Brokerage.Pages.OutsidePlacements;

[Authorize(Roles = SpotPurchasesAccess.OutsidePlacementReaders)]
internal sealed class PlacementModel(IMediator mediator) : SpotFormPage(mediator)
{
    public OutsidePlacementView Placement { get; private set; } = null!;

    [BindProperty(Name = "endDate")] public string? EndDate { get; set; }
    [BindProperty(Name = "reasonEpisodeCeased")] public string? ReasonEpisodeCeased { get; set; }
    [BindProperty(Name = "reasonPlaceChange")] public string? ReasonPlaceChange { get; set; }
    [BindProperty(Name = "planned")] public string? Planned { get; set; }

    public bool MayEnd => User.IsInRole(Roles.BoroughReferrer) || User.IsInRole(Roles.BoroughManager);

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!MayEnd)
        {
            return Forbid();
        }

        var planned = Planned switch { "true" => true, "false" => (bool?)false, _ => null };
        var (done, _) = await TrySendAsync(new EndOutsidePlacement(id, ReadDate("endDate", EndDate, "The end date"), ReasonEpisodeCeased, ReasonPlaceChange, planned), cancellationToken);
        return done ? Redirect($"/outside-placements/{id}") : await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(new GetOutsidePlacement(id), cancellationToken) is not { } placement)
        {
            return NotFound();
        }

        Placement = placement;
        return Page();
    }
}
