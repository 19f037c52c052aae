using Commissioning.Partnership.People;
using Commissioning.BuildingBlocks.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Commissioning.Partnership.Pages.SignIn;

[AllowAnonymous]
internal sealed class SetUpAuthenticatorModel(SignInService signIn, NpgsqlDataSource dataSource) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public string GroupedSecret { get; private set; } = "";

    public string KeyUri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) is null ? RedirectToPage("/SignIn/Index") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } pending)
        {
            return RedirectToPage("/SignIn/Index");
        }

        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError("code", "Enter the 6-digit code your authenticator app shows");
            return Page();
        }

        var result = await signIn.SetUpSecondFactorAsync(pending.PersonId, pending.Secret!, Code, cancellationToken);
        switch (result.Step)
        {
            case SignInStep.Failed:
                ModelState.AddModelError("code", "The code is not right: check the key you entered in the app, then enter the code it shows now");
                return Page();
            case SignInStep.LockedOut:
                ModelState.AddModelError("code", SignInModel.LockedOutMessage(result.LockedUntil));
                return Page();
            default:
                return await SignInFlow.NextAsync(this, result, pending.ReturnUrl);
        }
    }

    private async Task<(Guid PersonId, string Stage, string? Secret, string ReturnUrl)?> LoadAsync(CancellationToken cancellationToken)
    {
        if (await SignInFlow.PendingAsync(HttpContext) is not { Stage: SignInFlow.SetUpStage, Secret: not null } pending)
        {
            return null;
        }

        var person = await PersonDirectory.FindAsync(dataSource, pending.PersonId, cancellationToken);
        GroupedSecret = Totp.Grouped(pending.Secret);
        KeyUri = Totp.KeyUri(pending.Secret, person?.Email ?? "");
        return pending;
    }
}
