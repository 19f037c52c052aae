using Microsoft.Playwright;

namespace Commissioning.Browser.Tests;

/// <summary>Full-page screenshots for a reviewer, under artifacts/screenshots at the repository's root.</summary>
internal static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    /// <summary>Empties the folder, so it holds this run's pictures only.</summary>
    public static void Clear()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.CreateDirectory(Folder);
    }

    /// <summary>Saves the page as <c>&lt;group&gt;/&lt;name&gt;.png</c> and attaches it to the test result.</summary>
    public static async Task SaveAsync(IPage page, string group, string name)
    {
        var path = Path.Combine(Folder, group, $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path);
    }

    /// <summary>A file name for a page's path: "/finance/fee-schedules" is "finance-fee-schedules", "/" is "home".</summary>
    public static string NameFor(string path) => path.Trim('/').Length == 0 ? "home" : path.Trim('/').Replace('/', '-');

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Commissioning.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
