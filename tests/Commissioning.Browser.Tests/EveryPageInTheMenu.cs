using Commissioning.BuildingBlocks.Identity;
using Microsoft.Playwright;

namespace Commissioning.Browser.Tests;

/// <summary>
/// For each role's printed demo account, signed in through the pages: every page its menu, header and footer link to
/// loads, has no WCAG 2.2 A or AA violations that axe finds, works with JavaScript off, and reflows to 320 CSS
/// pixels without the page scrolling sideways.
/// </summary>
[TestFixtureSource(nameof(AllRoles))]
public sealed class EveryPageInTheMenu(string role)
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private IReadOnlyList<string> _menu = [];

    public static IEnumerable<string> AllRoles => Roles.All;

    [OneTimeSetUp]
    public async Task SignInAsync()
    {
        _context = await Pages.NewContextAsync();
        _page = await _context.NewPageAsync();
        await SignIn.AsAsync(_page, Harness.AccountFor(role));
        var links = await _page.Locator("#navigation a, #your-work a, #notifications-link, a[href='/account'], footer a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        _menu = links.Distinct().ToList();
    }

    [OneTimeTearDown]
    public async Task CloseAsync() => await _context.CloseAsync();

    [Test]
    public void Has_a_menu()
    {
        Assert.That(_menu, Does.Contain("/").And.Contain("/homes").And.Contain("/account"));
    }

    [Test]
    public async Task Loads_every_page_with_no_accessibility_violations()
    {
        var failures = new List<string>();
        foreach (var path in _menu)
        {
            await Pages.OpenAsync(_page, path);
            await Screenshots.SaveAsync(_page, role, Screenshots.NameFor(path));
            failures.AddRange((await Axe.ViolationsAsync(_page)).Select(v => $"{path}: {v}"));
        }

        Assert.That(failures, Is.Empty, $"axe found WCAG 2.2 A/AA violations:\n{string.Join("\n", failures)}");
    }

    [Test]
    public async Task Fits_every_page_in_320_css_pixels_without_scrolling_sideways()
    {
        var page = await _context.NewPageAsync();
        await page.SetViewportSizeAsync(Pages.ReflowWidth, 640);
        var failures = new List<string>();
        foreach (var path in _menu)
        {
            await Pages.OpenAsync(page, path);
            var overflow = await Pages.SidewaysScrollAsync(page);
            if (overflow > 0)
            {
                failures.Add($"{path} scrolls {overflow}px sideways; too wide: {string.Join(", ", await Pages.TooWideAsync(page))}");
                await Screenshots.SaveAsync(page, role, $"{Screenshots.NameFor(path)}-320px");
            }
        }

        await Screenshots.SaveAsync(await OpenAsync(page, "/"), role, "home-320px");
        await page.CloseAsync();
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    [Test]
    public async Task Shows_every_page_with_JavaScript_off()
    {
        // The same signed-in person (the cookies copied), in a browser with JavaScript off.
        await using var context = await Pages.NewContextAsync(javaScript: false, storageState: await _context.StorageStateAsync());
        var page = await context.NewPageAsync();
        foreach (var path in _menu)
        {
            await Pages.OpenAsync(page, path);
            Assert.That(await page.EvaluateAsync<bool>("() => document.body.classList.contains('govuk-frontend-supported')"), Is.False,
                "JavaScript ran although it is off");
        }
    }

    private static async Task<IPage> OpenAsync(IPage page, string path)
    {
        await Pages.OpenAsync(page, path);
        return page;
    }
}
