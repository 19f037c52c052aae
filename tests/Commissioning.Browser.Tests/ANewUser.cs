using Commissioning.BuildingBlocks.Identity;
using Microsoft.Playwright;

namespace Commissioning.Browser.Tests;

/// <summary>Issue 9's acceptance: the README's run journey, in a browser, for someone who has never used it.</summary>
public sealed class ANewUser
{
    [Test]
    public async Task Lands_on_the_sign_in_page_signs_in_with_a_printed_demo_account_and_sees_the_demo_partnership()
    {
        // A borough referrer who is not the one EveryPageInTheMenu uses, so no 30-second code step is shared.
        var email = Harness.AccountFor(Roles.BoroughReferrer, Harness.AccountFor(Roles.BoroughReferrer));
        await using var context = await Pages.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/sign-in"), "the first page is the sign-in page");
        await Screenshots.SaveAsync(page, "journey", "1-sign-in");
        await AssertNoViolationsAsync(page);

        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Harness.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/sign-in/code"), "a borough referrer sees children's data, so is asked for a code");
        await Expect(page.Locator("#demo-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{6}$"));
        await Screenshots.SaveAsync(page, "journey", "2-code");
        await AssertNoViolationsAsync(page);
        await SignIn.EnterDemoCodeAsync(page, email);

        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/"));
        await Expect(page.Locator("main")).ToContainTextAsync("Sarah Mensah");
        await Expect(page.Locator(".app-signed-in")).ToContainTextAsync("Sarah Mensah (borough-referrer)");
        // Live figures for the person's own borough on the first screen, each a link to its page.
        await Expect(page.Locator("#today")).ToContainTextAsync("Your borough's open referrals");
        await Expect(page.Locator("#today")).ToContainTextAsync("Your children placed in block beds");
        await Screenshots.SaveAsync(page, "journey", "3-first-screen");

        // The data is the seeded partnership, read live from the database: the nine demo homes.
        await page.Locator("#your-work").GetByRole(AriaRole.Link, new() { Name = "Homes" }).ClickAsync();
        var homes = page.Locator("main table tbody tr");
        await Expect(homes).ToHaveCountAsync(9);
        await Expect(homes.First).ToContainTextAsync("HOME-01");
        await Screenshots.SaveAsync(page, "journey", "4-homes");
    }

    [Test]
    public async Task Sees_a_clear_error_with_no_accessibility_violations_when_the_e_mail_address_is_not_known()
    {
        await using var context = await Pages.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("E-mail address").FillAsync("nobody@example.gov.uk");
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        await Screenshots.SaveAsync(page, "journey", "sign-in-error");
        await AssertNoViolationsAsync(page);
    }

    [TestCase("/sign-in")]
    [TestCase("/accessibility")]
    [TestCase("/privacy")]
    public async Task Finds_the_pages_open_to_everyone_accessible_and_fitting_320_css_pixels(string path)
    {
        await using var context = await Pages.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.OpenAsync(page, path);
        await Screenshots.SaveAsync(page, "signed-out", Screenshots.NameFor(path));
        await AssertNoViolationsAsync(page);

        await page.SetViewportSizeAsync(Pages.ReflowWidth, 640);
        Assert.That(await Pages.SidewaysScrollAsync(page), Is.Zero,
            $"{path} scrolls sideways at 320px: {string.Join(", ", await Pages.TooWideAsync(page))}");
    }

    private static async Task AssertNoViolationsAsync(IPage page)
    {
        var violations = await Axe.ViolationsAsync(page);
        Assert.That(violations, Is.Empty, $"axe found WCAG 2.2 A/AA violations on {page.Url}:\n{string.Join("\n", violations)}");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
