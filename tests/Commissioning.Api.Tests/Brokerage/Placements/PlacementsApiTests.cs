using System.Net;
using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;
using static Commissioning.Api.Tests.Brokerage.Placements.PlacementsApiSetup;

namespace Commissioning.Api.Tests.Brokerage.Placements;

/// <summary>
/// The whole flow through /api/v1 with each party's own key: a borough's referral (invisible to another borough),
/// shortlisted, offered, accepted by the provider, started and ended; declines and lapses free the bed.
/// </summary>
public sealed class PlacementsApiTests : RunningHost
{
    private HttpClient _newham = null!;
    private HttpClient _hackney = null!;
    private HttpClient _brokerage = null!;
    private HttpClient _providerOne = null!;
    private HttpClient _providerTwo = null!;
    private HttpClient _contractManager = null!;
    private string[] _bedsOne = [];
    private string[] _bedsTwo = [];
    private string[] _bedsThree = [];

    [OneTimeSetUp]
    public async Task SetUpProvidersAndKeys()
    {
        _bedsOne = await ProviderWithConfirmedBedsAsync(Keys, "PRV-P1", "HOME-P1", "SC920001");
        _bedsTwo = await ProviderWithConfirmedBedsAsync(Keys, "PRV-P2", "HOME-P2", "SC920002", "RM1 1AA");
        _bedsThree = await ProviderWithConfirmedBedsAsync(Keys, "PRV-P3", "HOME-P3", "SC920003", "RM3 0AA");
        _newham = await Keys.ClientAsync(Newham, Roles.BoroughReferrer);
        _hackney = await Keys.ClientAsync(Hackney, Roles.BoroughReferrer);
        _brokerage = await Keys.ClientAsync(Havering, Roles.Brokerage);
        _providerOne = await Keys.ClientAsync("PRV-P1", Roles.Provider);
        _providerTwo = await Keys.ClientAsync("PRV-P2", Roles.Provider);
        _contractManager = await Keys.ClientAsync(Havering, Roles.ContractManager);
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        foreach (var client in new[] { _newham, _hackney, _brokerage, _providerOne, _providerTwo, _contractManager })
        {
            client?.Dispose();
        }
    }

    [Test]
    public async Task A_referral_is_offered_accepted_started_and_ended_each_by_its_own_party()
    {
        var referral = await SubmitReferralAsync(_newham, "NEW-FLOW-1");
        var (otherBorough, _) = await GetAsync(_hackney, $"/api/v1/referrals/{referral}");
        var bed = _bedsOne[0];
        await WaitUntilShortlistedAsync(_brokerage, referral, bed);

        var (offered, offer) = await PostAsync(_brokerage, $"/api/v1/referrals/{referral}/offers", new { bedId = bed, respondBy = Instant(TimeSpan.FromDays(2)) });
        var offerId = offer.GetProperty("offerId").GetGuid();
        var (seenByOther, _) = await GetAsync(_providerTwo, $"/api/v1/offers/{offerId}");
        var (seenByOwn, ownView) = await GetAsync(_providerOne, $"/api/v1/offers/{offerId}");
        var (otherAccepts, _) = await PostAsync(_providerTwo, $"/api/v1/offers/{offerId}/accept", new { plannedStartDate = Date(0) });
        var heldInLedger = await EventuallyAsync(async () => (await LedgerBedAsync(bed)).GetProperty("status").GetString() == "held");

        var (accepted, placement) = await PostAsync(_providerOne, $"/api/v1/offers/{offerId}/accept",
            new { plannedStartDate = Date(0), prePlacementVisitDate = Date(0) });
        var (acceptedTwice, _) = await PostAsync(_providerOne, $"/api/v1/offers/{offerId}/accept", new { plannedStartDate = Date(0) });
        var placementId = placement.GetProperty("placementId").GetGuid();
        var (started, startedView) = await PostAsync(_providerOne, $"/api/v1/placements/{placementId}/start", new { startDate = Date(0) });
        var (referralPlaced, placedReferral) = await GetAsync(_newham, $"/api/v1/referrals/{referral}");
        var occupiedInLedger = await EventuallyAsync(async () => (await LedgerBedAsync(bed)).GetProperty("status").GetString() == "occupied");
        var (boroughSees, _) = await GetAsync(_newham, $"/api/v1/placements/{placementId}");
        var (otherBoroughSees, _) = await GetAsync(_hackney, $"/api/v1/placements/{placementId}");
        var (badEnd, badEndBody) = await PostAsync(_brokerage, $"/api/v1/placements/{placementId}/end",
            new { endDate = Date(0), reasonEpisodeCeased = "X1", planned = true });
        var (ended, endedView) = await PostAsync(_brokerage, $"/api/v1/placements/{placementId}/end",
            new { endDate = Date(0), reasonEpisodeCeased = "E13", reasonPlaceChange = (string?)null, planned = true });

        Assert.Multiple(() =>
        {
            Assert.That(otherBorough, Is.EqualTo(HttpStatusCode.NotFound), "another borough's key cannot see the referral");
            Assert.That(offered, Is.EqualTo(HttpStatusCode.Created), offer.ToString());
            Assert.That(offer.GetProperty("status").GetString(), Is.EqualTo("open"));
            Assert.That(seenByOther, Is.EqualTo(HttpStatusCode.NotFound), "another provider's key cannot see the offer");
            Assert.That(seenByOwn, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ownView.GetProperty("age").GetInt32(), Is.EqualTo(14));
            Assert.That(ownView.ToString(), Does.Not.Contain("NEW-FLOW-1").And.Not.Contain("dateOfBirth"), "no child id, no date of birth");
            Assert.That(otherAccepts, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(heldInLedger, Is.True, "the Contracts bed ledger shows the hold");
            Assert.That(accepted, Is.EqualTo(HttpStatusCode.OK), placement.ToString());
            Assert.That(placement.GetProperty("status").GetString(), Is.EqualTo("confirmed"));
            Assert.That(acceptedTwice, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(started, Is.EqualTo(HttpStatusCode.OK), startedView.ToString());
            Assert.That(startedView.GetProperty("status").GetString(), Is.EqualTo("started"));
            Assert.That(referralPlaced, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(placedReferral.GetProperty("status").GetString(), Is.EqualTo("placed"));
            Assert.That(occupiedInLedger, Is.True, "the Contracts bed ledger shows the bed occupied");
            Assert.That(boroughSees, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(otherBoroughSees, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(badEnd, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(badEndBody.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "reasonPlaceChange" }));
            Assert.That(ended, Is.EqualTo(HttpStatusCode.OK), endedView.ToString());
            Assert.That(endedView.GetProperty("status").GetString(), Is.EqualTo("ended"));
            Assert.That(endedView.GetProperty("reasonEpisodeCeased").GetString(), Is.EqualTo("E13"));
        });
    }

    [Test]
    public async Task A_declined_offer_frees_the_bed_for_the_next_offer()
    {
        var referral = await SubmitReferralAsync(_newham, "NEW-DECLINE");
        var bed = _bedsTwo[0];
        await WaitUntilShortlistedAsync(_brokerage, referral, bed);
        var (_, offer) = await PostAsync(_brokerage, $"/api/v1/referrals/{referral}/offers", new { bedId = bed, respondBy = Instant(TimeSpan.FromDays(1)) });
        var offerId = offer.GetProperty("offerId").GetGuid();

        var second = await SubmitReferralAsync(_newham, "NEW-DECLINE-2");
        var (whileHeld, heldProblem) = await PostAsync(_brokerage, $"/api/v1/referrals/{second}/offers", new { bedId = bed, respondBy = Instant(TimeSpan.FromDays(1)) });
        var (noReason, _) = await PostAsync(_providerTwo, $"/api/v1/offers/{offerId}/decline", new { reasonCode = "other" });
        var (declined, declinedView) = await PostAsync(_providerTwo, $"/api/v1/offers/{offerId}/decline", new { reasonCode = "no-staffing", comment = "Two staff off sick" });
        var (referralBack, referralView) = await GetAsync(_newham, $"/api/v1/referrals/{referral}");
        var (afterDecline, _) = await PostAsync(_brokerage, $"/api/v1/referrals/{second}/offers", new { bedId = bed, respondBy = Instant(TimeSpan.FromDays(1)) });
        var (providerList, list) = await GetAsync(_providerTwo, "/api/v1/offers?status=declined");

        Assert.Multiple(() =>
        {
            Assert.That(whileHeld, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(heldProblem.GetProperty("detail").GetString(), Does.Contain($"Bed {bed} is already held"));
            Assert.That(noReason, Is.EqualTo(HttpStatusCode.BadRequest), "other needs a comment");
            Assert.That(declined, Is.EqualTo(HttpStatusCode.OK), declinedView.ToString());
            Assert.That(declinedView.GetProperty("declineReasonCode").GetString(), Is.EqualTo("no-staffing"));
            Assert.That(referralBack, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(referralView.GetProperty("status").GetString(), Is.EqualTo("submitted"));
            Assert.That(afterDecline, Is.EqualTo(HttpStatusCode.Created), "the bed is free again");
            Assert.That(providerList, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(list.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("offerId").GetGuid()), Does.Contain(offerId));
        });
    }

    [Test]
    public async Task An_offer_nobody_answers_lapses_at_its_deadline_and_frees_the_bed()
    {
        var referral = await SubmitReferralAsync(_newham, "NEW-LAPSE");
        var bed = _bedsTwo[1];
        await WaitUntilShortlistedAsync(_brokerage, referral, bed);
        var (offered, offer) = await PostAsync(_brokerage, $"/api/v1/referrals/{referral}/offers", new { bedId = bed, respondBy = Instant(TimeSpan.FromSeconds(3)) });
        Assert.That(offered, Is.EqualTo(HttpStatusCode.Created), offer.ToString());
        var offerId = offer.GetProperty("offerId").GetGuid();

        // The lapse job runs every minute.
        var lapsed = await EventuallyAsync(async () =>
            (await GetAsync(_brokerage, $"/api/v1/offers/{offerId}")).Body.GetProperty("status").GetString() == "lapsed", seconds: 150);
        var (lateAccept, _) = await PostAsync(_providerTwo, $"/api/v1/offers/{offerId}/accept", new { plannedStartDate = Date(1) });
        var freedInLedger = await EventuallyAsync(async () => (await LedgerBedAsync(bed)).GetProperty("status").GetString() != "held");
        var (again, againBody) = await PostAsync(_brokerage, $"/api/v1/referrals/{referral}/offers", new { bedId = bed, respondBy = Instant(TimeSpan.FromDays(1)) });

        Assert.Multiple(() =>
        {
            Assert.That(lapsed, Is.True, "the offer lapsed");
            Assert.That(lateAccept, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(freedInLedger, Is.True, "the bed ledger heard the hold released");
            Assert.That(again, Is.EqualTo(HttpStatusCode.Created), againBody.ToString());
        });
    }

    [Test]
    public async Task The_pages_let_brokerage_make_an_offer_and_the_provider_accept_it()
    {
        var referral = await SubmitReferralAsync(_newham, "NEW-PAGES");
        var bed = _bedsOne[1];
        await WaitUntilShortlistedAsync(_brokerage, referral, bed);
        var (broker, _, _, _) = await Keys.SignedInPersonAsync(Havering, Roles.Brokerage);
        var (provider, _, _, _) = await Keys.SignedInPersonAsync("PRV-P1", Roles.Provider);
        var (otherProvider, _, _, _) = await Keys.SignedInPersonAsync("PRV-P2", Roles.Provider);
        var (borough, _, _, _) = await Keys.SignedInPersonAsync(Newham, Roles.BoroughReferrer);

        var (offerPage, offerForm) = await broker.GetAsync($"/referrals/{referral}/offer?bedId={bed}");
        var (badDeadline, badDeadlineBody) = await broker.PostFormAsync($"/referrals/{referral}/offer?bedId={bed}",
            new Dictionary<string, string> { ["bedId"] = bed, ["respondByDate"] = "tomorrow", ["respondByTime"] = "17:00" });
        var (made, offerBody) = await broker.PostFormAsync($"/referrals/{referral}/offer?bedId={bed}",
            new Dictionary<string, string> { ["bedId"] = bed, ["respondByDate"] = Date(3), ["respondByTime"] = "17:00" });
        var offerPath = broker.LastAddress!.AbsolutePath;
        var (otherSees, _) = await otherProvider.GetAsync(offerPath);
        var (declineWithoutReason, declineBody) = await provider.PostFormAsync($"{offerPath}?handler=Decline", new Dictionary<string, string> { ["reasonCode"] = "" }, offerPath);
        var (accepted, placementBody) = await provider.PostFormAsync($"{offerPath}?handler=Accept",
            new Dictionary<string, string> { ["plannedStartDate"] = Date(1), ["prePlacementVisitDate"] = Date(0) }, offerPath);
        var placementPath = provider.LastAddress!.AbsolutePath;
        var (list, listBody) = await borough.GetAsync("/placements");
        var (offers, offersBody) = await broker.GetAsync("/offers?status=accepted");
        var (_, brokerView) = await broker.GetAsync(placementPath);
        var (started, startedBody) = await broker.PostFormAsync($"{placementPath}?handler=Start", new Dictionary<string, string> { ["startDate"] = Date(0) }, placementPath);
        var (endWithoutChange, endWithoutChangeBody) = await provider.PostFormAsync($"{placementPath}?handler=End",
            new Dictionary<string, string> { ["endDate"] = Date(0), ["reasonEpisodeCeased"] = "X1", ["reasonPlaceChange"] = "", ["planned"] = "true" }, placementPath);
        var (endedPage, endedBody) = await provider.PostFormAsync($"{placementPath}?handler=End",
            new Dictionary<string, string> { ["endDate"] = Date(0), ["reasonEpisodeCeased"] = "E13", ["reasonPlaceChange"] = "", ["planned"] = "false" }, placementPath);
        var (boroughView, boroughBody) = await borough.GetAsync(placementPath);

        Assert.Multiple(() =>
        {
            Assert.That(offerPage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(offerForm, Does.Contain("Make the offer").And.Contain(bed));
            Assert.That(badDeadline.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(WebSession.ErrorSummaryText(badDeadlineBody), Does.Contain("The date to answer by must be a real date"));
            Assert.That(made.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(offerPath, Does.StartWith("/offers/"));
            Assert.That(offerBody, Does.Contain("Offer of bed").And.Not.Contain("NEW-PAGES"), "the borough's child id never shows");
            Assert.That(otherSees.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(WebSession.ErrorSummaryText(declineBody), Does.Contain("Choose the reason for declining"));
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(placementPath, Does.StartWith("/placements/"));
            Assert.That(placementBody, Does.Contain("Agreed, not started"));
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(listBody, Does.Contain(placementPath));
            Assert.That(offersBody, Does.Contain(offerPath));
            Assert.That(brokerView, Does.Contain("Record the start").And.Contain("Call off"));
            Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(startedBody, Does.Contain("End the placement").And.Contain("Plan the step-down"));
            Assert.That(WebSession.ErrorSummaryText(endWithoutChangeBody), Does.Contain("required when the episode ceased with X1"));
            Assert.That(endedPage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(endedBody, Does.Contain("E13").And.Contain("unplanned"));
            Assert.That(boroughView.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(boroughBody, Does.Not.Contain("End the placement"), "a borough reads the placement but does not act on it");
        });
    }

    [Test]
    public async Task A_rebanding_and_a_move_reach_the_bed_ledger()
    {
        using var providerThree = await Keys.ClientAsync("PRV-P3", Roles.Provider);
        var referral = await SubmitReferralAsync(_newham, "NEW-MOVE");
        var (from, to) = (_bedsThree[0], _bedsThree[1]);
        await WaitUntilShortlistedAsync(_brokerage, referral, from);
        var (_, offer) = await PostAsync(_brokerage, $"/api/v1/referrals/{referral}/offers", new { bedId = from, respondBy = Instant(TimeSpan.FromDays(1)) });
        var (_, agreed) = await PostAsync(providerThree, $"/api/v1/offers/{offer.GetProperty("offerId").GetGuid()}/accept", new { plannedStartDate = Date(0) });
        var placementId = agreed.GetProperty("placementId").GetGuid();
        await PostAsync(providerThree, $"/api/v1/placements/{placementId}/start", new { startDate = Date(0) });

        var (requested, withRequest) = await PostAsync(providerThree, $"/api/v1/placements/{placementId}/rebanding-requests",
            new { band = "high", rationale = "Missing every weekend since arrival" });
        var requestId = withRequest.GetProperty("rebandingRequests")[0].GetProperty("requestId").GetGuid();
        var (providerDecides, _) = await PostAsync(providerThree, $"/api/v1/placements/{placementId}/rebanding-requests/{requestId}/decision",
            new { approve = true, effectiveFrom = Date(0) });
        var (approved, rebanded) = await PostAsync(_brokerage, $"/api/v1/placements/{placementId}/rebanding-requests/{requestId}/decision",
            new { approve = true, effectiveFrom = Date(0) });
        var rebandedInLedger = await EventuallyAsync(async () =>
            (await LedgerBedAsync(from)).TryGetProperty("placement", out var p) && p.ValueKind == JsonValueKind.Object && p.GetProperty("band").GetString() == "high");
        var (moved, newPlacement) = await PostAsync(_brokerage, $"/api/v1/placements/{placementId}/move",
            new { bedId = to, moveDate = Date(0), reasonPlaceChange = "CARPL", planned = true });
        var newId = newPlacement.GetProperty("placementId").GetGuid();
        var movedInLedger = await EventuallyAsync(async () =>
            (await LedgerBedAsync(to)).TryGetProperty("placement", out var p) && p.ValueKind == JsonValueKind.Object
            && p.GetProperty("placementId").GetGuid() == newId);
        var (_, old) = await GetAsync(_newham, $"/api/v1/placements/{placementId}");
        var leftInLedger = await LedgerBedAsync(from);

        Assert.Multiple(() =>
        {
            Assert.That(requested, Is.EqualTo(HttpStatusCode.Created), withRequest.ToString());
            Assert.That(providerDecides, Is.EqualTo(HttpStatusCode.Forbidden), "only brokerage decides");
            Assert.That(approved, Is.EqualTo(HttpStatusCode.OK), rebanded.ToString());
            Assert.That(rebanded.GetProperty("band").GetString(), Is.EqualTo("high"));
            Assert.That(rebandedInLedger, Is.True, "the bed ledger charges the new band");
            Assert.That(moved, Is.EqualTo(HttpStatusCode.Created), newPlacement.ToString());
            Assert.That(newPlacement.GetProperty("status").GetString(), Is.EqualTo("started"));
            Assert.That(newPlacement.GetProperty("band").GetString(), Is.EqualTo("high"));
            Assert.That(old.GetProperty("reasonEpisodeCeased").GetString(), Is.EqualTo("X1"));
            Assert.That(old.GetProperty("reasonPlaceChange").GetString(), Is.EqualTo("CARPL"));
            Assert.That(movedInLedger, Is.True, "the bed ledger shows the child in the new bed");
            Assert.That(leftInLedger.GetProperty("placement").GetProperty("endDate").GetString(), Is.EqualTo(Date(0)), "and the old bed empty from the move");
        });
    }

    private async Task<JsonElement> LedgerBedAsync(string bedId)
    {
        var (_, beds) = await GetAsync(_contractManager, "/api/v1/beds?pageSize=200");
        return beds.GetProperty("items").EnumerateArray().Single(b => b.GetProperty("bedId").GetString() == bedId);
    }
}
