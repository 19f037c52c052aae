using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Brokerage;

/// <summary>The demo's year of brokerage, seen through the API with real keys: today's worklist, the beds' occupancy and what boroughs see.</summary>
public sealed class DemoBrokerageTests
{
    private const string Newham = "E09000025";
    private TestDatabase _database = null!;
    private HostProcess _host = null!;
    private ApiKeys _keys = null!;

    [OneTimeSetUp]
    public async Task SeedAndStart()
    {
        _database = await HostDatabase.CreateAsync();
        var seeded = await HostProcess.RunCliAsync(["seed-demo"], _database.ConnectionString);
        Assert.That(seeded.ExitCode, Is.Zero, seeded.Error);
        _host = await HostProcess.StartAsync(_database.ConnectionString);
        _keys = new ApiKeys(_host, _database.ConnectionString);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task The_worklist_holds_todays_open_referrals_an_emergency_an_escalated_one_a_question_an_offer_an_agreed_placement_and_a_spot_purchase()
    {
        using var brokerage = await _keys.ClientAsync(ApiKeys.LeadBorough, Roles.Brokerage);
        var items = (await JsonAsync(brokerage, "/api/v1/worklist?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        var statuses = items.Select(i => i.GetProperty("status").GetString()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(items, Has.Count.InRange(5, 8));
            Assert.That(items.Count(i => i.GetProperty("emergency").GetBoolean() && i.GetProperty("status").GetString() == "submitted"), Is.GreaterThanOrEqualTo(1));
            Assert.That(items.Count(i => i.GetProperty("escalatedAt").ValueKind != JsonValueKind.Null), Is.GreaterThanOrEqualTo(1));
            Assert.That(statuses, Does.Contain("returned"));
            Assert.That(statuses, Does.Contain("offered"));
            Assert.That(statuses, Does.Contain("placement-agreed"));
            Assert.That(statuses, Does.Contain("spot-purchase"));
        });
    }

    [Test]
    public async Task Most_contracted_beds_are_occupied_and_placements_offers_and_outside_placements_exist()
    {
        using var finance = await _keys.ClientAsync(ApiKeys.LeadBorough, Roles.Finance);
        var beds = (await JsonAsync(finance, "/api/v1/beds?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        var occupied = beds.Count(b => b.GetProperty("status").GetString() == "occupied");

        using var brokerage = await _keys.ClientAsync(ApiKeys.LeadBorough, Roles.Brokerage);
        var placements = (await JsonAsync(brokerage, "/api/v1/placements?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        var offers = (await JsonAsync(brokerage, "/api/v1/offers?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        var outside = (await JsonAsync(brokerage, "/api/v1/outside-placements?pageSize=200")).GetProperty("items").GetArrayLength();

        Assert.Multiple(() =>
        {
            Assert.That(beds, Has.Count.EqualTo(35));
            Assert.That(occupied / 35.0, Is.InRange(0.7, 0.9), $"{occupied} of 35 beds occupied");
            Assert.That(placements.Count(p => p.GetProperty("status").GetString() == "ended"), Is.GreaterThanOrEqualTo(5));
            Assert.That(offers.Select(o => o.GetProperty("status").GetString()), Does.Contain("declined").And.Contain("lapsed").And.Contain("open"));
            Assert.That(outside, Is.GreaterThanOrEqualTo(2));
        });
    }

    [Test]
    public async Task A_borough_key_sees_only_its_own_referrals_and_the_demo_referrers_borough_has_live_ones()
    {
        using var newham = await _keys.ClientAsync(Newham, Roles.BoroughReferrer);
        var referrals = (await JsonAsync(newham, "/api/v1/referrals?pageSize=100")).GetProperty("items").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(referrals, Is.Not.Empty);
            Assert.That(referrals.Select(r => r.GetProperty("boroughCode").GetString()), Has.All.EqualTo(Newham));
            Assert.That(referrals.Select(r => r.GetProperty("status").GetString()), Does.Contain("draft").And.Contain("returned"));
        });
    }

    [Test]
    public async Task The_demo_provider_has_an_offer_to_answer_and_a_placement_about_to_start()
    {
        using var provider = await _keys.ClientAsync("PRV-A", Roles.Provider);
        var offers = (await JsonAsync(provider, "/api/v1/offers?status=open")).GetProperty("items").EnumerateArray().ToList();
        var placements = (await JsonAsync(provider, "/api/v1/placements?pageSize=200")).GetProperty("items").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(offers, Has.Count.EqualTo(1));
            Assert.That(placements.Select(p => p.GetProperty("providerCode").GetString()), Has.All.EqualTo("PRV-A"));
            Assert.That(placements.Select(p => p.GetProperty("status").GetString()), Does.Contain("confirmed").And.Contain("started"));
        });
    }

    [Test]
    public async Task A_new_low_band_referral_from_havering_finds_one_of_the_demo_providers_beds_on_its_shortlist()
    {
        // What the browser journey does on the demo: refer, shortlist, offer one of Ashgrove's beds.
        using var havering = await _keys.ClientAsync(ApiKeys.LeadBorough, Roles.BoroughReferrer);
        var referral = Placements.PlacementsApiSetup.Referral("DEMO-JOURNEY-1");
        referral["needBand"] = "low";
        referral["riskMissing"] = "No known risk";
        using var submitted = await havering.PostAsJsonAsync("/api/v1/referrals", referral);
        Assert.That(submitted.IsSuccessStatusCode, Is.True, await submitted.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        using var brokerage = await _keys.ClientAsync(ApiKeys.LeadBorough, Roles.Brokerage);
        var candidates = (await JsonAsync(brokerage, $"/api/v1/referrals/{id}/shortlist")).GetProperty("candidates").EnumerateArray()
            .Select(c => c.GetProperty("homeCode").GetString()).ToList();

        Assert.That(candidates, Has.Some.Matches<string?>(h => h is "HOME-01" or "HOME-02" or "HOME-03" or "HOME-04"));
    }

    [Test]
    public async Task Seeding_again_leaves_the_demo_as_it_is()
    {
        using var brokerage = await _keys.ClientAsync(ApiKeys.LeadBorough, Roles.Brokerage);
        var before = (await JsonAsync(brokerage, "/api/v1/referrals?pageSize=1")).GetProperty("total").GetInt32();

        var again = await HostProcess.RunCliAsync(["seed-demo"], _database.ConnectionString);
        var after = (await JsonAsync(brokerage, "/api/v1/referrals?pageSize=1")).GetProperty("total").GetInt32();

        Assert.Multiple(() =>
        {
            Assert.That(again.ExitCode, Is.Zero, again.Error);
            Assert.That(again.Error, Does.Contain("left it as it is"));
            Assert.That(after, Is.EqualTo(before));
        });
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
