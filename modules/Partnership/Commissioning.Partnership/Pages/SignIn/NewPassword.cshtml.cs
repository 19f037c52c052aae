using Commissioning.Partnership.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Commissioning.Partnership.Pages.SignIn;

[AllowAnonymous]
internal sealed class NewPasswordModel(SignInService signIn, NpgsqlDataSource dataSource) : PageModel
{
    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await SignInFlow.PendingAsync(HttpContext) is { Stage: SignInFlow.NewPasswordStage } ? Page() : RedirectToPage("/SignIn/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await SignInFlow.PendingAsync(HttpContext) is not { Stage: SignInFlow.NewPasswordStage } pending ||
            await PersonDirectory.FindAsync(dataSource, pending.PersonId, cancellationToken) is not { Disabled: false } person)
        {
            return RedirectToPage("/SignIn/Index");
        }

        if (Passwords.Problem(NewPassword, person.Email) is { } problem)
        {
            ModelState.AddModelError("newPassword", problem);
        }
        else if (NewPassword != ConfirmPassword)
        {
            ModelState.AddModelError("confirmPassword", "The passwords do not match: enter the same password twice");
        }
        else if (Passwords.Verify(person.PasswordHash, NewPassword!))
        {
            ModelState.AddModelError("newPassword", "Choose a password different from the temporary one");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var changed = await signIn.ChangePasswordAsync(person.Id, NewPassword!, cancellationToken);
        return await SignInFlow.NextAsync(this, new SignInOutcome(SignInStep.SignedIn, changed), pending.ReturnUrl);
    }
}
