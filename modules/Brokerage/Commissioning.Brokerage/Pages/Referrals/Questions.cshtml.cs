using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Brokerage.Pages.Referrals;

/// <summary>
/// One topic of a draft referral's question flow; "Save and continue" saves the draft and goes to the next topic, then
/// to checking the answers. A returned referral's answers can be changed the same way before it is resubmitted.
/// </summary>
[Authorize(Roles = Roles.BoroughReferrer)]
internal sealed class QuestionsModel(IMediator mediator) : ReferralPage(mediator)
{
    public Guid Id { get; private set; }

    public QuestionForm Form { get; private set; } = null!;

    public bool Returned { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string step, CancellationToken cancellationToken)
    {
        var (referral, page) = await LoadAsync(id, step, cancellationToken);
        if (referral is null || page is null)
        {
            return NotFound();
        }

        if (referral.StatusValue is not (ReferralStatus.Draft or ReferralStatus.Returned))
        {
            return Redirect($"/referrals/{id}");
        }

        Form = new QuestionForm(page, referral.Details, null, Back(id, page), Returned);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string step, CancellationToken cancellationToken)
    {
        var (referral, page) = await LoadAsync(id, step, cancellationToken);
        if (referral is null || page is null)
        {
            return NotFound();
        }

        var details = ReferralForm.Read(Request.Form, page, referral.Details, ModelState);
        if (await TrySendAsync(new SaveReferralDraft(id, details), cancellationToken))
        {
            // A returned referral's answers go back to the referral page, where the question is answered and it is resubmitted.
            var next = ReferralQuestions.After(page);
            return Redirect(next is not null ? $"/referrals/{id}/questions/{next.Slug}"
                : referral.StatusValue == ReferralStatus.Returned ? $"/referrals/{id}" : $"/referrals/{id}/check");
        }

        Form = new QuestionForm(page, details, Request.Form, Back(id, page), Returned);
        return Page();
    }

    private async Task<(ReferralView? Referral, QuestionPage? Page)> LoadAsync(Guid id, string step, CancellationToken cancellationToken)
    {
        Id = id;
        var referral = await FindAsync(id, cancellationToken);
        Returned = referral?.StatusValue == ReferralStatus.Returned;
        return (referral, ReferralQuestions.Find(step));
    }

    private static string Back(Guid id, QuestionPage page) =>
        ReferralQuestions.Before(page) is { } before ? $"/referrals/{id}/questions/{before.Slug}" : "/referrals";
}
