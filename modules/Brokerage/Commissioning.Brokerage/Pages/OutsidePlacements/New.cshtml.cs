using Commissioning.Brokerage.SpotPurchases;
using Commissioning.Brokerage.SpotPurchases.OutsideBrokerage;
using Commissioning.Brokerage.SpotPurchases.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Brokerage.Pages.OutsidePlacements;

[Authorize(Roles = SpotPurchasesAccess.OutsidePlacementWriters)]
internal sealed class NewModel(IMediator mediator) : SpotFormPage(mediator)
{
    [BindProperty(Name = "childReference")] public string? ChildReference { get; set; }
    [BindProperty(Name = "referralId", SupportsGet = true)] public string? ReferralId { get; set; }
    [BindProperty(Name = "reasonCode")] public string? ReasonCode { get; set; }
    [BindProperty(Name = "reasonNote")] public string? ReasonNote { get; set; }
    [BindProperty(Name = "providerName")] public string? ProviderName { get; set; }
    [BindProperty(Name = "placementType")] public string? PlacementType { get; set; }
    [BindProperty(Name = "postcodeDistrict")] public string? PostcodeDistrict { get; set; }
    [BindProperty(Name = "startDate")] public string? StartDate { get; set; }
    [BindProperty(Name = "weeklyCost")] public string? WeeklyCost { get; set; }
    [BindProperty(Name = "needBand")] public string? NeedBand { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var command = new RecordOutsidePlacement(ChildReference, ReadId("referralId", ReferralId, "The referral"), ReasonCode, ReasonNote, ProviderName, PlacementType,
            PostcodeDistrict, ReadDate("startDate", StartDate, "The start date"), ReadMoney("weeklyCost", WeeklyCost, "The weekly cost"), NeedBand);
        var (done, recorded) = await TrySendAsync(command, cancellationToken);
        return done ? Redirect($"/outside-placements/{recorded.Id}") : Page();
    }
}
