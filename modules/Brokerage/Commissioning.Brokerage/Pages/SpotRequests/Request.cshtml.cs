using Commissioning.Brokerage.SpotPurchases;
using Commissioning.Brokerage.SpotPurchases.SpotRequests;
using Commissioning.Brokerage.SpotPurchases.Web;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Brokerage.Pages.SpotRequests;

[Authorize(Roles = SpotPurchasesAccess.SpotRequestReaders)]
internal sealed class RequestModel(IMediator mediator) : SpotFormPage(mediator)
{
    public SpotRequestView Spot { get; private set; } = null!;

    [BindProperty(Name = "homeCode")] public string? HomeCode { get; set; }
    [BindProperty(Name = "weeklyPrice")] public string? WeeklyPrice { get; set; }
    [BindProperty(Name = "availableFrom")] public string? AvailableFrom { get; set; }
    [BindProperty(Name = "note")] public string? Note { get; set; }
    [BindProperty(Name = "bidId")] public Guid? BidId { get; set; }
    [BindProperty(Name = "startDate")] public string? StartDate { get; set; }
    [BindProperty(Name = "endDate")] public string? EndDate { get; set; }
    [BindProperty(Name = "reasonEpisodeCeased")] public string? ReasonEpisodeCeased { get; set; }
    [BindProperty(Name = "reasonPlaceChange")] public string? ReasonPlaceChange { get; set; }
    [BindProperty(Name = "planned")] public string? Planned { get; set; }

    public bool IsBroker => User.IsInRole(Roles.Brokerage);

    public bool IsProvider => User.IsInRole(Roles.Provider);

    public bool MayBid => IsProvider && Spot.Status == "open";

    public bool MayAward => User.IsInRole(Roles.Brokerage) && Spot.Status == "open";

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostBidAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!IsProvider)
        {
            return Forbid();
        }

        var (done, _) = await TrySendAsync(new MakeSpotBid(id, HomeCode, ReadMoney("weeklyPrice", WeeklyPrice, "The weekly price"),
            ReadDate("availableFrom", AvailableFrom, "The date the place is available from"), Note), cancellationToken);
        return done ? Redirect($"/spot-requests/{id}") : await ShowAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostAwardAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Brokerage))
        {
            return Forbid();
        }

        var (done, _) = await TrySendAsync(new AwardSpotBid(id, BidId, ReadDate("startDate", StartDate, "The start date")), cancellationToken);
        return done ? Redirect($"/spot-requests/{id}") : await ShowAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Brokerage))
        {
            return Forbid();
        }

        var (done, _) = await TrySendAsync(new StartSpotPlacement(id, ReadDate("startDate", StartDate, "The date the child moved in")), cancellationToken);
        return done ? Redirect($"/spot-requests/{id}") : await ShowAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!IsBroker)
        {
            return Forbid();
        }

        var planned = Planned switch { "true" => true, "false" => (bool?)false, _ => null };
        var (done, _) = await TrySendAsync(new EndSpotPlacement(id, ReadDate("endDate", EndDate, "The end date"), ReasonEpisodeCeased, ReasonPlaceChange, planned),
            cancellationToken);
        return done ? Redirect($"/spot-requests/{id}") : await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(new GetSpotRequest(id), cancellationToken) is not { } request)
        {
            return NotFound();
        }

        Spot = request;
        return Page();
    }
}
