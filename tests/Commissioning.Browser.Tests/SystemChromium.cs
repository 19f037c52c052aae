namespace Commissioning.Browser.Tests;

/// <summary>
/// The machine's Chromium (Debian's <c>chromium</c> package, which deploy/prerequisites.sh installs), found on the
/// PATH. Playwright's own browser downloads are never used.
/// </summary>
internal static class SystemChromium
{
    private static readonly string[] Names = ["chromium", "chromium-browser"];

    public static string Find()
    {
        var configured = Environment.GetEnvironmentVariable("COMMISSIONING_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new FileNotFoundException($"COMMISSIONING_CHROMIUM names {configured}, which does not exist.");
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in Names)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            "The browser tests drive the machine's Chromium, and there is no 'chromium' on the PATH. Install it "
            + "(on Debian: apt-get install chromium; bash deploy/test.sh does this), or set COMMISSIONING_CHROMIUM to "
            + "a Chromium executable.");
    }
}
