using Commissioning.Partnership.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Commissioning.BuildingBlocks.Identity;
using Npgsql;

namespace Commissioning.Partnership.Pages.SignIn;

[AllowAnonymous]
internal sealed class CodeModel(SignInService signIn, NpgsqlDataSource dataSource, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>For a demo account only (its key is published): the code an authenticator would show now.</summary>
    public string? DemoCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await SignInFlow.PendingAsync(HttpContext) is not { Stage: SignInFlow.CodeStage } pending)
        {
            return RedirectToPage("/SignIn/Index");
        }

        if (await PersonDirectory.FindAsync(dataSource, pending.PersonId, cancellationToken) is { IsDemo: true })
        {
            DemoCode = Totp.CodeAt(DemoPartnership.SecondFactorKey, Totp.StepAt(clock.GetUtcNow()));
        }

        return Page();
    }

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
