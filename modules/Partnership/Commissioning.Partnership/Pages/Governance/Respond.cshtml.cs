using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.Participation;
using Commissioning.Partnership.Governance.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using static Commissioning.Partnership.Governance.Web.GovernanceForms;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Writers)]
internal sealed class RespondModel(IMediator mediator) : GovernanceFormPage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public Guid ActivityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Number { get; set; }

    /// <summary>The activity's version when the form was shown: a change since then is refused as stale.</summary>
    [BindProperty(Name = "version")]
    public long? Version { get; set; }

    [BindProperty(Name = "weDid")]
    public string? WeDid { get; set; }

    [BindProperty(Name = "respondedOn-day")]
    public string? RespondedOnDay { get; set; }

    [BindProperty(Name = "respondedOn-month")]
    public string? RespondedOnMonth { get; set; }

    [BindProperty(Name = "respondedOn-year")]
    public string? RespondedOnYear { get; set; }

    public DateParts RespondedOn => new(RespondedOnDay, RespondedOnMonth, RespondedOnYear);

    public ParticipationActivityDetails Activity { get; private set; } = null!;

    public FeedbackItem Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Version = Activity.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var respondedOn = GovernanceForms.ReadDate(ModelState, "respondedOn", RespondedOn, "The date of the response");
        var (done, _) = await TrySendAsync(new RespondToFeedback(ActivityId, Number, WeDid ?? "", respondedOn, Version), cancellationToken);
        if (done)
        {
            return Redirect($"/governance/participation/{ActivityId}#feedback-{Number}");
        }

        if (Stale && await LoadAsync(cancellationToken))
        {
            Version = Activity.Version;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Activity = (await FindAsync(new GetParticipationActivity(ActivityId), cancellationToken))!;
        Item = Activity?.Feedback.FirstOrDefault(f => f.Number == Number)!;
        return Item is not null;
    }
}
