using Commissioning.BuildingBlocks.Identity;
using Microsoft.Playwright;

namespace Commissioning.Browser.Tests;

/// <summary>The pages work with no JavaScript at all: signing in (with the second factor) and posting a form.</summary>
public sealed class WithJavaScriptOff
{
    [Test]
    public async Task A_provider_signs_in_and_confirms_a_home_s_vacancies()
    {
        await using var context = await Pages.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();

        await SignIn.AsAsync(page, Harness.AccountFor(Roles.Provider));
        await page.GotoAsync("/beds/confirm");
        var form = page.Locator("main form").First;
        var button = form.GetByRole(AriaRole.Button);
        var home = (await button.InnerTextAsync()).Replace("Confirm beds in ", "", StringComparison.Ordinal).Trim();
        // Each bed keeps what the page offers (its current status is chosen when it has one); make the first available.
        await form.GetByRole(AriaRole.Radio, new() { Name = "Available" }).First.CheckAsync();
        await button.ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"Vacancies confirmed for {home}");
        await Screenshots.SaveAsync(page, "no-javascript", "provider-vacancies-confirmed");
        Assert.That(await page.EvaluateAsync<bool>("() => document.body.classList.contains('govuk-frontend-supported')"), Is.False,
            "JavaScript ran although it is off");
    }
}
