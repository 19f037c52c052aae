using Commissioning.Partnership.Governance;
using Commissioning.Partnership.Governance.Meetings;
using Commissioning.Partnership.Governance.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using static Commissioning.Partnership.Governance.Web.GovernanceForms;

namespace Commissioning.Partnership.Pages.Governance;

[Authorize(Roles = GovernanceAccess.Writers)]
internal sealed class ScheduleModel(IMediator mediator) : GovernanceFormPage(mediator)
{
    [BindProperty(Name = "meetingDate-day")]
    public string? MeetingDateDay { get; set; }

    [BindProperty(Name = "meetingDate-month")]
    public string? MeetingDateMonth { get; set; }

    [BindProperty(Name = "meetingDate-year")]
    public string? MeetingDateYear { get; set; }

    [BindProperty(Name = "title")]
    public string? Title { get; set; }

    [BindProperty(Name = "location")]
    public string? Location { get; set; }

    public DateParts MeetingDate => new(MeetingDateDay, MeetingDateMonth, MeetingDateYear);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var date = GovernanceForms.ReadDate(ModelState, "meetingDate", MeetingDate, "The date of the meeting");
        var (done, meetingId) = await TrySendAsync(new ScheduleBoardMeeting(date, Title ?? "", Location), cancellationToken);
        return done ? Redirect($"/governance/meetings/{meetingId}") : Page();
    }
}
