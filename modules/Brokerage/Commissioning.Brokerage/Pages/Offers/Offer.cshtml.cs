using Commissioning.Brokerage.Placements;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Brokerage.Pages.Offers;

/// <summary>One offer: the provider accepts (planned start, pre-placement visit) or declines with a reason; brokerage may withdraw it.</summary>
[Authorize(Roles = Roles.Brokerage + "," + Roles.Provider + "," + Roles.BoroughReferrer + "," + Roles.BoroughManager)]
internal sealed class OfferModel(IMediator mediator, TimeProvider clock) : PlacementsFormPage(mediator)
{
    public OfferView Offer { get; private set; } = null!;

    [BindProperty(Name = "plannedStartDate")] public string? PlannedStartDate { get; set; }
    [BindProperty(Name = "prePlacementVisitDate")] public string? PrePlacementVisitDate { get; set; }
    [BindProperty(Name = "reasonCode")] public string? ReasonCode { get; set; }
    [BindProperty(Name = "comment")] public string? Comment { get; set; }
    [BindProperty(Name = "reason")] public string? Reason { get; set; }

    public bool CanAnswer => User.IsInRole(Roles.Provider) && Offer.Status == OfferStatuses.Open;

    public bool CanWithdraw => User.IsInRole(Roles.Brokerage) && Offer.Status == OfferStatuses.Open;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        PlannedStartDate ??= PartnershipCalendar.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken cancellationToken)
    {
        var start = ReadDate("plannedStartDate", PlannedStartDate, "The planned start date");
        var visit = ReadDate("prePlacementVisitDate", PrePlacementVisitDate, "The pre-placement visit date");
        var (done, placementId) = await TrySendAsync(new AcceptOffer(id, start, visit), cancellationToken);
        return done ? Redirect($"/placements/{placementId}") : await PageAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken cancellationToken)
    {
        var (done, _) = await TrySendAsync(new DeclineOffer(id, ReasonCode, Comment), cancellationToken);
        return done ? Redirect($"/offers/{id}") : await PageAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken)
    {
        var (done, _) = await TrySendAsync(new WithdrawOffer(id, Reason), cancellationToken);
        return done ? Redirect($"/offers/{id}") : await PageAsync(id, cancellationToken);
    }

    private async Task<IActionResult> PageAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var offer = await FindAsync(new GetOffer(id), cancellationToken);
        if (offer is null)
        {
            return false;
        }

        Offer = offer;
        return true;
    }

    public static string NeedName(string key) => key switch
    {
        "communicationNeeds" => "Communication needs",
        "specificCommunicationRequirements" => "Communication requirements",
        "homeAdaptation" => "Home adaptation",
        "culturalNeeds" => "Cultural needs",
        "livingCompanions" => "Living with others",
        "pets" => "Pets",
        "additionalSupport" => "Additional support",
        "deprivationOfLiberty" => "Deprivation of liberty",
        "specialismsWanted" => "Specialisms wanted",
        "siblingCount" => "Siblings",
        _ => key,
    };

    public static string RiskName(string key) => System.Text.RegularExpressions.Regex.Replace(key.Replace("risk", "", StringComparison.Ordinal), "([A-Z])", " $1").Trim();
}
