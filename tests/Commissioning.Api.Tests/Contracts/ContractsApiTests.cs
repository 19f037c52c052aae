using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Contracts;

/// <summary>Providers, homes and contracts through /api/v1 and the pages, with a contract manager and two providers' keys.</summary>
public sealed class ContractsApiTests : RunningHost
{
    private HttpClient _manager = null!;

    [OneTimeSetUp]
    public async Task CreateKeys() => _manager = await Keys.ClientAsync(ApiKeys.LeadBorough, Roles.ContractManager);

    [OneTimeTearDown]
    public void DisposeClients() => _manager.Dispose();

    private static object Home(string code, string provider, string postcode = "RM7 0AG") => new
    {
        code, providerCode = provider, ofstedUrn = "SC222333", name = $"Home {code}", postcode, registeredPlaces = 4, minimumAge = 11, maximumAge = 17,
        sexes = new[] { "female", "male" }, bands = new[] { "medium", "high" }, specialisms = new[] { "Therapeutic care" },
        statementOfPurposeLimits = new[] { "solo-placements-only" }, homeMixLimit = 2,
    };

    private async Task<string> ProviderWithHomeAndContractAsync(string provider, string home)
    {
        var (registered, _) = await PostAsync(_manager, "/api/v1/providers", new { code = provider, name = $"Provider {provider}", contacts = new[] { new { name = "Sam", email = "sam@example.org" } } });
        var (homeCreated, _) = await PostAsync(_manager, "/api/v1/homes", Home(home, provider));
        var (agreed, contract) = await PostAsync(_manager, "/api/v1/contracts", new
        {
            providerCode = provider, startsOn = "2025-04-01", weeklyPrices = new { high = 5600.00m }, annualUpliftPercent = 2.5m,
            outcomeFrameworkReference = "OF-2025", beds = new[] { new { homeCode = home, band = "high", count = 2 } },
        });
        Assert.Multiple(() =>
        {
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(homeCreated.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(agreed.StatusCode, Is.EqualTo(HttpStatusCode.Created), contract.ToString());
        });
        return contract.GetProperty("id").GetString()!;
    }

    /// <summary>The Partnership module makes a registered provider an organisation, from the integration event, a moment later.</summary>
    private async Task<HttpClient> ProviderClientAsync(string provider)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await Keys.ClientAsync(provider, Roles.Provider);
            }
            catch (Exception) when (attempt < 40)
            {
                await Task.Delay(250);
            }
        }
    }

    [Test]
    public async Task A_provider_sees_only_its_own_homes_and_contracts_and_others_answer_404()
    {
        var ours = await ProviderWithHomeAndContractAsync("PRV-API1", "HOME-API1");
        var theirs = await ProviderWithHomeAndContractAsync("PRV-API2", "HOME-API2");
        using var provider = await ProviderClientAsync("PRV-API1");

        var (_, homes) = await GetAsync(provider, "/api/v1/homes");
        var (_, contracts) = await GetAsync(provider, "/api/v1/contracts");
        var (ownContract, _) = await GetAsync(provider, $"/api/v1/contracts/{ours}");
        var (otherContract, _) = await GetAsync(provider, $"/api/v1/contracts/{theirs}");
        var (otherHome, _) = await GetAsync(provider, "/api/v1/homes/HOME-API2");
        var (otherProvider, _) = await GetAsync(provider, "/api/v1/providers/PRV-API2");
        var (write, _) = await PostAsync(provider, "/api/v1/homes/HOME-API1/ofsted-inspections", new { grade = "good", inspectedOn = "2025-01-01" });

        Assert.Multiple(() =>
        {
            Assert.That(homes.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("code").GetString()), Is.EqualTo(new[] { "HOME-API1" }));
            Assert.That(homes.GetProperty("total").GetInt64(), Is.EqualTo(1));
            Assert.That(contracts.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()), Is.EqualTo(new[] { ours }));
            Assert.That(ownContract.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(otherContract.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherHome.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherProvider.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task Invalid_input_is_a_400_naming_each_field_and_nothing_is_stored()
    {
        var (home, homeProblem) = await PostAsync(_manager, "/api/v1/homes", Home("HOME-BAD", "PRV-NONE", "ZZ9 9ZZ"));
        var (contract, contractProblem) = await PostAsync(_manager, "/api/v1/contracts", new
        {
            providerCode = "PRV-NONE", startsOn = "2025-04-01", endsOn = "2025-01-01", weeklyPrices = new { high = -1m }, annualUpliftPercent = 2.5m,
            outcomeFrameworkReference = "OF", beds = new[] { new { homeCode = "HOME-BAD", band = "huge", count = 1 } },
        });
        var (read, _) = await GetAsync(_manager, "/api/v1/homes/HOME-BAD");

        Assert.Multiple(() =>
        {
            Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(home.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(homeProblem.GetProperty("errors").GetProperty("postcode")[0].GetString(), Does.StartWith("We do not know where postcode district ZZ9 is"));
            Assert.That(contract.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(contractProblem.GetProperty("errors").GetProperty("endsOn")[0].GetString(), Is.EqualTo("The end date must be after the start date"));
            Assert.That(contractProblem.GetProperty("errors").GetProperty("weeklyPrices.high")[0].GetString(), Does.Contain("more than £0"));
            Assert.That(contractProblem.GetProperty("errors").GetProperty("beds[0].band")[0].GetString(), Does.StartWith("Enter the band of the beds"));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task A_stale_variation_approval_is_a_409_and_a_fresh_one_is_approved()
    {
        var id = await ProviderWithHomeAndContractAsync("PRV-API3", "HOME-API3");
        var (proposed, variation) = await PostAsync(_manager, $"/api/v1/contracts/{id}/variations",
            new { effectiveFrom = "2025-10-01", reason = "Staffing", newWeeklyPrices = new { high = 5800m } });
        var staleTag = proposed.Headers.ETag!.Tag;
        await PostAsync(_manager, $"/api/v1/contracts/{id}/variations", new { effectiveFrom = "2025-11-01", reason = "Another", bedsRemoved = new[] { "HOME-API3-B2" } });
        var variationId = variation.GetProperty("id").GetString();

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/contracts/{id}/variations/{variationId}/approve") { Content = JsonContent.Create(new { }) };
        stale.Headers.TryAddWithoutValidation("If-Match", staleTag);
        using var staleResponse = await _manager.SendAsync(stale);
        var (approved, body) = await PostAsync(_manager, $"/api/v1/contracts/{id}/variations/{variationId}/approve", new { });

        Assert.Multiple(() =>
        {
            Assert.That(proposed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(staleResponse.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("approved"));
        });
    }

    [Test]
    public async Task A_contract_manager_registers_a_provider_and_a_home_through_the_pages()
    {
        var (session, _, _, _) = await Keys.SignedInPersonAsync(ApiKeys.LeadBorough, Roles.ContractManager);
        using (session)
        {
            var (provider, _) = await session.PostFormAsync("/providers/new", new Dictionary<string, string>
            {
                ["code"] = "PRV-WEB", ["name"] = "Web Provider", ["contacts[0].name"] = "Ali", ["contacts[0].email"] = "ali@example.org",
            });
            var (refused, refusedBody) = await session.PostFormAsync("/homes/new", new Dictionary<string, string> { ["code"] = "HOME-WEB", ["providerCode"] = "PRV-WEB", ["postcode"] = "ZZ9 9ZZ" });
            var (home, homeBody) = await session.PostFormAsync("/homes/new", new Dictionary<string, string>
            {
                ["code"] = "HOME-WEB", ["providerCode"] = "PRV-WEB", ["ofstedUrn"] = "SC777888", ["name"] = "Web House", ["postcode"] = "E17 4PP",
                ["registeredPlaces"] = "3", ["minimumAge"] = "11", ["maximumAge"] = "17", ["sexes"] = "female, male", ["bands"] = "low, medium", ["homeMixLimit"] = "1",
            });

            Assert.Multiple(() =>
            {
                Assert.That(session.LastAddress!.AbsolutePath, Is.EqualTo("/homes/HOME-WEB"));
                Assert.That(provider.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(refusedBody, Does.Contain("<title>Error: "));
                Assert.That(WebSession.ErrorSummaryText(refusedBody), Does.Contain("We do not know where postcode district ZZ9 is"));
                Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(homeBody, Does.Contain("Web House"));
                _ = refused;
            });
        }
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
    }
}
