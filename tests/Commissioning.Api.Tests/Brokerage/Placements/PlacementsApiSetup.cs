using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Brokerage.Placements;

/// <summary>Sets up what offers need through the real API: providers, homes, block contracts, confirmed vacancies, referrals.</summary>
internal static class PlacementsApiSetup
{
    public const string Havering = "E09000016";
    public const string Newham = "E09000025";
    public const string Hackney = "E09000012";

    /// <summary>A provider with one home and a block contract for two medium beds, all confirmed available; answers the beds' ids.</summary>
    public static async Task<string[]> ProviderWithConfirmedBedsAsync(ApiKeys keys, string provider, string home, string urn, string postcode = "RM7 0AG")
    {
        using var admin = keys.Client(await keys.AdminKeyAsync());
        using var contractManager = await keys.ClientAsync(Havering, Roles.ContractManager);
        await CreatedAsync(admin, "/api/v1/organisations", new { code = provider, name = $"Provider {provider}", kind = "provider" });
        await CreatedAsync(contractManager, "/api/v1/providers",
            new { code = provider, name = $"Provider {provider}", contacts = new[] { new { name = "Sam Carer", email = $"sam@{provider.ToLowerInvariant()}.example" } } });
        await CreatedAsync(contractManager, "/api/v1/homes", new
        {
            code = home, providerCode = provider, ofstedUrn = urn, name = $"Home {home}", postcode, registeredPlaces = 4, minimumAge = 11,
            maximumAge = 17, sexes = new[] { "female", "male" }, bands = new[] { "low", "medium", "high" }, homeMixLimit = 2,
        });
        await CreatedAsync(contractManager, "/api/v1/contracts", new
        {
            providerCode = provider, startsOn = "2026-04-01",
            weeklyPrices = new Dictionary<string, decimal> { ["low"] = 3500m, ["medium"] = 4200m, ["high"] = 5600m, ["specialist"] = 7000m },
            annualUpliftPercent = 2.5m, innovationCapPercent = 7m, outcomeFrameworkReference = "OF-2026", beds = new[] { new { homeCode = home, band = "medium", count = 2 } },
        });

        using var providerClient = await keys.ClientAsync(provider, Roles.Provider);
        var beds = (await JsonAsync(await providerClient.GetAsync($"/api/v1/beds?homeCode={home}"))).GetProperty("items").EnumerateArray()
            .Select(b => b.GetProperty("bedId").GetString()!).ToArray();
        using var confirmed = await providerClient.PostAsJsonAsync($"/api/v1/homes/{home}/vacancy-confirmations",
            new { beds = beds.Select(id => new { bedId = id, status = "available", availableFrom = (string?)null, reason = (string?)null }) });
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await confirmed.Content.ReadAsStringAsync());
        return beds;
    }

    /// <summary>Submits a complete referral with a borough's key; answers its id.</summary>
    public static async Task<Guid> SubmitReferralAsync(HttpClient borough, string childId, string neededBy = "in more than 5 days")
    {
        using var submitted = await borough.PostAsJsonAsync("/api/v1/referrals", Referral(childId, neededBy));
        Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await submitted.Content.ReadAsStringAsync());
        return (await JsonAsync(submitted)).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Waits until Brokerage's copy of <paramref name="bedId"/> (fed by Contracts' events through the outbox) says it is
    /// confirmed available: the referral's shortlist lists it as a candidate.
    /// </summary>
    public static async Task WaitUntilShortlistedAsync(HttpClient brokerage, Guid referralId, string bedId)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var response = await brokerage.GetAsync($"/api/v1/referrals/{referralId}/shortlist");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var shortlist = await JsonAsync(response);
                if (shortlist.GetProperty("candidates").EnumerateArray().Any(c => c.GetProperty("bedId").GetString() == bedId))
                {
                    return;
                }
            }

            await Task.Delay(200);
        }

        Assert.Fail($"Bed {bedId} never became a candidate on referral {referralId}'s shortlist.");
    }

    public static Dictionary<string, object?> Referral(string childId, string neededBy = "in more than 5 days") => new()
    {
        ["childId"] = childId,
        ["neededBy"] = neededBy,
        ["communicationNeeds"] = "N",
        ["specificCommunicationRequirements"] = new[] { "None" },
        ["homeAdaptation"] = false,
        ["culturalNeeds"] = "Not required",
        ["livingCompanions"] = "No preference",
        ["pets"] = "Not Known",
        ["fosterCareSuitability"] = "Unsuitable",
        ["residentialCareSuitability"] = "Preferred",
        ["supportedAccommodationSuitability"] = "Unsuitable",
        ["riskSelfHarm"] = "No known risk",
        ["riskSexualExploitation"] = "No known risk",
        ["riskCriminalExploitation"] = "No known risk",
        ["riskDrugAlcohol"] = "No known risk",
        ["riskEatingDisorder"] = "No known risk",
        ["riskMissing"] = "Risk Present",
        ["riskToOthersPhysical"] = "No known risk",
        ["riskToOthersSexual"] = "No known risk",
        ["riskToOthersFire"] = "No known risk",
        ["riskToOthersAnimals"] = "No known risk",
        ["riskToOthersCriminal"] = "No known risk",
        ["dateOfBirth"] = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["sex"] = "female",
        ["needBand"] = "medium",
        ["needBandRationale"] = "Needs a consistent routine and one-to-one support at school times",
        ["requiredByDate"] = Date(14),
        ["homePostcodeDistrict"] = "RM7",
        ["childsViews"] = "I want to stay near my school.",
    };

    public static string Date(int daysFromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Instant(TimeSpan fromNow) => (DateTimeOffset.UtcNow + fromNow).ToString("O", CultureInfo.InvariantCulture);

    public static async Task CreatedAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"{path}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it answers true or 60 seconds pass (integration events travel asynchronously).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> probe, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }
}
