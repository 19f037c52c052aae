using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Contracts;

/// <summary>The bed ledger and the money through /api/v1: providers confirm their own homes' beds only; finance reads statements as JSON and CSV.</summary>
public sealed class BedLedgerApiTests : RunningHost
{
    private const string Havering = "E09000016";
    private const string Newham = "E09000025";

    private HttpClient _contractManager = null!;
    private HttpClient _providerOne = null!;
    private HttpClient _providerTwo = null!;
    private HttpClient _finance = null!;
    private HttpClient _newhamManager = null!;
    private string _homeOneBed = null!;

    [OneTimeSetUp]
    public async Task CreateContracts()
    {
        using var admin = Keys.Client(await Keys.AdminKeyAsync());
        _contractManager = await Keys.ClientAsync(Havering, Roles.ContractManager);
        _finance = await Keys.ClientAsync(Havering, Roles.Finance);
        _newhamManager = await Keys.ClientAsync(Newham, Roles.BoroughManager);
        foreach (var (provider, home, urn) in new[] { ("PRV-L1", "HOME-L1", "SC900001"), ("PRV-L2", "HOME-L2", "SC900002") })
        {
            // The organisation first, so the provider's key can be made at once (the contract's copy arrives by integration event).
            await EnsureCreatedAsync(admin, "/api/v1/organisations", new { code = provider, name = $"Provider {provider}", kind = "provider" });
            await EnsureCreatedAsync(_contractManager, "/api/v1/providers",
                new { code = provider, name = $"Provider {provider}", contacts = new[] { new { name = "Sam Carer", email = $"sam@{provider.ToLowerInvariant()}.example" } } });
            await EnsureCreatedAsync(_contractManager, "/api/v1/homes", new
            {
                code = home, providerCode = provider, ofstedUrn = urn, name = $"Home {home}", postcode = "RM7 0AG", registeredPlaces = 4, minimumAge = 11,
                maximumAge = 17, sexes = new[] { "female", "male" }, bands = new[] { "low", "medium", "high" }, homeMixLimit = 2,
            });
            await EnsureCreatedAsync(_contractManager, "/api/v1/contracts", new
            {
                providerCode = provider, startsOn = "2026-04-01", weeklyPrices = new Dictionary<string, decimal> { ["low"] = 3500m, ["medium"] = 4200m, ["high"] = 5600m, ["specialist"] = 7000m },
                annualUpliftPercent = 2.5m, innovationCapPercent = 7m, outcomeFrameworkReference = "OF-2026", beds = new[] { new { homeCode = home, band = "medium", count = 2 } },
            });
        }

        _providerOne = await Keys.ClientAsync("PRV-L1", Roles.Provider);
        _providerTwo = await Keys.ClientAsync("PRV-L2", Roles.Provider);
        var beds = await JsonAsync(await _providerOne.GetAsync("/api/v1/beds?homeCode=HOME-L1"));
        _homeOneBed = beds.GetProperty("items")[0].GetProperty("bedId").GetString()!;
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        foreach (var client in new[] { _contractManager, _providerOne, _providerTwo, _finance, _newhamManager })
        {
            client?.Dispose();
        }
    }

    [Test]
    public async Task A_provider_can_only_confirm_its_own_homes_beds()
    {
        var body = new { beds = new[] { new { bedId = _homeOneBed, status = "available", availableFrom = (string?)null, reason = (string?)null } } };

        using var other = await _providerTwo.PostAsJsonAsync("/api/v1/homes/HOME-L1/vacancy-confirmations", body);
        var afterOther = await BedAsync(_contractManager, _homeOneBed);
        using var own = await _providerOne.PostAsJsonAsync("/api/v1/homes/HOME-L1/vacancy-confirmations", body);
        var afterOwn = await BedAsync(_contractManager, _homeOneBed);
        using var unknown = await _providerOne.PostAsJsonAsync("/api/v1/homes/HOME-NONE/vacancy-confirmations", body);
        using var notProvider = await _contractManager.PostAsJsonAsync("/api/v1/homes/HOME-L1/vacancy-confirmations", body);

        Assert.Multiple(() =>
        {
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another provider's home answers as if it did not exist");
            Assert.That(afterOther.GetProperty("status").GetString(), Is.EqualTo("void"));
            Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterOwn.GetProperty("status").GetString(), Is.EqualTo("available"));
            Assert.That(afterOwn.GetProperty("unconfirmed").GetBoolean(), Is.False);
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(notProvider.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task Wrong_fields_answer_400_problem_details_naming_each_field()
    {
        using var response = await _providerOne.PostAsJsonAsync("/api/v1/homes/HOME-L1/vacancy-confirmations",
            new { beds = new[] { new { bedId = _homeOneBed, status = "unavailable", availableFrom = "3 March", reason = "" } } });
        var problem = await JsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "beds[0].availableFrom", "beds[0].reason" }));
        });
    }

    [Test]
    public async Task A_provider_lists_only_its_own_beds()
    {
        var mine = await JsonAsync(await _providerTwo.GetAsync("/api/v1/beds?pageSize=200"));
        var all = await JsonAsync(await _contractManager.GetAsync("/api/v1/beds?pageSize=200&band=medium"));

        Assert.Multiple(() =>
        {
            Assert.That(mine.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("homeCode").GetString()).Distinct(), Is.EqualTo(new[] { "HOME-L2" }));
            Assert.That(all.GetProperty("total").GetInt64(), Is.GreaterThanOrEqualTo(4));
        });
    }

    [Test]
    public async Task Finance_reads_recharges_and_fee_schedules_as_json_and_csv_and_each_caller_only_its_own()
    {
        // The pooled budget is the Partnership module's: Contracts gets its copy through the integration event, after the fact.
        foreach (var (borough, amount) in new[] { (Havering, 300_000m), (Newham, 200_000.01m) })
        {
            using var set = await _finance.PutAsJsonAsync($"/api/v1/partnership/pooled-budget/2026-27/{borough}", new { amount });
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        var recharges = await JsonAsync(await _finance.GetAsync("/api/v1/recharges?month=2026-10"));
        for (var tries = 0; tries < 100 && recharges.GetProperty("items").GetArrayLength() < 2; tries++)
        {
            await Task.Delay(200);
            recharges = await JsonAsync(await _finance.GetAsync("/api/v1/recharges?month=2026-10"));
        }

        using var csv = await _finance.GetAsync("/api/v1/recharges.csv?month=2026-10");
        var feeSchedules = await JsonAsync(await _finance.GetAsync("/api/v1/fee-schedules?month=2026-10"));
        using var feeCsv = await _providerOne.GetAsync("/api/v1/fee-schedules.csv?month=2026-10");
        var own = await JsonAsync(await _newhamManager.GetAsync("/api/v1/recharges?month=2026-10"));
        using var other = await _newhamManager.GetAsync($"/api/v1/recharges?month=2026-10&borough={Havering}");
        using var otherProvider = await _providerOne.GetAsync("/api/v1/fee-schedules?month=2026-10&providerCode=PRV-L2");
        using var badMonth = await _finance.GetAsync("/api/v1/recharges?month=October");

        var fees = feeSchedules.GetProperty("items").EnumerateArray().Sum(s => s.GetProperty("total").GetDecimal());
        var recharged = recharges.GetProperty("items").EnumerateArray().Sum(s => s.GetProperty("total").GetDecimal());
        Assert.Multiple(async () =>
        {
            Assert.That(fees, Is.GreaterThan(0));
            Assert.That(recharged, Is.EqualTo(fees), "with both contributions copied, every penny of void cost is recharged");
            Assert.That(csv.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
            Assert.That(await csv.Content.ReadAsStringAsync(), Does.StartWith("month,boroughCode,providerCode,"));
            Assert.That(await feeCsv.Content.ReadAsStringAsync(), Does.Contain(",PRV-L1,").And.Not.Contain(",PRV-L2,"));
            Assert.That(own.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("boroughCode").GetString()), Is.EqualTo(new[] { Newham }));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherProvider.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(badMonth.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task A_provider_confirms_a_homes_beds_through_its_form_and_a_wrong_date_is_named_in_the_error_summary()
    {
        var (provider, _, _, _) = await Keys.SignedInPersonAsync("PRV-L1", Roles.Provider);
        using (provider)
        {
            var (_, form) = await provider.GetAsync("/beds/confirm");
            var beds = await JsonAsync(await _providerOne.GetAsync("/api/v1/beds?homeCode=HOME-L1"));
            var second = beds.GetProperty("items")[1].GetProperty("bedId").GetString()!;
            var (refused, refusedPage) = await provider.PostFormAsync("/beds/confirm", new Dictionary<string, string>
            {
                ["homeCode"] = "HOME-L1", ["beds[0].bedId"] = _homeOneBed, ["beds[0].status"] = "", ["beds[1].bedId"] = second,
                ["beds[1].status"] = "unavailable", ["beds[1].availableFrom"] = "next week", ["beds[1].reason"] = "Repairs after a flood",
            });
            var (_, accepted) = await provider.PostFormAsync("/beds/confirm", new Dictionary<string, string>
            {
                ["homeCode"] = "HOME-L1", ["beds[0].bedId"] = _homeOneBed, ["beds[0].status"] = "", ["beds[1].bedId"] = second,
                ["beds[1].status"] = "unavailable", ["beds[1].availableFrom"] = "", ["beds[1].reason"] = "Repairs after a flood",
            });
            var afterwards = await BedAsync(_contractManager, second);

            Assert.Multiple(() =>
            {
                Assert.That(form, Does.Contain("HOME-L1").And.Not.Contain("HOME-L2"));
                Assert.That(refusedPage, Does.Contain("<title>Error: Confirm vacancies"));
                Assert.That(WebSession.ErrorSummaryText(refusedPage), Does.Contain("Enter the date the bed is available from as year-month-day"));
                Assert.That(refusedPage, Does.Contain("href=\"#beds[1].availableFrom\"").And.Contain("id=\"beds[1].availableFrom\""));
                Assert.That(accepted, Does.Contain("Vacancies confirmed for HOME-L1"));
                Assert.That((afterwards.GetProperty("status").GetString(), afterwards.GetProperty("confirmation").GetProperty("reason").GetString()),
                    Is.EqualTo(("unavailable", "Repairs after a flood")));
            });
        }
    }

    [Test]
    public async Task Finance_sees_the_statements_and_downloads_them_as_csv_from_the_pages()
    {
        var (finance, _, _, _) = await Keys.SignedInPersonAsync(Havering, Roles.Finance);
        using (finance)
        {
            var (page, body) = await finance.GetAsync("/finance/recharges?month=2026-10");
            using var csv = await finance.GetRawAsync("/finance/fee-schedules?handler=csv&month=2026-10");
            var (ledger, ledgerBody) = await finance.GetAsync("/beds?status=void");

            Assert.Multiple(async () =>
            {
                Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(body, Does.Contain("Recharge statements, October 2026").And.Contain("Fees payable to providers"));
                Assert.That(csv.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
                Assert.That(await csv.Content.ReadAsStringAsync(), Does.StartWith("month,providerCode,"));
                Assert.That(ledger.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(ledgerBody, Does.Contain("Unconfirmed"));
            });
        }
    }

    private static async Task<JsonElement> BedAsync(HttpClient client, string bedId)
    {
        var beds = await JsonAsync(await client.GetAsync("/api/v1/beds?pageSize=200"));
        return beds.GetProperty("items").EnumerateArray().Single(b => b.GetProperty("bedId").GetString() == bedId);
    }

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
