using System.Globalization;
using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.Participation;
using Commissioning.Partnership.Governance.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using static Commissioning.Partnership.Governance.Web.GovernanceForms;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Writers)]
internal sealed class RecordActivityModel(IMediator mediator) : GovernanceFormPage(mediator)
{
    [BindProperty(Name = "tookPlaceOn-day")]
    public string? TookPlaceOnDay { get; set; }

    [BindProperty(Name = "tookPlaceOn-month")]
    public string? TookPlaceOnMonth { get; set; }

    [BindProperty(Name = "tookPlaceOn-year")]
    public string? TookPlaceOnYear { get; set; }

    [BindProperty(Name = "kind")]
    public string? Kind { get; set; }

    /// <summary>Bound as text so a wrong entry gets our message, not the framework's.</summary>
    [BindProperty(Name = "youngPeopleCount")]
    public string? YoungPeopleCount { get; set; }

    [BindProperty(Name = "summary")]
    public string? Summary { get; set; }

    public DateParts TookPlaceOn => new(TookPlaceOnDay, TookPlaceOnMonth, TookPlaceOnYear);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var tookPlaceOn = GovernanceForms.ReadDate(ModelState, "tookPlaceOn", TookPlaceOn, "The date the activity took place");
        int? count = null;
        if (!string.IsNullOrWhiteSpace(YoungPeopleCount))
        {
            if (int.TryParse(YoungPeopleCount.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                count = parsed;
            }
            else
            {
                ModelState.AddModelError("youngPeopleCount", "The number of young people taking part must be a whole number from 1 to 10,000");
            }
        }

        var (done, activityId) = await TrySendAsync(
            new RecordParticipationActivity(tookPlaceOn, ParticipationKinds.TryParse(Kind), count, Summary ?? ""), cancellationToken);
        return done ? Redirect($"/governance/participation/{activityId}") : Page();
    }
}
