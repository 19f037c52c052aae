using System.Net;
using System.Net.Http.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;
using static Commissioning.Api.Tests.Brokerage.Placements.PlacementsApiSetup;

namespace Commissioning.Api.Tests.Brokerage.SpotPurchases;

/// <summary>Placements boroughs made outside brokerage, through /api/v1 and the pages, with two boroughs' keys and brokerage's.</summary>
public sealed class OutsidePlacementsApiTests : RunningHost
{
    private HttpClient _newham = null!;
    private HttpClient _hackney = null!;
    private HttpClient _brokerage = null!;

    [OneTimeSetUp]
    public async Task CreateKeys()
    {
        _newham = await Keys.ClientAsync(Newham, Roles.BoroughReferrer);
        _hackney = await Keys.ClientAsync(Hackney, Roles.BoroughManager);
        _brokerage = await Keys.ClientAsync(Havering, Roles.Brokerage);
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        _newham.Dispose();
        _hackney.Dispose();
        _brokerage.Dispose();
    }

    private static object Placement(string child, Guid? referralId = null) => new
    {
        childReference = child, referralId, reasonCode = "emergency-out-of-hours", providerName = "Willow Care Ltd", placementType = "Residential",
        postcodeDistrict = "E13", startDate = Date(-3), weeklyCost = 5250.50m, needBand = "high",
    };

    [Test]
    public async Task A_borough_records_one_sees_it_and_ends_it_and_another_borough_gets_404()
    {
        var (recorded, body) = await PostAsync(_newham, "/api/v1/outside-placements", Placement("NH-API-1"));
        var id = body.GetProperty("id").GetGuid();
        var (own, ownBody) = await GetAsync(_newham, $"/api/v1/outside-placements/{id}");
        var (other, _) = await GetAsync(_hackney, $"/api/v1/outside-placements/{id}");
        var (otherEnds, _) = await PostAsync(_hackney, $"/api/v1/outside-placements/{id}/end", new { endDate = Date(0), reasonEpisodeCeased = "E8", planned = true });
        var (_, otherList) = await GetAsync(_hackney, "/api/v1/outside-placements");
        var (_, brokerageList) = await GetAsync(_brokerage, "/api/v1/outside-placements?borough=" + Newham);
        var (provider, _) = await GetAsync(_brokerage, $"/api/v1/outside-placements/{Guid.NewGuid()}");
        var (ended, endedBody) = await PostAsync(_newham, $"/api/v1/outside-placements/{id}/end",
            new { endDate = Date(0), reasonEpisodeCeased = "X1", reasonPlaceChange = "CARPL", planned = false });

        Assert.Multiple(() =>
        {
            Assert.That(recorded, Is.EqualTo(HttpStatusCode.Created), body.ToString());
            Assert.That(body.GetProperty("placementType").GetString(), Is.EqualTo("Residential"));
            Assert.That(body.GetProperty("weeklyCost").GetDecimal(), Is.EqualTo(5250.50m));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("open"));
            Assert.That(own, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ownBody.GetProperty("childReference").GetString(), Is.EqualTo("NH-API-1"));
            Assert.That(other, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherEnds, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Does.Not.Contain(id));
            Assert.That(brokerageList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Does.Contain(id));
            Assert.That(provider, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(ended, Is.EqualTo(HttpStatusCode.OK), endedBody.ToString());
            Assert.That(endedBody.GetProperty("status").GetString(), Is.EqualTo("ended"));
            Assert.That(endedBody.GetProperty("reasonPlaceChange").GetString(), Is.EqualTo("CARPL"));
        });
    }

    [Test]
    public async Task Bad_input_is_a_400_naming_each_field_and_nothing_is_stored()
    {
        var (_, before) = await GetAsync(_newham, "/api/v1/outside-placements");

        var (refused, problem) = await PostAsync(_newham, "/api/v1/outside-placements", new
        {
            childReference = "", reasonCode = "cheaper", providerName = "Willow", placementType = "residential", postcodeDistrict = "E13 9PX",
            startDate = Date(0), weeklyCost = 0m, needBand = "huge",
        });
        var (_, after) = await GetAsync(_newham, "/api/v1/outside-placements");

        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name),
                Is.EquivalentTo(new[] { "childReference", "reasonCode", "placementType", "postcodeDistrict", "weeklyCost", "needBand" }));
            Assert.That(problem.GetProperty("errors").GetProperty("placementType")[0].GetString(), Does.Contain("Residential, Foster, Supported Accommodation"));
            Assert.That(after.GetProperty("total").GetInt64(), Is.EqualTo(before.GetProperty("total").GetInt64()));
        });
    }

    [Test]
    public async Task Answering_the_boroughs_own_referral_closes_it_and_another_boroughs_referral_is_refused()
    {
        var referral = await SubmitReferralAsync(_newham, "NH-API-REF");
        var hackneyReferrer = await Keys.ClientAsync(Hackney, Roles.BoroughReferrer);
        var hackneyReferral = await SubmitReferralAsync(hackneyReferrer, "HK-API-REF");

        var (refused, problem) = await PostAsync(_newham, "/api/v1/outside-placements", Placement("NH-API-2", hackneyReferral));
        var (recorded, body) = await PostAsync(_newham, "/api/v1/outside-placements", Placement("NH-API-3", referral));
        var (_, closed) = await GetAsync(_newham, $"/api/v1/referrals/{referral}");
        var (_, untouched) = await GetAsync(hackneyReferrer, $"/api/v1/referrals/{hackneyReferral}");
        hackneyReferrer.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("errors").GetProperty("referralId")[0].GetString(), Does.StartWith("There is no referral of your borough with that id"));
            Assert.That(recorded, Is.EqualTo(HttpStatusCode.Created), body.ToString());
            Assert.That(body.GetProperty("referralId").GetGuid(), Is.EqualTo(referral));
            Assert.That(closed.GetProperty("status").GetString(), Is.EqualTo("closed"));
            Assert.That(untouched.GetProperty("status").GetString(), Is.EqualTo("submitted"));
        });
    }

    [Test]
    public async Task A_borough_records_one_through_the_pages_and_sees_it_listed()
    {
        var (session, _, _, _) = await Keys.SignedInPersonAsync(Newham, Roles.BoroughManager);
        using (session)
        {
            var (_, refusedBody) = await session.PostFormAsync("/outside-placements/new", new Dictionary<string, string>
            {
                ["childReference"] = "NH-WEB-1", ["reasonCode"] = "other",
            });
            var (recorded, recordedBody) = await session.PostFormAsync("/outside-placements/new", new Dictionary<string, string>
            {
                ["childReference"] = "NH-WEB-1", ["reasonCode"] = "sibling-group", ["providerName"] = "Oakfield Homes", ["placementType"] = "Foster",
                ["postcodeDistrict"] = "rm7", ["startDate"] = Date(-1), ["weeklyCost"] = "£1,250.00", ["needBand"] = "medium",
            });
            var detail = session.LastAddress!.AbsolutePath;
            var (_, list) = await session.GetAsync("/outside-placements");
            var answering = Guid.NewGuid();
            var (_, prefilled) = await session.GetAsync($"/outside-placements/new?referralId={answering}");

            Assert.Multiple(() =>
            {
                Assert.That(refusedBody, Does.Contain("<title>Error: "));
                Assert.That(WebSession.ErrorSummaryText(refusedBody), Does.Contain("Explain the reason in the note"));
                Assert.That(recorded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(detail, Does.StartWith("/outside-placements/"));
                Assert.That(recordedBody, Does.Contain("Oakfield Homes"));
                Assert.That(list, Does.Contain("NH-WEB-1"));
                Assert.That(prefilled, Does.Contain($"value=\"{answering}\""), "the referral's page links here with its id filled in");
            });
        }
    }
}
