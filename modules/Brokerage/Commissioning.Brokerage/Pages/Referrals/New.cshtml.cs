using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Brokerage.Pages.Referrals;

/// <summary>The first page of the question flow: answering it starts the draft, and the rest of the flow continues on the draft's own pages.</summary>
[Authorize(Roles = Roles.BoroughReferrer)]
internal sealed class NewModel(IMediator mediator) : ReferralPage(mediator)
{
    public QuestionForm Form { get; private set; } = new(ReferralQuestions.Pages[0], new ReferralDetails(), null, "/referrals");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var page = ReferralQuestions.Pages[0];
        var details = ReferralForm.Read(Request.Form, page, new ReferralDetails(), ModelState);
        if (ModelState.IsValid)
        {
            try
            {
                var written = await Mediator.Send(new SaveReferralDraft(null, details), cancellationToken);
                return Redirect($"/referrals/{written.Id}/questions/{ReferralQuestions.After(page)!.Slug}");
            }
            catch (BuildingBlocks.Messaging.RequestValidationException e)
            {
                BuildingBlocks.Web.GovUk.AddErrors(ModelState, e.Errors);
            }
        }

        Form = Form with { Details = details, Posted = Request.Form };
        return Page();
    }
}
