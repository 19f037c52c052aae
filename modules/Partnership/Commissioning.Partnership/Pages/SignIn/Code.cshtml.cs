using Commissioning.Partnership.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.SignIn;

[AllowAnonymous]
internal sealed class CodeModel(SignInService signIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await SignInFlow.PendingAsync(HttpContext) is { Stage: SignInFlow.CodeStage } ? Page() : RedirectToPage("/SignIn/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await SignInFlow.PendingAsync(HttpContext) is not { Stage: SignInFlow.CodeStage } pending)
        {
            return RedirectToPage("/SignIn/Index");
        }

        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError("code", "Enter the 6-digit code from your authenticator app");
            return Page();
        }

        var result = await signIn.SecondFactorAsync(pending.PersonId, Code, cancellationToken);
        switch (result.Step)
        {
            case SignInStep.Failed:
                ModelState.AddModelError("code", "The code is not right or has been used: enter the code your app shows now");
                return Page();
            case SignInStep.LockedOut:
                ModelState.AddModelError("code", SignInModel.LockedOutMessage(result.LockedUntil));
                return Page();
            default:
                return await SignInFlow.NextAsync(this, result, pending.ReturnUrl);
        }
    }
}
