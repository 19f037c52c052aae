using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;
using static Commissioning.Api.Tests.Brokerage.Placements.PlacementsApiSetup;

namespace Commissioning.Api.Tests.Brokerage.Placements;

/// <summary>Two host processes on one database: 50 offers for one bed at once, spread over both, hold it exactly once.</summary>
public sealed class BedHoldConcurrencyTests
{
    [Test]
    public async Task Fifty_parallel_offers_for_one_bed_over_two_hosts_give_one_success_and_49_conflicts()
    {
        await using var database = await HostDatabase.CreateAsync();
        await using var a = await HostProcess.StartAsync(database.ConnectionString);
        await using var b = await HostProcess.StartAsync(database.ConnectionString);
        var keys = new ApiKeys(a, database.ConnectionString);
        var bed = (await ProviderWithConfirmedBedsAsync(keys, "PRV-C1", "HOME-C1", "SC930001"))[0];
        var brokerageKey = await keys.KeyAsync(Havering, Roles.Brokerage);
        using var borough = await keys.ClientAsync(Havering, Roles.BoroughReferrer);
        var referrals = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            referrals.Add(await SubmitReferralAsync(borough, $"HAV-RACE-{i:D2}"));
        }

        using var onA = Client(a, brokerageKey);
        using var onB = Client(b, brokerageKey);
        await WaitUntilShortlistedAsync(onA, referrals[0], bed);

        var respondBy = Instant(TimeSpan.FromDays(1));
        using var start = new SemaphoreSlim(0);
        var attempts = referrals.Select(async (referral, i) =>
        {
            await start.WaitAsync();
            using var response = await (i % 2 == 0 ? onA : onB).PostAsJsonAsync($"/api/v1/referrals/{referral}/offers", new { bedId = bed, respondBy });
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(attempts.Count);
        var results = await Task.WhenAll(attempts);

        using var contractManager = await keys.ClientAsync(Havering, Roles.ContractManager);
        var winner = results.Where(r => r.StatusCode == HttpStatusCode.Created)
            .Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("offerId").GetGuid()).ToList();
        var ledgerShowsWinner = await EventuallyAsync(async () =>
        {
            var (_, beds) = await GetAsync(contractManager, "/api/v1/beds?pageSize=200");
            var row = beds.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("bedId").GetString() == bed);
            return row.GetProperty("status").GetString() == "held" && winner.Count == 1
                   && row.GetProperty("hold").GetProperty("offerId").GetGuid() == winner[0];
        });
        var (_, ledgerBed) = await GetAsync(contractManager, "/api/v1/beds?pageSize=200");
        var (_, open) = await GetAsync(onB, "/api/v1/offers?status=open&pageSize=200");

        Assert.Multiple(() =>
        {
            Assert.That(results.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1), string.Join("\n", results.Select(r => $"{r.StatusCode} {r.Body}")));
            Assert.That(results.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(49));
            Assert.That(open.GetProperty("total").GetInt64(), Is.EqualTo(1), "one open offer");
            Assert.That(ledgerShowsWinner, Is.True, "after catch-up the Contracts ledger shows the one winning offer as the holder");
            var row = ledgerBed.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("bedId").GetString() == bed);
            Assert.That(row.TryGetProperty("inconsistency", out var flag) ? flag.ValueKind : System.Text.Json.JsonValueKind.Null,
                Is.EqualTo(System.Text.Json.JsonValueKind.Null), "the ledger never heard of a second holder");
        });
    }

    private static HttpClient Client(HostProcess host, string key) =>
        new() { BaseAddress = host.BaseAddress, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };
}
