using System.Globalization;
using Commissioning.Brokerage.Placements;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Brokerage.Pages.Referrals;

/// <summary>
/// Make an offer: brokerage confirms the bed chosen from the shortlist and sets the provider's deadline (by default 2
/// working days, or 4 hours for a referral needed "Today").
/// </summary>
[Authorize(Roles = Roles.Brokerage)]
internal sealed class OfferModel(IMediator mediator, IPlacementReferrals referrals, IContractedBeds beds, TimeProvider clock) : PlacementsFormPage(mediator)
{
    public Guid ReferralId { get; private set; }

    public PlacementReferral? Referral { get; private set; }

    public ContractedBed? Bed { get; private set; }

    [BindProperty(SupportsGet = true, Name = "bedId")] public string? BedId { get; set; }
    [BindProperty(Name = "respondByDate")] public string? RespondByDate { get; set; }
    [BindProperty(Name = "respondByTime")] public string? RespondByTime { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var deadline = PartnershipCalendar.WallClock(OfferRules.DefaultRespondBy(Referral!.Details.NeededBy, clock.GetUtcNow()));
        RespondByDate = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        RespondByTime = deadline.ToString("HH:mm", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var date = ReadDate("respondByDate", RespondByDate, "The date to answer by");
        DateTimeOffset? respondBy = null;
        if (date is { } day)
        {
            if (!TimeOnly.TryParseExact((RespondByTime ?? "").Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                ModelState.AddModelError("respondByTime", "Enter the time to answer by as hours and minutes, for example 17:00");
            }
            else
            {
                respondBy = PartnershipCalendar.At(day.ToDateTime(time));
            }
        }

        var (done, offerId) = await TrySendAsync(new MakeOffer(id, BedId, respondBy), cancellationToken);
        return done ? Redirect($"/offers/{offerId}") : Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        ReferralId = id;
        Referral = await referrals.FindAsync(id, cancellationToken);
        Bed = string.IsNullOrWhiteSpace(BedId) ? null : await beds.FindAsync(BedId.Trim(), PartnershipCalendar.Today(clock), cancellationToken);
        return Referral is not null;
    }
}
