using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Brokerage.Pages.Referrals;

/// <summary>One topic of a draft referral's question flow; "Save and continue" saves the draft and goes to the next topic, then to checking the answers.</summary>
[Authorize(Roles = Roles.BoroughReferrer)]
internal sealed class QuestionsModel(IMediator mediator) : ReferralPage(mediator)
{
    public Guid Id { get; private set; }

    public QuestionForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, string step, CancellationToken cancellationToken)
    {
        var (referral, page) = await LoadAsync(id, step, cancellationToken);
        if (referral is null || page is null)
        {
            return NotFound();
        }

        if (referral.StatusValue != ReferralStatus.Draft)
        {
            return Redirect($"/referrals/{id}");
        }

        Form = new QuestionForm(page, referral.Details, null, Back(id, page));
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
            var next = ReferralQuestions.After(page);
            return Redirect(next is null ? $"/referrals/{id}/check" : $"/referrals/{id}/questions/{next.Slug}");
        }

        Form = new QuestionForm(page, details, Request.Form, Back(id, page));
        return Page();
    }

    private async Task<(ReferralView? Referral, QuestionPage? Page)> LoadAsync(Guid id, string step, CancellationToken cancellationToken)
    {
        Id = id;
        var referral = await FindAsync(id, cancellationToken);
        return (referral, ReferralQuestions.Find(step));
    }

    private static string Back(Guid id, QuestionPage page) =>
        ReferralQuestions.Before(page) is { } before ? $"/referrals/{id}/questions/{before.Slug}" : "/referrals";
}
