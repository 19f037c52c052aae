using Commissioning.Partnership.People;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.Partnership.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Partnership.Pages.SignIn;

/// <summary>Moves a person from one sign-in stage to the next: the pending cookie carries them between pages.</summary>
internal static class SignInFlow
{
    public const string CodeStage = "code";
    public const string SetUpStage = "set-up";
    public const string NewPasswordStage = "new-password";

    public static async Task<IActionResult> NextAsync(PageModel page, SignInOutcome result, string? returnUrl)
    {
        var http = page.HttpContext;
        var person = result.Person!;
        var properties = new AuthenticationProperties { Items = { ["returnUrl"] = SafeReturnUrl(page, returnUrl) } };
        switch (result.Step)
        {
            case SignInStep.NeedsSecondFactor:
                await http.SignInAsync(Authentication.PendingSignIn, Authentication.PendingPrincipal(person, CodeStage), properties);
                return page.RedirectToPage("/SignIn/Code");
            case SignInStep.NeedsSecondFactorSetUp:
                await http.SignInAsync(Authentication.PendingSignIn, Authentication.PendingPrincipal(person, SetUpStage, Totp.NewSecret()), properties);
                return page.RedirectToPage("/SignIn/SetUpAuthenticator");
            case SignInStep.MustChangePassword:
                await http.SignInAsync(Authentication.PendingSignIn, Authentication.PendingPrincipal(person, NewPasswordStage), properties);
                return page.RedirectToPage("/SignIn/NewPassword");
            default:
                await http.SignOutAsync(Authentication.PendingSignIn);
                await http.SignInAsync(Authentication.Session, Authentication.SessionPrincipal(person));
                return page.LocalRedirect(SafeReturnUrl(page, returnUrl));
        }
    }

    /// <summary>The pending person and stage, or null when there is no sign-in under way.</summary>
    public static async Task<(Guid PersonId, string Stage, string? Secret, string ReturnUrl)?> PendingAsync(HttpContext http)
    {
        var pending = await http.AuthenticateAsync(Authentication.PendingSignIn);
        var principal = pending.Principal;
        if (!pending.Succeeded || principal is null || !Guid.TryParse(principal.FindFirst(BuildingBlocks.Identity.CommissioningClaims.UserId)?.Value, out var id))
        {
            return null;
        }

        return (id, principal.FindFirst(Authentication.StageClaim)?.Value ?? "", principal.FindFirst(Authentication.CandidateSecretClaim)?.Value,
            pending.Properties?.Items.TryGetValue("returnUrl", out var url) == true && url is not null ? url : "/");
    }

    private static string SafeReturnUrl(PageModel page, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && page.Url.IsLocalUrl(returnUrl) && !returnUrl.StartsWith("/sign-", StringComparison.Ordinal) ? returnUrl : "/";
}
