using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Brokerage.Beds;

/// <summary>
/// Changes made in Contracts reach the shortlist through Brokerage's copy: an approved variation swaps a bed, an
/// Inadequate grade suspends the home, and the provider's confirmations move beds between candidates and excluded.
/// </summary>
public sealed class ContractChangesApiTests : RunningHost
{
    private const string Havering = "E09000016";

    [Test]
    public async Task A_variation_a_suspension_and_the_providers_confirmations_move_beds_on_the_shortlist()
    {
        using var admin = Keys.Client(await Keys.AdminKeyAsync());
        using var contractManager = await Keys.ClientAsync(Havering, Roles.ContractManager);
        using var brokerage = await Keys.ClientAsync(Havering, Roles.Brokerage);
        using var referrer = await Keys.ClientAsync(Havering, Roles.BoroughReferrer);
        await CreatedAsync(admin, "/api/v1/organisations", new { code = "PRV-V1", name = "Provider V1", kind = "provider" });
        await CreatedAsync(contractManager, "/api/v1/providers",
            new { code = "PRV-V1", name = "Provider V1", contacts = new[] { new { name = "Sam Carer", email = "sam@prv-v1.example" } } });
        await CreatedAsync(contractManager, "/api/v1/homes", new
        {
            code = "HOME-V1", providerCode = "PRV-V1", ofstedUrn = "SC920001", name = "Home V1", postcode = "RM7 0AG", registeredPlaces = 4, minimumAge = 11,
            maximumAge = 17, sexes = new[] { "female", "male" }, bands = new[] { "low", "medium", "high" }, homeMixLimit = 2,
        });
        var contract = await CreatedAsync(contractManager, "/api/v1/contracts", new
        {
            providerCode = "PRV-V1", startsOn = "2026-04-01", weeklyPrices = new Dictionary<string, decimal> { ["low"] = 3500m, ["medium"] = 4200m, ["high"] = 5600m, ["specialist"] = 7000m },
            annualUpliftPercent = 2.5m, innovationCapPercent = 7m, outcomeFrameworkReference = "OF-2026", beds = new[] { new { homeCode = "HOME-V1", band = "medium", count = 1 } },
        });
        var contractId = contract.GetProperty("id").GetGuid();
        var firstBed = contract.GetProperty("beds")[0].GetProperty("bedId").GetString()!;
        using var provider = await Keys.ClientAsync("PRV-V1", Roles.Provider);
        await ConfirmAsync(provider, firstBed);
        var referral = (await CreatedAsync(referrer, "/api/v1/referrals", ShortlistApiTests.Referral())).GetProperty("id").GetGuid();

        var confirmed = await ShortlistWhenAsync(brokerage, referral, s => Ids(s, "candidates").SequenceEqual([firstBed]));

        // The variation removes the first bed and adds another from today: only the new bed is contracted, unconfirmed.
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var variation = await CreatedAsync(contractManager, $"/api/v1/contracts/{contractId}/variations", new
        {
            effectiveFrom = today, reason = "Swap a bed", bedsAdded = new[] { new { homeCode = "HOME-V1", band = "medium", count = 1 } }, bedsRemoved = new[] { firstBed },
        });
        var newBed = variation.GetProperty("bedsAdded")[0].GetProperty("bedId").GetString()!;
        using (var approved = await contractManager.PostAsync($"/api/v1/contracts/{contractId}/variations/{variation.GetProperty("id").GetGuid()}/approve", null))
        {
            Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approved.Content.ReadAsStringAsync());
        }

        var varied = await ShortlistWhenAsync(brokerage, referral, s => Ids(s, "excluded").SequenceEqual([newBed]) && Ids(s, "candidates").Length == 0);
        await ConfirmAsync(provider, newBed);
        var newConfirmed = await ShortlistWhenAsync(brokerage, referral, s => Ids(s, "candidates").SequenceEqual([newBed]));
        using (var graded = await contractManager.PostAsJsonAsync("/api/v1/homes/HOME-V1/ofsted-inspections", new { grade = "inadequate", inspectedOn = today }))
        {
            Assert.That(graded.StatusCode, Is.EqualTo(HttpStatusCode.OK), await graded.Content.ReadAsStringAsync());
        }

        var suspended = await ShortlistWhenAsync(brokerage, referral, s => Ids(s, "excluded").SequenceEqual([newBed]));

        Assert.Multiple(() =>
        {
            Assert.That(Ids(confirmed, "candidates"), Is.EqualTo(new[] { firstBed }));
            Assert.That(Ids(varied, "excluded"), Is.EqualTo(new[] { newBed }), "the removed bed is no longer contracted; the added one is not yet confirmed");
            Assert.That(Ids(newConfirmed, "candidates"), Is.EqualTo(new[] { newBed }));
            Assert.That(suspended.GetProperty("excluded")[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()),
                Does.Contain("New placements at the home are suspended."));
        });
    }

    private static string[] Ids(JsonElement shortlist, string list) =>
        [.. shortlist.GetProperty(list).EnumerateArray().Select(b => b.GetProperty("bedId").GetString()!)];

    /// <summary>The shortlist once <paramref name="settled"/> holds: Contracts' events reach Brokerage asynchronously. The last one read if it never does.</summary>
    private static async Task<JsonElement> ShortlistWhenAsync(HttpClient brokerage, Guid referral, Func<JsonElement, bool> settled)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await brokerage.GetAsync($"/api/v1/referrals/{referral}/shortlist");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var shortlist = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (settled(shortlist) || attempt == 150)
            {
                return shortlist;
            }

            await Task.Delay(200);
        }
    }

    private static async Task ConfirmAsync(HttpClient provider, string bedId)
    {
        using var response = await provider.PostAsJsonAsync("/api/v1/homes/HOME-V1/vacancy-confirmations",
            new { beds = new[] { new { bedId, status = "available", availableFrom = (string?)null, reason = (string?)null } } });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> CreatedAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"{path}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
