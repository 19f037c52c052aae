using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Brokerage.Beds;

/// <summary>
/// The shortlist and the allocation proposal through the real host: homes, contracts and vacancies set up through the
/// Contracts API reach Brokerage's copy by integration events; the referral is submitted by a borough's key.
/// </summary>
public sealed class ShortlistApiTests : RunningHost
{
    private const string Havering = "E09000016";

    private HttpClient _brokerage = null!;
    private HttpClient _referrer = null!;
    private HttpClient _contractManager = null!;
    private Guid _referralId;
    private string[] _contractedBeds = [];

    [OneTimeSetUp]
    public async Task SetUpHomesContractsAndAReferral()
    {
        using var admin = Keys.Client(await Keys.AdminKeyAsync());
        _contractManager = await Keys.ClientAsync(Havering, Roles.ContractManager);
        _brokerage = await Keys.ClientAsync(Havering, Roles.Brokerage);
        _referrer = await Keys.ClientAsync(Havering, Roles.BoroughReferrer);
        foreach (var (provider, home, urn, postcode) in new[] { ("PRV-S1", "HOME-S1", "SC910001", "RM1 1AA"), ("PRV-S2", "HOME-S2", "SC910002", "E17 4AA") })
        {
            await EnsureCreatedAsync(admin, "/api/v1/organisations", new { code = provider, name = $"Provider {provider}", kind = "provider" });
            await EnsureCreatedAsync(_contractManager, "/api/v1/providers",
                new { code = provider, name = $"Provider {provider}", contacts = new[] { new { name = "Sam Carer", email = $"sam@{provider.ToLowerInvariant()}.example" } } });
            await EnsureCreatedAsync(_contractManager, "/api/v1/homes", new
            {
                code = home, providerCode = provider, ofstedUrn = urn, name = $"Home {home}", postcode, registeredPlaces = 4, minimumAge = 11,
                maximumAge = 17, sexes = new[] { "female", "male" }, bands = new[] { "low", "medium", "high" }, homeMixLimit = 2,
            });
            await EnsureCreatedAsync(_contractManager, "/api/v1/contracts", new
            {
                providerCode = provider, startsOn = "2026-04-01", weeklyPrices = new Dictionary<string, decimal> { ["low"] = 3500m, ["medium"] = 4200m, ["high"] = 5600m, ["specialist"] = 7000m },
                annualUpliftPercent = 2.5m, innovationCapPercent = 7m, outcomeFrameworkReference = "OF-2026", beds = new[] { new { homeCode = home, band = "medium", count = 2 } },
            });
        }

        // HOME-S1's beds are confirmed available by their provider; HOME-S2's are left unconfirmed.
        using (var provider = await Keys.ClientAsync("PRV-S1", Roles.Provider))
        {
            var homeOneBeds = (await JsonAsync(await provider.GetAsync("/api/v1/beds?homeCode=HOME-S1"))).GetProperty("items").EnumerateArray()
                .Select(b => b.GetProperty("bedId").GetString()!).ToArray();
            using var confirmed = await provider.PostAsJsonAsync("/api/v1/homes/HOME-S1/vacancy-confirmations",
                new { beds = homeOneBeds.Select(id => new { bedId = id, status = "available", availableFrom = (string?)null, reason = (string?)null }) });
            Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await confirmed.Content.ReadAsStringAsync());
        }

        _contractedBeds = [.. (await JsonAsync(await _contractManager.GetAsync("/api/v1/beds?pageSize=200"))).GetProperty("items").EnumerateArray()
            .Select(b => b.GetProperty("bedId").GetString()!)];
        using var submitted = await _referrer.PostAsJsonAsync("/api/v1/referrals", Referral());
        Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await submitted.Content.ReadAsStringAsync());
        _referralId = (await JsonAsync(submitted)).GetProperty("id").GetGuid();
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        foreach (var client in new[] { _brokerage, _referrer, _contractManager })
        {
            client?.Dispose();
        }
    }

    [Test]
    public async Task Every_contracted_bed_is_either_a_candidate_or_excluded()
    {
        var shortlist = await SettledShortlistAsync();
        var candidates = shortlist.GetProperty("candidates").EnumerateArray().ToList();
        var excluded = shortlist.GetProperty("excluded").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(_contractedBeds, Has.Length.EqualTo(4));
            Assert.That(candidates.Select(c => c.GetProperty("bedId").GetString()).Concat(excluded.Select(e => e.GetProperty("bedId").GetString())),
                Is.EquivalentTo(_contractedBeds));
            Assert.That(candidates.Select(c => c.GetProperty("homeCode").GetString()), Is.All.EqualTo("HOME-S1"), "only the confirmed beds are candidates");
            Assert.That(candidates[0].EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[]
                { "bedId", "homeCode", "providerCode", "band", "score", "distanceMiles", "availableFrom", "reasons", "scoreParts" }));
            Assert.That(candidates[0].GetProperty("providerCode").GetString(), Is.EqualTo("PRV-S1"));
            Assert.That(candidates[0].GetProperty("scoreParts").EnumerateArray().Sum(p => p.GetProperty("points").GetDecimal()),
                Is.EqualTo(candidates[0].GetProperty("score").GetDecimal()));
            Assert.That(excluded.Select(e => e.GetProperty("homeCode").GetString()), Is.All.EqualTo("HOME-S2"));
            Assert.That(excluded[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()), Has.Some.StartsWith("The provider has not confirmed"));
        });
    }

    [Test]
    public async Task Only_brokerage_may_read_a_shortlist_and_an_unknown_referral_is_not_found()
    {
        using var borough = await _referrer.GetAsync($"/api/v1/referrals/{_referralId}/shortlist");
        using var board = await (await Keys.ClientAsync(Havering, Roles.BoardMember)).GetAsync($"/api/v1/referrals/{_referralId}/shortlist");
        using var provider = await (await Keys.ClientAsync("PRV-S1", Roles.Provider)).GetAsync($"/api/v1/referrals/{_referralId}/shortlist");
        using var unknown = await _brokerage.GetAsync($"/api/v1/referrals/{Guid.NewGuid()}/shortlist");

        Assert.Multiple(() =>
        {
            Assert.That(borough.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(board.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(provider.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task The_allocation_proposal_gives_both_methods_and_only_brokerage_may_read_it()
    {
        await SettledShortlistAsync();
        var proposal = await JsonAsync(await _brokerage.GetAsync("/api/v1/allocation/proposal"));
        using var borough = await _referrer.GetAsync("/api/v1/allocation/proposal");
        using var board = await (await Keys.ClientAsync(Havering, Roles.BoardMember)).GetAsync("/api/v1/allocation/proposal");

        Assert.Multiple(() =>
        {
            Assert.That(proposal.GetProperty("exact").GetProperty("method").GetString(), Is.EqualTo("exact"));
            Assert.That(proposal.GetProperty("firstComeFirstServed").GetProperty("method").GetString(), Is.EqualTo("first come, first served"));
            Assert.That(proposal.GetProperty("exact").GetProperty("placed").GetInt32(), Is.EqualTo(1));
            Assert.That(proposal.GetProperty("freeBeds").GetInt32(), Is.EqualTo(2));
            var line = proposal.GetProperty("exact").GetProperty("lines")[0];
            Assert.That(line.GetProperty("referralId").GetGuid(), Is.EqualTo(_referralId));
            Assert.That(line.GetProperty("offerUrl").GetString(), Does.StartWith($"/referrals/{_referralId}/offer?bedId="));
            Assert.That(proposal.GetProperty("explanation").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(borough.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(board.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task The_shortlist_and_allocation_pages_show_the_same_beds_with_offer_links()
    {
        var shortlist = await SettledShortlistAsync();
        var (session, _, _, _) = await Keys.SignedInPersonAsync(Havering, Roles.Brokerage);
        var (page, body) = await session.GetAsync($"/referrals/{_referralId}/shortlist");
        var (allocation, allocationBody) = await session.GetAsync("/brokerage/allocation");
        var (borough, _, _, _) = await Keys.SignedInPersonAsync(Havering, Roles.BoroughReferrer);
        var (refused, _) = await borough.GetAsync("/brokerage/allocation");

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            foreach (var candidate in shortlist.GetProperty("candidates").EnumerateArray())
            {
                var bedId = candidate.GetProperty("bedId").GetString();
                Assert.That(body, Does.Contain($"/referrals/{_referralId}/offer?bedId={bedId}"));
            }

            foreach (var excluded in shortlist.GetProperty("excluded").EnumerateArray())
            {
                Assert.That(body, Does.Contain($"Bed {excluded.GetProperty("bedId").GetString()} at HOME-S2"));
            }

            Assert.That(body, Does.Contain("Distance from home"));
            Assert.That(allocation.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(allocationBody, Does.Contain("First come, first served"));
            Assert.That(allocationBody, Does.Contain($"/referrals/{_referralId}/offer?bedId="));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task A_draft_referral_has_no_shortlist_yet_and_both_the_API_and_the_page_say_what_it_needs()
    {
        using var created = await _referrer.PostAsJsonAsync("/api/v1/referrals/drafts", new { childId = "HAV-BEDS-DRAFT", sex = "male" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var draft = (await JsonAsync(created)).GetProperty("id").GetGuid();

        using var response = await _brokerage.GetAsync($"/api/v1/referrals/{draft}/shortlist");
        var problem = await response.Content.ReadAsStringAsync();
        var (session, _, _, _) = await Keys.SignedInPersonAsync(Havering, Roles.Brokerage);
        var (page, body) = await session.GetAsync($"/referrals/{draft}/shortlist");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(problem, Does.Contain("it is still a draft"));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body, Does.Contain("cannot be matched yet"));
        });
    }

    /// <summary>The shortlist once Contracts' events have reached Brokerage's copy (they travel asynchronously, through the outbox).</summary>
    private async Task<JsonElement> SettledShortlistAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await _brokerage.GetAsync($"/api/v1/referrals/{_referralId}/shortlist");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var shortlist = await JsonAsync(response);
            if ((shortlist.GetProperty("candidates").GetArrayLength() == 2 && shortlist.GetProperty("excluded").GetArrayLength() == 2) || attempt == 150)
            {
                return shortlist;
            }

            await Task.Delay(200);
        }
    }

    internal static Dictionary<string, object?> Referral() => new()
    {
        ["childId"] = "HAV-BEDS-1",
        ["neededBy"] = "in more than 5 days",
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
        ["riskMissing"] = "No known risk",
        ["riskToOthersPhysical"] = "No known risk",
        ["riskToOthersSexual"] = "No known risk",
        ["riskToOthersFire"] = "No known risk",
        ["riskToOthersAnimals"] = "No known risk",
        ["riskToOthersCriminal"] = "No known risk",
        ["dateOfBirth"] = "2012-06-15",
        ["sex"] = "female",
        ["needBand"] = "medium",
        ["needBandRationale"] = "Needs a consistent routine and one-to-one support at school times",
        ["requiredByDate"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["homePostcodeDistrict"] = "RM7",
    };

    private static async Task EnsureCreatedAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"{path}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }
}
