using Microsoft.Playwright;

namespace Commissioning.Browser.Tests;

/// <summary>Checks shared by the page tests.</summary>
internal static class Pages
{
    /// <summary>The width of a 1280-pixel screen at 400% zoom (WCAG 1.4.10 Reflow).</summary>
    public const int ReflowWidth = 320;

    /// <summary>A new browser context on the host, with axe in every page when JavaScript is on.</summary>
    public static async Task<IBrowserContext> NewContextAsync(bool javaScript = true, string? storageState = null)
    {
        var context = await Harness.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Harness.Host.BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            StorageState = storageState,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(15_000);
        if (javaScript)
        {
            await Axe.AddToAsync(context);
        }

        return context;
    }

    /// <summary>Opens <paramref name="path"/> and fails unless it answers 200 with a page that has one main heading.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.That(response, Is.Not.Null, path);
        Assert.That(response!.Status, Is.EqualTo(200), $"{path} answered {response.Status}");
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo(path.Split('?')[0]), $"{path} redirected");
        Assert.That(await page.Locator("main h1").CountAsync(), Is.EqualTo(1), $"{path} should have one main heading");
    }

    /// <summary>How far the page body scrolls sideways, in CSS pixels (0 when it fits).</summary>
    public static Task<int> SidewaysScrollAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth");

    /// <summary>The elements wider than the viewport that are not inside a scrolling table container (or are positioned out of it), to name in a failure.</summary>
    public static Task<string[]> TooWideAsync(IPage page) =>
        page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 "
            + "&& (!e.closest('.app-table-container') || getComputedStyle(e).position === 'absolute')).slice(0, 10).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') "
            + "+ (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))");
}
