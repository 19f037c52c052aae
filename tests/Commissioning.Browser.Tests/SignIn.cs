using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Commissioning.Browser.Tests;

/// <summary>
/// Signing in as a person would: the sign-in page, the e-mail address and password typed in, and for roles with a
/// second factor the code the demo account's code page shows in <c>#demo-code</c>.
/// </summary>
internal static partial class SignIn
{
    private const long StepSeconds = 30;

    // A code is accepted once per 30-second step and account: the step each account last used, across tests.
    private static readonly ConcurrentDictionary<string, long> LastStep = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Signs in from the sign-in page; the page is on the first screen afterwards.</summary>
    public static async Task AsAsync(IPage page, string email)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Harness.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        if (CodePage().IsMatch(new Uri(page.Url).AbsolutePath))
        {
            await EnterDemoCodeAsync(page, email);
        }

        var path = new Uri(page.Url).AbsolutePath;
        if (path.StartsWith("/sign-in", StringComparison.Ordinal))
        {
            var error = await page.Locator(".govuk-error-summary").AllInnerTextsAsync();
            throw new InvalidOperationException($"{email} did not get past {path}: {string.Join(" ", error)}");
        }
    }

    /// <summary>On the code page: types the code the demo account's page shows, waiting for a fresh step if this account used this one.</summary>
    public static async Task EnterDemoCodeAsync(IPage page, string email)
    {
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds;
        if (LastStep.TryGetValue(email, out var last) && step <= last)
        {
            // This account signed in during this step already: its code now has been used, so wait for the next.
            var next = (last + 1) * StepSeconds;
            await Task.Delay(TimeSpan.FromSeconds(next - DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1));
            await page.ReloadAsync();
        }

        var code = (await page.Locator("#demo-code").InnerTextAsync()).Trim();
        LastStep[email] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds;
        await page.GetByLabel("6-digit code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    [GeneratedRegex("^/sign-in/code$")]
    private static partial Regex CodePage();
}
