using System.Text.RegularExpressions;
using Commissioning.TestKit;
using Microsoft.Playwright;

namespace Commissioning.Browser.Tests;

/// <summary>
/// Once per test run: a database seeded with the demo partnership by the host's own <c>seed-demo</c> verb, the host
/// started over it, and the machine's Chromium started headless by Playwright. Every browser test shares them.
/// </summary>
[SetUpFixture]
public sealed partial class Harness
{
    private static TestDatabase? _database;
    private static HostProcess? _host;
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private static IReadOnlyDictionary<string, string>? _accounts;

    /// <summary>The running host.</summary>
    public static HostProcess Host => _host ?? throw new InvalidOperationException("The harness has not started.");

    /// <summary>The one browser of the run.</summary>
    public static IBrowser Browser => _browser ?? throw new InvalidOperationException("The harness has not started.");

    /// <summary>The demo accounts the host printed at start-up, by e-mail address: e-mail to role.</summary>
    public static IReadOnlyDictionary<string, string> PrintedAccounts => _accounts ?? throw new InvalidOperationException("The harness has not started.");

    /// <summary>The password of every demo account (README).</summary>
    public const string DemoPassword = "demo-password-2026";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Never let Playwright fetch its own browsers: the tests drive the machine's Chromium.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var chromium = SystemChromium.Find();
        Screenshots.Clear();

        var seeding = SeedDemoDatabaseAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Containers and CI runners often have a small /dev/shm; Chromium then crashes tabs without this.
            Args = ["--disable-dev-shm-usage"],
        });

        _database = await seeding;
        _host = await HostProcess.StartAsync(_database.ConnectionString);
        _accounts = await PrintedAccountsAsync(_host);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            // The host's log beside the screenshots, for a failure's server side.
            await File.WriteAllTextAsync(Path.Combine(Screenshots.Folder, "host.log"), _host.Output);
            await _host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>The first printed demo account of <paramref name="role"/> not in <paramref name="except"/>.</summary>
    public static string AccountFor(string role, params string[] except) =>
        PrintedAccounts.Where(a => a.Value == role && !except.Contains(a.Key)).Select(a => a.Key).FirstOrDefault()
        ?? throw new InvalidOperationException($"The host printed no demo account for {role}: {string.Join(", ", PrintedAccounts)}");

    private static async Task<TestDatabase> SeedDemoDatabaseAsync()
    {
        // Migrated by the host's migrate verb as an operator would, then seeded by seed-demo (what deploy/run.sh does).
        var database = await TestDatabase.CreateAsync("host", async dataSource =>
        {
            var migrated = await HostProcess.RunCliAsync(["migrate"], dataSource.ConnectionString);
            if (migrated.ExitCode != 0)
            {
                throw new InvalidOperationException($"migrate failed ({migrated.ExitCode}): {migrated.Error}");
            }
        });
        var seeded = await HostProcess.RunCliAsync(["seed-demo"], database.ConnectionString);
        if (seeded.ExitCode != 0)
        {
            throw new InvalidOperationException($"seed-demo failed ({seeded.ExitCode}): {seeded.Error}");
        }

        return database;
    }

    private static async Task<IReadOnlyDictionary<string, string>> PrintedAccountsAsync(HostProcess host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!host.Output.Contains("authenticator app", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var accounts = PrintedAccount().Matches(host.Output)
            .Where(m => Commissioning.BuildingBlocks.Identity.Roles.All.Contains(m.Groups["role"].Value))
            .GroupBy(m => m.Groups["email"].Value)
            .ToDictionary(g => g.Key, g => g.First().Groups["role"].Value);
        if (accounts.Count == 0)
        {
            throw new InvalidOperationException($"The host printed no demo accounts:\n{host.Output}");
        }

        return accounts;
    }

    [GeneratedRegex(@"(?<role>[a-z]+(?:-[a-z]+)*)\s+(?<email>[^\s@]+@[^\s@]+\.nelcp\.example)")]
    private static partial Regex PrintedAccount();
}
