using System.Net;
using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;
using static Commissioning.Api.Tests.Brokerage.Placements.PlacementsApiSetup;

namespace Commissioning.Api.Tests.Brokerage.SpotPurchases;

/// <summary>
/// A spot purchase through /api/v1 with each party's key: sent only to the accredited provider whose home suits the
/// child (a provider whose homes all fail a hard constraint, and one that is not accredited, never see it), bid, award,
/// and the spot contract appears in Contracts' API.
/// </summary>
public sealed class SpotPurchaseApiTests : RunningHost
{
    private static readonly string[] Checks = ["health-and-safety", "safeguarding", "equal-opportunities", "human-resources", "required-training"];

    private HttpClient _newham = null!;
    private HttpClient _brokerage = null!;
    private HttpClient _contractManager = null!;
    private HttpClient _suitable = null!;
    private HttpClient _boysOnly = null!;
    private HttpClient _notAccredited = null!;

    [OneTimeSetUp]
    public async Task SetUpProviders()
    {
        _contractManager = await Keys.ClientAsync(Havering, Roles.ContractManager);
        _suitable = await ProviderAsync("PRV-S1", "HOME-S1", "SC930001", ["female", "male"], accredited: true);
        _boysOnly = await ProviderAsync("PRV-S2", "HOME-S2", "SC930002", ["male"], accredited: true);
        _notAccredited = await ProviderAsync("PRV-S3", "HOME-S3", "SC930003", ["female", "male"], accredited: false);
        _newham = await Keys.ClientAsync(Newham, Roles.BoroughReferrer);
        _brokerage = await Keys.ClientAsync(Havering, Roles.Brokerage);
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        foreach (var client in new[] { _newham, _brokerage, _contractManager, _suitable, _boysOnly, _notAccredited })
        {
            client?.Dispose();
        }
    }

    private async Task<HttpClient> ProviderAsync(string provider, string home, string urn, string[] sexes, bool accredited)
    {
        using var admin = Keys.Client(await Keys.AdminKeyAsync());
        await CreatedAsync(admin, "/api/v1/organisations", new { code = provider, name = $"Provider {provider}", kind = "provider" });
        await CreatedAsync(_contractManager, "/api/v1/providers",
            new { code = provider, name = $"Provider {provider}", contacts = new[] { new { name = "Sam Carer", email = $"sam@{provider.ToLowerInvariant()}.example" } } });
        await CreatedAsync(_contractManager, "/api/v1/homes", new
        {
            code = home, providerCode = provider, ofstedUrn = urn, name = $"Home {home}", postcode = "RM7 0AG", registeredPlaces = 3, minimumAge = 11,
            maximumAge = 17, sexes, bands = new[] { "medium", "high" }, homeMixLimit = 2,
        });
        foreach (var check in accredited ? Checks : Checks.Take(4))
        {
            var (status, body) = await PostAsync(_contractManager, $"/api/v1/providers/{provider}/checks", new { check, passedOn = Date(-30), expiresOn = Date(335) });
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        }

        return await Keys.ClientAsync(provider, Roles.Provider);
    }

    /// <summary>Brokerage's copies of homes and provider checks arrive through integration events: wait until the suitable provider is eligible.</summary>
    private async Task<JsonElement> RecipientsOnceCopiedAsync(Guid referral)
    {
        JsonElement preview = default;
        var ready = await EventuallyAsync(async () =>
        {
            (_, preview) = await GetAsync(_brokerage, $"/api/v1/referrals/{referral}/spot-purchase-recipients");
            var providers = preview.GetProperty("providers").EnumerateArray().Select(p => p.GetProperty("providerCode").GetString()).ToList();
            return providers.Contains("PRV-S1") && providers.Contains("PRV-S2") && providers.Contains("PRV-S3")
                   && preview.GetProperty("providers").EnumerateArray().Any(p => p.GetProperty("included").GetBoolean());
        });
        Assert.That(ready, Is.True, preview.ToString());
        return preview;
    }

    [Test]
    public async Task A_spot_request_reaches_only_the_eligible_provider_who_bids_and_the_award_becomes_a_spot_contract()
    {
        var referral = await SubmitReferralAsync(_newham, "NH-SPOT-1");
        var preview = await RecipientsOnceCopiedAsync(referral);

        var (started, request) = await PostAsync(_brokerage, $"/api/v1/referrals/{referral}/spot-requests", new { bidsBy = Date(3), note = "No block bed is free in time" });
        var id = request.GetProperty("id").GetGuid();
        var (boysOnlySees, _) = await GetAsync(_boysOnly, $"/api/v1/spot-requests/{id}");
        var (notAccreditedSees, _) = await GetAsync(_notAccredited, $"/api/v1/spot-requests/{id}");
        var (boysOnlyBids, _) = await PostAsync(_boysOnly, $"/api/v1/spot-requests/{id}/bids", new { homeCode = "HOME-S2", weeklyPrice = 6000m, availableFrom = Date(1) });
        var (_, boysOnlyList) = await GetAsync(_boysOnly, "/api/v1/spot-requests");
        var (suitableSees, suitableView) = await GetAsync(_suitable, $"/api/v1/spot-requests/{id}");
        var (badBid, badBidProblem) = await PostAsync(_suitable, $"/api/v1/spot-requests/{id}/bids", new { homeCode = "HOME-S2", weeklyPrice = -5m });
        var (bid, bidBody) = await PostAsync(_suitable, $"/api/v1/spot-requests/{id}/bids",
            new { homeCode = "HOME-S1", weeklyPrice = 6350.75m, availableFrom = Date(2), note = "Two staff at night" });
        var (_, referralMeanwhile) = await GetAsync(_newham, $"/api/v1/referrals/{referral}");

        Assert.Multiple(() =>
        {
            Assert.That(preview.GetProperty("providers").EnumerateArray().Where(p => p.GetProperty("included").GetBoolean())
                .Select(p => p.GetProperty("providerCode").GetString()), Is.EqualTo(new[] { "PRV-S1" }));
            Assert.That(started, Is.EqualTo(HttpStatusCode.Created), request.ToString());
            Assert.That(request.GetProperty("sentTo").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "PRV-S1" }));
            Assert.That(boysOnlySees, Is.EqualTo(HttpStatusCode.NotFound), "a provider whose homes all fail a hard constraint never sees it");
            Assert.That(notAccreditedSees, Is.EqualTo(HttpStatusCode.NotFound), "a provider that is not accredited never sees it");
            Assert.That(boysOnlyBids, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(boysOnlyList.GetProperty("total").GetInt64(), Is.Zero);
            Assert.That(suitableSees, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(suitableView.TryGetProperty("considered", out var considered) && considered.ValueKind != JsonValueKind.Null, Is.False);
            Assert.That(suitableView.GetProperty("needs").TryGetProperty("dateOfBirth", out _), Is.False);
            Assert.That(suitableView.TryGetProperty("sharedWith", out _) || suitableView.TryGetProperty("childRecord", out _), Is.False, "who else was asked is never shown to a provider");
            Assert.That(suitableView.GetProperty("sentTo").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(suitableView.ToString(), Does.Not.Contain("NH-SPOT-1"));
            Assert.That(badBid, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(badBidProblem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "weeklyPrice", "availableFrom" }));
            Assert.That(bid, Is.EqualTo(HttpStatusCode.Created), bidBody.ToString());
            Assert.That(referralMeanwhile.GetProperty("status").GetString(), Is.EqualTo("spot-purchase"));
        });

        var bidId = bidBody.GetProperty("id").GetGuid();
        var (awarded, awardedBody) = await PostAsync(_brokerage, $"/api/v1/spot-requests/{id}/award", new { bidId, startDate = Date(2) });
        var spotContractId = awardedBody.GetProperty("award").GetProperty("spotContractId").GetGuid();
        JsonElement contract = default;
        var agreed = await EventuallyAsync(async () =>
        {
            var (status, body) = await GetAsync(_contractManager, $"/api/v1/spot-contracts/{spotContractId}");
            contract = body;
            return status == HttpStatusCode.OK;
        });
        var (providerSeesContract, _) = await GetAsync(_suitable, $"/api/v1/spot-contracts/{spotContractId}");
        var (_, referralAfter) = await GetAsync(_newham, $"/api/v1/referrals/{referral}");
        var (awardedTwice, _) = await PostAsync(_brokerage, $"/api/v1/spot-requests/{id}/award", new { bidId, startDate = Date(2) });
        var (movedIn, movedInBody) = await PostAsync(_brokerage, $"/api/v1/spot-requests/{id}/start", new { startDate = Date(0) });
        var (_, referralPlaced) = await GetAsync(_newham, $"/api/v1/referrals/{referral}");

        Assert.Multiple(() =>
        {
            Assert.That(awarded, Is.EqualTo(HttpStatusCode.OK), awardedBody.ToString());
            Assert.That(awardedBody.GetProperty("status").GetString(), Is.EqualTo("awarded"));
            Assert.That(agreed, Is.True, "Contracts agrees the spot contract from Brokerage's award");
            Assert.That(contract.GetProperty("providerCode").GetString(), Is.EqualTo("PRV-S1"));
            Assert.That(contract.GetProperty("homeCode").GetString(), Is.EqualTo("HOME-S1"));
            Assert.That(contract.GetProperty("boroughCode").GetString(), Is.EqualTo(Newham));
            Assert.That(contract.GetProperty("band").GetString(), Is.EqualTo("medium"));
            Assert.That(contract.GetProperty("weeklyPrice").GetDecimal(), Is.EqualTo(6350.75m));
            Assert.That(contract.GetProperty("startsOn").GetString(), Is.EqualTo(Date(2)));
            Assert.That(providerSeesContract, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(referralAfter.GetProperty("status").GetString(), Is.EqualTo("placement-agreed"));
            Assert.That(awardedTwice, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(movedIn, Is.EqualTo(HttpStatusCode.OK), movedInBody.ToString());
            Assert.That(movedInBody.GetProperty("status").GetString(), Is.EqualTo("placed"));
            Assert.That(referralPlaced.GetProperty("status").GetString(), Is.EqualTo("placed"));
        });
    }

    [Test]
    public async Task Only_brokerage_starts_one_and_a_missing_bids_by_date_is_a_400()
    {
        var referral = await SubmitReferralAsync(_newham, "NH-SPOT-2");

        var (byBorough, _) = await PostAsync(_newham, $"/api/v1/referrals/{referral}/spot-requests", new { bidsBy = Date(3) });
        var (byProvider, _) = await PostAsync(_suitable, $"/api/v1/referrals/{referral}/spot-requests", new { bidsBy = Date(3) });
        var (missing, problem) = await PostAsync(_brokerage, $"/api/v1/referrals/{referral}/spot-requests", new { note = "x" });
        var (unknown, _) = await PostAsync(_brokerage, $"/api/v1/referrals/{Guid.NewGuid()}/spot-requests", new { bidsBy = Date(3) });
        var (unknownRequest, _) = await GetAsync(_brokerage, $"/api/v1/spot-requests/{Guid.NewGuid()}");

        Assert.Multiple(() =>
        {
            Assert.That(byBorough, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(byProvider, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(missing, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("errors").GetProperty("bidsBy")[0].GetString(), Is.EqualTo("Enter the date by which providers must bid"));
            Assert.That(unknown, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknownRequest, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Brokerage_sends_one_from_the_referrals_page_and_the_provider_bids_from_its_own_page()
    {
        var referral = await SubmitReferralAsync(_newham, "NH-SPOT-WEB");
        await RecipientsOnceCopiedAsync(referral);
        var (broker, _, _, _) = await Keys.SignedInPersonAsync(Havering, Roles.Brokerage);
        var (provider, _, _, _) = await Keys.SignedInPersonAsync("PRV-S1", Roles.Provider);
        var (outsider, _, _, _) = await Keys.SignedInPersonAsync("PRV-S2", Roles.Provider);
        using (broker)
        using (provider)
        using (outsider)
        {
            var (_, preview) = await broker.GetAsync($"/referrals/{referral}/spot-purchase");
            var (_, refused) = await broker.PostFormAsync($"/referrals/{referral}/spot-purchase", new Dictionary<string, string> { ["bidsBy"] = "next week" });
            var (sent, sentBody) = await broker.PostFormAsync($"/referrals/{referral}/spot-purchase", new Dictionary<string, string> { ["bidsBy"] = Date(3) });
            var requestPath = broker.LastAddress!.AbsolutePath;
            var (outsiderSees, _) = await outsider.GetAsync(requestPath);
            var (_, outsiderList) = await outsider.GetAsync("/spot-requests");
            var (_, badBid) = await provider.PostFormAsync(requestPath + "?handler=Bid", new Dictionary<string, string> { ["homeCode"] = "HOME-S1", ["weeklyPrice"] = "a lot" },
                pageToReadTokenFrom: requestPath);
            var (bid, bidBody) = await provider.PostFormAsync(requestPath + "?handler=Bid",
                new Dictionary<string, string> { ["homeCode"] = "HOME-S1", ["weeklyPrice"] = "£6,100.00", ["availableFrom"] = Date(2) }, pageToReadTokenFrom: requestPath);
            var (_, compared) = await broker.GetAsync(requestPath);

            Assert.Multiple(() =>
            {
                Assert.That(preview, Does.Contain("PRV-S1").And.Contain("Receives it").And.Contain("The home cares only for boys."));
                Assert.That(WebSession.ErrorSummaryText(refused), Does.Contain("The bids-by date must be a real date"));
                Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(requestPath, Does.StartWith("/spot-requests/"));
                Assert.That(sentBody, Does.Contain("Spot purchase request SP-"));
                Assert.That(outsiderSees.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
                Assert.That(outsiderList, Does.Contain("There are no spot purchase requests."));
                Assert.That(WebSession.ErrorSummaryText(badBid), Does.Contain("The weekly price must be an amount in pounds"));
                Assert.That(bid.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(bidBody, Does.Contain("6,100.00"));
                Assert.That(compared, Does.Contain("6,100.00").And.Contain("Award"));
            });
        }
    }
}
