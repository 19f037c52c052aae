using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Contracts;

/// <summary>The demo's bed ledger and money: confirmed, unavailable and unconfirmed beds, and a month whose recharges add up.</summary>
public sealed class DemoLedgerTests
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
    public async Task The_demo_ledger_shows_available_unavailable_and_unconfirmed_beds_and_this_months_recharges_add_up()
    {
        var keys = new ApiKeys(_host, _database.ConnectionString);
        using var finance = await keys.ClientAsync(ApiKeys.LeadBorough, Roles.Finance);
        var beds = await JsonAsync(finance, "/api/v1/beds?pageSize=200");
        var statuses = beds.GetProperty("items").EnumerateArray()
            .Select(b => (Home: b.GetProperty("homeCode").GetString(), Status: b.GetProperty("status").GetString(), Unconfirmed: b.GetProperty("unconfirmed").GetBoolean()))
            .ToList();

        // The pooled budget reaches Contracts through the integration event once the host runs.
        JsonElement recharges = default, fees = default;
        for (var tries = 0; tries < 100; tries++)
        {
            recharges = await JsonAsync(finance, "/api/v1/recharges?pageSize=200");
            fees = await JsonAsync(finance, "/api/v1/fee-schedules?pageSize=200");
            if (recharges.GetProperty("items").GetArrayLength() == 8)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.Multiple(() =>
        {
            Assert.That(statuses, Has.Count.EqualTo(35));
            // Brokerage's demo year fills most beds (DemoBrokerageTests); the rest are confirmed free today.
            Assert.That(statuses.Count(s => s.Status == "occupied"), Is.GreaterThan(20));
            Assert.That(statuses.Count(s => s.Status == "available"), Is.GreaterThanOrEqualTo(1));
            Assert.That(statuses.Count(s => s.Status == "unavailable"), Is.GreaterThanOrEqualTo(1));
            Assert.That(statuses.Where(s => s.Home == "HOME-06"), Has.All.Matches<(string?, string?, bool Unconfirmed)>(s => s.Unconfirmed));
            Assert.That(recharges.GetProperty("items").GetArrayLength(), Is.EqualTo(8), "every borough contributes, so every borough is recharged");
            Assert.That(recharges.GetProperty("items").EnumerateArray().Sum(r => r.GetProperty("total").GetDecimal()),
                Is.EqualTo(fees.GetProperty("items").EnumerateArray().Sum(f => f.GetProperty("total").GetDecimal())));
        });
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
