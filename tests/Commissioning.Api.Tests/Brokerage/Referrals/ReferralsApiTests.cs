using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Brokerage.Referrals;

/// <summary>Referrals through /api/v1 with a borough's keys and brokerage's: submission, scope, the worklist, return and resubmission.</summary>
public sealed class ReferralsApiTests : RunningHost
{
    private const string Newham = "E09000025";
    private const string Hackney = "E09000012";

    private HttpClient _newham = null!;
    private HttpClient _hackney = null!;
    private HttpClient _brokerage = null!;
    private HttpClient _contractManager = null!;
    private HttpClient _board = null!;

    [OneTimeSetUp]
    public async Task CreateKeys()
    {
        _newham = await Keys.ClientAsync(Newham, Roles.BoroughReferrer);
        _hackney = await Keys.ClientAsync(Hackney, Roles.BoroughReferrer);
        _brokerage = await Keys.ClientAsync(ApiKeys.LeadBorough, Roles.Brokerage);
        _contractManager = await Keys.ClientAsync(ApiKeys.LeadBorough, Roles.ContractManager);
        _board = await Keys.ClientAsync(Newham, Roles.BoardMember);
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        foreach (var client in new[] { _newham, _hackney, _brokerage, _contractManager, _board })
        {
            client.Dispose();
        }
    }

    private static string Date(int daysFromToday) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysFromToday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A complete referral body, flat, as api.md gives it.</summary>
    internal static JsonObject Body(string childId = "NEW-000123", string neededBy = "in more than 5 days") => new()
    {
        ["childId"] = childId,
        ["neededBy"] = neededBy,
        ["siblingCount"] = 0,
        ["preferredLocation"] = "East London",
        ["communicationNeeds"] = "N",
        ["specificCommunicationRequirements"] = new JsonArray("None"),
        ["homeAdaptation"] = false,
        ["culturalNeeds"] = "Not required",
        ["livingCompanions"] = "No preference",
        ["pets"] = "Yes - can",
        ["additionalSupport"] = "therapeutic support",
        ["deprivationOfLiberty"] = false,
        ["fosterCareSuitability"] = "Unsuitable",
        ["residentialCareSuitability"] = "Preferred",
        ["supportedAccommodationSuitability"] = "Unsuitable",
        ["riskSelfHarm"] = "No known risk",
        ["riskSexualExploitation"] = "No known risk",
        ["riskCriminalExploitation"] = "Risk Present",
        ["riskDrugAlcohol"] = "No known risk",
        ["riskEatingDisorder"] = "No known risk",
        ["riskMissing"] = "Risk Present",
        ["riskToOthersPhysical"] = "No known risk",
        ["riskToOthersSexual"] = "No known risk",
        ["riskToOthersFire"] = "No known risk",
        ["riskToOthersAnimals"] = "No known risk",
        ["riskToOthersCriminal"] = "No known risk",
        ["dateOfBirth"] = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["sex"] = "female",
        ["needBand"] = "high",
        ["needBandRationale"] = "Missing episodes and exploitation concerns need a waking night.",
        ["requiredByDate"] = Date(10),
        ["homePostcodeDistrict"] = "E13",
        ["schoolPostcodeDistrict"] = "E15",
        ["locationsToAvoid"] = new JsonArray("E17"),
        ["childsViews"] = "I want to stay at my school.",
    };

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, JsonNode? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
    }

    private static Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, string path, JsonNode? body = null, string? key = null) =>
        SendAsync(client, HttpMethod.Post, path, body ?? new JsonObject(), key);

    private static Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(HttpClient client, string path) => SendAsync(client, HttpMethod.Get, path);

    private async Task<long> CountReferralsAsync()
    {
        var (_, page) = await GetAsync(_brokerage, "/api/v1/referrals?pageSize=1");
        return page.GetProperty("total").GetInt64();
    }

    [Test]
    public async Task A_borough_submits_a_referral_another_borough_cannot_see_and_brokerage_finds_on_its_worklist()
    {
        var (created, referral) = await PostAsync(_newham, "/api/v1/referrals", Body());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), referral.ToString());
        var id = referral.GetProperty("id").GetString()!;

        var (own, _) = await GetAsync(_newham, $"/api/v1/referrals/{id}");
        var (other, _) = await GetAsync(_hackney, $"/api/v1/referrals/{id}");
        var (otherHistory, _) = await GetAsync(_hackney, $"/api/v1/referrals/{id}/history");
        var (otherClose, _) = await PostAsync(_hackney, $"/api/v1/referrals/{id}/close", new JsonObject { ["reason"] = "withdrawn" });
        var (_, hackneyList) = await GetAsync(_hackney, "/api/v1/referrals");
        var (_, newhamList) = await GetAsync(_newham, "/api/v1/referrals?status=submitted");
        var (_, worklist) = await GetAsync(_brokerage, "/api/v1/worklist");
        var (contractManagerList, _) = await GetAsync(_contractManager, "/api/v1/referrals");
        var (boardList, _) = await GetAsync(_board, "/api/v1/referrals");
        var (boroughWorklist, _) = await GetAsync(_newham, "/api/v1/worklist");

        Assert.Multiple(() =>
        {
            Assert.That(created.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/referrals/{id}"));
            Assert.That(referral.GetProperty("status").GetString(), Is.EqualTo("submitted"));
            Assert.That(referral.GetProperty("reference").GetString(), Does.Match(@"^R-\d\d-[2-9A-HJ-NP-Z]{6}$"));
            Assert.That(referral.GetProperty("homePostcodeDistrict").GetString(), Is.EqualTo("E13"), "the fields come back flat, as sent");
            Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherHistory.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherClose.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(hackneyList.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()), Does.Not.Contain(id));
            Assert.That(newhamList.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()), Does.Contain(id));
            var item = worklist.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);
            Assert.That(item.GetProperty("clock").GetString(), Does.EndWith("left"));
            Assert.That(item.GetProperty("nextAction").GetString(), Is.Not.Empty);
            Assert.That(contractManagerList.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(boardList.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(boroughWorklist.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task Brokerage_returns_a_referral_and_the_borough_answers_and_resubmits()
    {
        var (_, referral) = await PostAsync(_newham, "/api/v1/referrals", Body("NEW-RETURN"));
        var id = referral.GetProperty("id").GetString()!;

        var (assigned, afterAssign) = await PostAsync(_brokerage, $"/api/v1/referrals/{id}/assign");
        var (returned, afterReturn) = await PostAsync(_brokerage, $"/api/v1/referrals/{id}/return", new JsonObject { ["question"] = "Is the school place confirmed?" });
        var (_, seenByBorough) = await GetAsync(_newham, $"/api/v1/referrals/{id}");
        var (badAnswer, badAnswerBody) = await PostAsync(_newham, $"/api/v1/referrals/{id}/resubmit", new JsonObject { ["answer"] = "Yes", ["pets"] = "perhaps" });
        var (resubmitted, afterResubmit) = await PostAsync(_newham, $"/api/v1/referrals/{id}/resubmit", new JsonObject { ["answer"] = "Yes, confirmed.", ["needBand"] = "specialist" });
        var (_, history) = await GetAsync(_newham, $"/api/v1/referrals/{id}/history");

        Assert.Multiple(() =>
        {
            Assert.That(assigned.StatusCode, Is.EqualTo(HttpStatusCode.OK), afterAssign.ToString());
            Assert.That(afterAssign.GetProperty("assigneePersonId").GetString(), Is.Not.Empty);
            Assert.That(returned.StatusCode, Is.EqualTo(HttpStatusCode.OK), afterReturn.ToString());
            Assert.That(seenByBorough.GetProperty("status").GetString(), Is.EqualTo("returned"));
            Assert.That(seenByBorough.GetProperty("returnedQuestion").GetString(), Is.EqualTo("Is the school place confirmed?"));
            Assert.That(badAnswer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(badAnswerBody.GetProperty("errors").TryGetProperty("pets", out _), badAnswerBody.ToString());
            Assert.That(resubmitted.StatusCode, Is.EqualTo(HttpStatusCode.OK), afterResubmit.ToString());
            Assert.That(afterResubmit.GetProperty("status").GetString(), Is.EqualTo("submitted"));
            Assert.That(afterResubmit.GetProperty("needBand").GetString(), Is.EqualTo("specialist"));
            Assert.That(afterResubmit.GetProperty("homePostcodeDistrict").GetString(), Is.EqualTo("E13"));
            Assert.That(history.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("status").GetString()),
                Is.EqualTo(new[] { "submitted", "submitted", "returned", "submitted" }));
        });
    }

    [Test]
    public async Task Invalid_bodies_are_refused_naming_each_field_and_store_nothing()
    {
        var before = await CountReferralsAsync();
        var wrongValues = Body();
        wrongValues["pets"] = "Yes";
        wrongValues["sex"] = "F";
        wrongValues.Remove("needBandRationale");
        wrongValues["homePostcodeDistrict"] = "Romford";
        var unknownField = Body();
        unknownField["favouriteColour"] = "blue";
        var wrongType = Body();
        wrongType["siblingCount"] = "two";
        var wrongDate = Body();
        wrongDate["requiredByDate"] = "next week";

        var (values, valuesBody) = await PostAsync(_newham, "/api/v1/referrals", wrongValues);
        var (unknown, unknownBody) = await PostAsync(_newham, "/api/v1/referrals", unknownField);
        var (type, typeBody) = await PostAsync(_newham, "/api/v1/referrals", wrongType);
        var (date, dateBody) = await PostAsync(_newham, "/api/v1/referrals", wrongDate);
        var (notObject, _) = await SendAsync(_newham, HttpMethod.Post, "/api/v1/referrals", JsonValue.Create("referral"));

        Assert.Multiple(async () =>
        {
            Assert.That(values.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(valuesBody.GetProperty("errors").EnumerateObject().Select(e => e.Name),
                Is.EquivalentTo(new[] { "pets", "sex", "needBandRationale", "homePostcodeDistrict" }));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(unknownBody.GetProperty("errors").TryGetProperty("favouriteColour", out _), unknownBody.ToString());
            Assert.That(type.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(typeBody.GetProperty("errors").TryGetProperty("siblingCount", out _), typeBody.ToString());
            Assert.That(date.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(dateBody.GetProperty("errors").TryGetProperty("requiredByDate", out _), dateBody.ToString());
            Assert.That(notObject.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await CountReferralsAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task The_same_idempotency_key_gives_the_first_answer_and_makes_one_referral()
    {
        var before = await CountReferralsAsync();
        var key = Guid.NewGuid().ToString();
        var (first, firstBody) = await PostAsync(_newham, "/api/v1/referrals", Body("NEW-IDEM"), key);
        var (second, secondBody) = await PostAsync(_newham, "/api/v1/referrals", Body("NEW-IDEM"), key);

        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(secondBody.GetProperty("id").GetString(), Is.EqualTo(firstBody.GetProperty("id").GetString()));
            Assert.That(await CountReferralsAsync(), Is.EqualTo(before + 1));
        });
    }

    [Test]
    public async Task A_draft_is_built_up_checked_for_completeness_and_submitted()
    {
        var (created, draft) = await PostAsync(_newham, "/api/v1/referrals/drafts", new JsonObject { ["childId"] = "NEW-DRAFT" });
        var id = draft.GetProperty("id").GetString()!;
        var (_, incomplete) = await GetAsync(_newham, $"/api/v1/referrals/{id}/completeness");
        var (tooEarly, tooEarlyBody) = await PostAsync(_newham, $"/api/v1/referrals/{id}/submit");
        var (saved, _) = await SendAsync(_newham, HttpMethod.Put, $"/api/v1/referrals/{id}/draft", Body("NEW-DRAFT"));
        var (_, complete) = await GetAsync(_newham, $"/api/v1/referrals/{id}/completeness");
        var (submitted, submittedBody) = await PostAsync(_newham, $"/api/v1/referrals/{id}/submit");
        var (_, worklist) = await GetAsync(_brokerage, "/api/v1/worklist?borough=E09000025");

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(draft.GetProperty("status").GetString(), Is.EqualTo("draft"));
            Assert.That(incomplete.GetProperty("complete").GetBoolean(), Is.False);
            Assert.That(incomplete.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("field").GetString()), Does.Contain("needBand"));
            Assert.That(tooEarly.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(tooEarlyBody.GetProperty("errors").TryGetProperty("dateOfBirth", out _));
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(complete.GetProperty("complete").GetBoolean(), Is.True);
            Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.OK), submittedBody.ToString());
            Assert.That(submittedBody.GetProperty("status").GetString(), Is.EqualTo("submitted"));
            Assert.That(worklist.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()), Does.Contain(id));
        });
    }

    [Test]
    public async Task A_stale_if_match_is_refused_with_409_and_changes_nothing()
    {
        var (_, referral) = await PostAsync(_newham, "/api/v1/referrals", Body("NEW-ETAG"));
        var id = referral.GetProperty("id").GetString()!;
        var (read, _) = await GetAsync(_brokerage, $"/api/v1/referrals/{id}");
        await PostAsync(_brokerage, $"/api/v1/referrals/{id}/assign");

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/referrals/{id}/return")
        {
            Content = new StringContent("{\"question\":\"Which school?\"}", Encoding.UTF8, "application/json"),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        using var refused = await _brokerage.SendAsync(stale);
        var (_, after) = await GetAsync(_brokerage, $"/api/v1/referrals/{id}");

        Assert.Multiple(() =>
        {
            Assert.That(read.Headers.ETag!.Tag, Is.EqualTo("\"1\""));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("submitted"));
        });
    }

    [Test]
    public async Task An_unknown_status_filter_is_a_400_naming_status()
    {
        var (list, listBody) = await GetAsync(_newham, "/api/v1/referrals?status=pending");
        var (worklist, worklistBody) = await GetAsync(_brokerage, "/api/v1/worklist?status=placed");

        Assert.Multiple(() =>
        {
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(listBody.GetProperty("errors").TryGetProperty("status", out _), listBody.ToString());
            Assert.That(worklist.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(worklistBody.GetProperty("errors").TryGetProperty("status", out _), worklistBody.ToString());
        });
    }
}
