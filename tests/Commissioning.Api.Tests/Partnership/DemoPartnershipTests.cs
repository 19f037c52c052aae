using System.Net;
using System.Text.RegularExpressions;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Partnership;

/// <summary>The README's run journey: seed the demo, start, read the printed accounts, sign in with one.</summary>
public sealed partial class DemoPartnershipTests
{
    private TestDatabase _database = null!;
    private HostProcess _host = null!;

    [OneTimeSetUp]
    public async Task SeedAndStart()
    {
        _database = await HostDatabase.CreateAsync();
        var seeded = await HostProcess.RunCliAsync(["seed-demo"], _database.ConnectionString);
        Assert.That(seeded.ExitCode, Is.Zero, seeded.Error);
        _host = await HostProcess.StartAsync(_database.ConnectionString);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task The_run_command_prints_a_demo_account_for_every_role()
    {
        var output = await OutputWhenStartedAsync();

        Assert.Multiple(() =>
        {
            foreach (var role in BuildingBlocks.Identity.Roles.All)
            {
                Assert.That(output, Does.Match($@"\b{role}\s+\S+@\S+\.nelcp\.example"), role);
            }

            Assert.That(output, Does.Contain("password: demo-password-2026"));
        });
    }

    [Test]
    public async Task A_printed_brokerage_account_signs_in_with_the_code_the_demo_sign_in_page_shows()
    {
        var output = await OutputWhenStartedAsync();
        var email = BrokerageAccount().Match(output).Groups[1].Value;
        using var session = new WebSession(_host.BaseAddress);

        var (_, codePage) = await session.PostFormAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = "demo-password-2026" });
        var code = DemoCode().Match(codePage).Groups[1].Value;
        var (response, home) = await session.PostFormWithTokenAsync("/sign-in/code", new Dictionary<string, string> { ["code"] = code }, WebSession.AntiforgeryToken(codePage));

        Assert.Multiple(() =>
        {
            Assert.That(code, Has.Length.EqualTo(6));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(session.LastAddress!.AbsolutePath, Is.EqualTo("/"));
            Assert.That(home, Does.Contain("Tom Okafor"));
        });
    }

    [Test]
    public async Task A_non_demo_database_prints_no_accounts_and_shows_no_codes()
    {
        await using var plain = await HostDatabase.CreateAsync();
        await using var host = await HostProcess.StartAsync(plain.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!host.Output.Contains("is running at", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.That(host.Output, Does.Not.Contain("demo partnership").And.Not.Contain("nelcp.example"));
    }

    private async Task<string> OutputWhenStartedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!_host.Output.Contains("authenticator app", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return _host.Output;
    }

    [GeneratedRegex(@"brokerage\s+(\S+@\S+)")]
    private static partial Regex BrokerageAccount();

    [GeneratedRegex("id=\"demo-code\">(\\d{6})<")]
    private static partial Regex DemoCode();
}
