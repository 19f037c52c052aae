using System.Globalization;
using Commissioning.Partnership.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.SignIn;

[AllowAnonymous]
internal sealed class SignInModel(SignInService signIn) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool SignedOut { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError("email", "Enter your e-mail address");
        }

        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError("password", "Enter your password");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordAsync(Email, Password, cancellationToken);
        switch (result.Step)
        {
            case SignInStep.Failed:
                ModelState.AddModelError("email", "Enter the e-mail address and password of an active account: one of them is not right");
                return Page();
            case SignInStep.LockedOut:
                ModelState.AddModelError("email", LockedOutMessage(result.LockedUntil));
                return Page();
            default:
                return await SignInFlow.NextAsync(this, result, ReturnUrl);
        }
    }

    public static string LockedOutMessage(DateTimeOffset? until) =>
        $"Your account is locked after too many wrong attempts. Try again after {until?.ToUniversalTime().ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture)}, or ask your partnership administrator to unlock it";
}
