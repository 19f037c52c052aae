using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Commissioning.BuildingBlocks.Identity;
using static Commissioning.Api.Tests.Brokerage.Placements.PlacementsApiSetup;

namespace Commissioning.Api.Tests.Brokerage.SpotPurchases;

/// <summary>
/// Fairness for a small year built through the API: two boroughs' children start in block beds today (one bed-day
/// each), the boroughs' pooled-budget contributions are set in Partnership, and one offer is declined first.
/// </summary>
public sealed class FairnessApiTests : RunningHost
{
    [Test]
    public async Task Each_boroughs_share_of_bed_days_is_set_against_its_pooled_budget_share_and_each_providers_answers_are_counted()
    {
        var beds = await ProviderWithConfirmedBedsAsync(Keys, "PRV-F1", "HOME-F1", "SC940001");
        using var newham = await Keys.ClientAsync(Newham, Roles.BoroughReferrer);
        using var hackney = await Keys.ClientAsync(Hackney, Roles.BoroughReferrer);
        using var brokerage = await Keys.ClientAsync(Havering, Roles.Brokerage);
        using var provider = await Keys.ClientAsync("PRV-F1", Roles.Provider);
        using var finance = await Keys.ClientAsync(Havering, Roles.Finance);
        using var board = await Keys.ClientAsync(Havering, Roles.BoardMember);
        using var referrer = await Keys.ClientAsync(Newham, Roles.BoroughReferrer);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var year = today.Month >= 4 ? today.Year : today.Year - 1;
        var financialYear = string.Create(CultureInfo.InvariantCulture, $"{year}-{(year + 1) % 100:00}");
        foreach (var (borough, amount) in new[] { (Newham, 300_000m), (Hackney, 100_000m) })
        {
            using var set = await finance.PutAsJsonAsync($"/api/v1/partnership/pooled-budget/{financialYear}/{borough}", new { amount });
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await set.Content.ReadAsStringAsync());
        }

        var newhamChild = await SubmitReferralAsync(newham, "NH-FAIR-1");
        var hackneyChild = await SubmitReferralAsync(hackney, "HK-FAIR-1");
        await WaitUntilShortlistedAsync(brokerage, newhamChild, beds[0]);
        await WaitUntilShortlistedAsync(brokerage, hackneyChild, beds[1]);
        await PlaceAsync(brokerage, provider, newhamChild, beds[0]);
        var (_, declinedOffer) = await PostAsync(brokerage, $"/api/v1/referrals/{hackneyChild}/offers", new { bedId = beds[1], respondBy = Instant(TimeSpan.FromDays(2)) });
        var (declined, _) = await PostAsync(provider, $"/api/v1/offers/{declinedOffer.GetProperty("offerId").GetGuid()}/decline", new { reasonCode = "no-staffing", comment = "Short of night staff" });
        Assert.That(declined, Is.EqualTo(HttpStatusCode.OK));
        await PlaceAsync(brokerage, provider, hackneyChild, beds[1]);

        var (status, fairness) = await GetAsync(board, $"/api/v1/fairness?financialYear={financialYear}");
        var (forbidden, _) = await GetAsync(referrer, "/api/v1/fairness");
        var (badYear, problem) = await GetAsync(board, "/api/v1/fairness?financialYear=2026");
        var boroughs = fairness.GetProperty("boroughs").EnumerateArray().ToDictionary(b => b.GetProperty("boroughCode").GetString()!);
        var providerRow = fairness.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("providerCode").GetString() == "PRV-F1");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), fairness.ToString());
            Assert.That(fairness.GetProperty("totalBedDays").GetInt32(), Is.EqualTo(2));
            Assert.That(boroughs[Newham].GetProperty("bedDayShare").GetDecimal(), Is.EqualTo(50.0m));
            Assert.That(boroughs[Newham].GetProperty("budgetShare").GetDecimal(), Is.EqualTo(75.0m));
            Assert.That(boroughs[Newham].GetProperty("differencePoints").GetDecimal(), Is.EqualTo(-25.0m));
            Assert.That(boroughs[Hackney].GetProperty("differencePoints").GetDecimal(), Is.EqualTo(25.0m));
            Assert.That(boroughs[Havering].GetProperty("bedDays").GetInt32(), Is.Zero);
            Assert.That(boroughs[Newham].GetProperty("sentence").GetString(), Is.EqualTo(
                "Newham used 50.0% of the block's bed-days (1 of 2) and paid 75.0% of the pooled budget: 25.0 percentage points less than its share."));
            Assert.That(providerRow.GetProperty("offers").GetInt32(), Is.EqualTo(3));
            Assert.That(providerRow.GetProperty("accepted").GetInt32(), Is.EqualTo(2));
            Assert.That(providerRow.GetProperty("declined").GetInt32(), Is.EqualTo(1));
            Assert.That(providerRow.GetProperty("declinesByReason").GetProperty("no-staffing").GetInt32(), Is.EqualTo(1));
            Assert.That(forbidden, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(badYear, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("errors").GetProperty("financialYear")[0].GetString(), Does.Contain("2026-27"));
        });

        var (session, _, _, _) = await Keys.SignedInPersonAsync(Newham, Roles.BoroughManager);
        using (session)
        {
            var (page, body) = await session.GetAsync($"/brokerage/fairness?financialYear={financialYear}");
            Assert.Multiple(() =>
            {
                Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(body, Does.Contain("25.0 percentage points less than its share"));
                Assert.That(body, Does.Contain("PRV-F1"));
            });
        }
    }

    private static async Task PlaceAsync(HttpClient brokerage, HttpClient provider, Guid referral, string bed)
    {
        await WaitUntilShortlistedAsync(brokerage, referral, bed);
        var (offered, offer) = await PostAsync(brokerage, $"/api/v1/referrals/{referral}/offers", new { bedId = bed, respondBy = Instant(TimeSpan.FromDays(2)) });
        Assert.That(offered, Is.EqualTo(HttpStatusCode.Created), offer.ToString());
        var (accepted, placement) = await PostAsync(provider, $"/api/v1/offers/{offer.GetProperty("offerId").GetGuid()}/accept",
            new { plannedStartDate = Date(0), prePlacementVisitDate = Date(0) });
        Assert.That(accepted, Is.EqualTo(HttpStatusCode.OK), placement.ToString());
        var (started, body) = await PostAsync(provider, $"/api/v1/placements/{placement.GetProperty("placementId").GetGuid()}/start", new { startDate = Date(0) });
        Assert.That(started, Is.EqualTo(HttpStatusCode.OK), body.ToString());
    }
}
