using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Brokerage.Referrals;

/// <summary>The referral pages as people use them: the question flow page by page, checking answers, submitting, and brokerage's worklist and return.</summary>
public sealed partial class ReferralPagesTests : RunningHost
{
    private const string Newham = "E09000025";
    private const string Havering = "E09000016";

    private WebSession _referrer = null!;
    private WebSession _broker = null!;
    private WebSession _otherBorough = null!;

    [OneTimeSetUp]
    public async Task SignIn()
    {
        (_referrer, _, _, _) = await Keys.SignedInPersonAsync(Newham, Roles.BoroughReferrer);
        (_broker, _, _, _) = await Keys.SignedInPersonAsync(Havering, Roles.Brokerage);
        (_otherBorough, _, _, _) = await Keys.SignedInPersonAsync("E09000012", Roles.BoroughReferrer);
    }

    [OneTimeTearDown]
    public void SignOut()
    {
        _referrer.Dispose();
        _broker.Dispose();
        _otherBorough.Dispose();
    }

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);

    private static (string, string)[] DateParts(string name, DateOnly date) =>
    [
        ($"{name}-day", date.Day.ToString(CultureInfo.InvariantCulture)), ($"{name}-month", date.Month.ToString(CultureInfo.InvariantCulture)),
        ($"{name}-year", date.Year.ToString(CultureInfo.InvariantCulture)),
    ];

    [Test]
    public async Task A_referrer_walks_the_question_flow_checks_the_answers_and_submits_and_brokerage_returns_it_from_the_worklist()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (_, first) = await _referrer.PostFormAsync("/referrals/new", Fields([
            ("childId", "NEW-PAGES-1"), .. DateParts("dateOfBirth", today.AddYears(-15)), ("sex", "male"), ("siblingCount", "0"), ("siblingHomeCodes", "")]));
        var path = _referrer.LastAddress!.AbsolutePath;
        Assert.That(path, Does.Match("^/referrals/[0-9a-f-]{36}/questions/urgency$"), first);
        var referral = path[..path.LastIndexOf("/questions", StringComparison.Ordinal)];

        var (_, impossibleDate) = await _referrer.PostFormAsync($"{referral}/questions/urgency", Fields(("requiredByDate-day", "31"), ("requiredByDate-month", "2"), ("requiredByDate-year", "2030")));
        await _referrer.PostFormAsync($"{referral}/questions/urgency", Fields([("neededBy", "in less than 5 days"), .. DateParts("requiredByDate", today.AddDays(7))]));
        var (_, wrongDistrict) = await _referrer.PostFormAsync($"{referral}/questions/where", Fields(("homePostcodeDistrict", "Romford")));
        var stayedOnWhere = _referrer.LastAddress!.AbsolutePath;
        await _referrer.PostFormAsync($"{referral}/questions/where", Fields(("homePostcodeDistrict", "rm7"), ("schoolPostcodeDistrict", "IG11"), ("locationsToAvoid", "E17, N16")));
        await _referrer.PostFormAsync($"{referral}/questions/needs", Fields(
            ("communicationNeeds", "N"), ("specificCommunicationRequirements", "None"), ("homeAdaptation", "false"), ("culturalNeeds", "Not required"),
            ("livingCompanions", "No preference"), ("pets", "Yes - can"), ("additionalSupport", "therapeutic support"), ("deprivationOfLiberty", "false")));
        var (_, checkTooEarly) = await _referrer.GetAsync($"{referral}/check");
        var risks = new[]
        {
            "riskSelfHarm", "riskSexualExploitation", "riskCriminalExploitation", "riskDrugAlcohol", "riskEatingDisorder", "riskMissing",
            "riskToOthersPhysical", "riskToOthersSexual", "riskToOthersFire", "riskToOthersAnimals", "riskToOthersCriminal",
        };
        await _referrer.PostFormAsync($"{referral}/questions/risks", risks.ToDictionary(r => r, r => r == "riskMissing" ? "Risk Present" : "No known risk"));
        await _referrer.PostFormAsync($"{referral}/questions/recommendation", Fields(
            ("fosterCareSuitability", "Unsuitable"), ("residentialCareSuitability", "Preferred"), ("supportedAccommodationSuitability", "Not specified")));
        await _referrer.PostFormAsync($"{referral}/questions/views", Fields(("childsViews", "Near my brother please.")));
        var (_, check) = await _referrer.PostFormAsync($"{referral}/questions/band", Fields(("needBand", "medium"), ("needBandRationale", "Stable at school; needs a consistent adult.")));
        var checkPath = _referrer.LastAddress!.AbsolutePath;
        var (_, confirmation) = await _referrer.PostFormAsync($"{referral}/check", Fields());
        var reference = ReferenceShown().Match(confirmation).Groups[1].Value;

        var (_, worklist) = await _broker.GetAsync("/brokerage/worklist");
        var (hidden, _) = await _otherBorough.GetAsync(referral);
        await _broker.PostFormAsync($"{referral}?handler=assign", Fields(), pageToReadTokenFrom: referral);
        await _broker.PostFormAsync($"{referral}?handler=return", Fields(("question", "Which school year is the child in?")), pageToReadTokenFrom: referral);
        var (_, returned) = await _referrer.GetAsync(referral);
        await _referrer.PostFormAsync($"{referral}/questions/band", Fields(("needBand", "high"), ("needBandRationale", "Year 10, and now needs a waking night.")));
        var afterChange = _referrer.LastAddress!.AbsolutePath;
        var (_, resubmitted) = await _referrer.PostFormAsync($"{referral}?handler=resubmit", Fields(("answer", "Year 10.")), pageToReadTokenFrom: referral);

        Assert.Multiple(() =>
        {
            Assert.That(WebSession.ErrorSummaryText(impossibleDate), Does.Contain("must be a real date"));
            Assert.That(stayedOnWhere, Is.EqualTo($"{referral}/questions/where"));
            Assert.That(WebSession.ErrorSummaryText(wrongDistrict), Does.Contain("postcode district of the child's home"));
            Assert.That(checkTooEarly, Does.Contain("The referral is not complete yet"));
            Assert.That(checkTooEarly, Does.Contain("href=\"" + referral + "/questions/risks#riskSelfHarm\""));
            Assert.That(checkTooEarly, Does.Not.Contain("Submit referral"));
            Assert.That(checkPath, Is.EqualTo($"{referral}/check"));
            Assert.That(check, Does.Not.Contain("The referral is not complete yet"));
            Assert.That(check, Does.Contain("RM7"));
            Assert.That(check, Does.Contain("Submit referral"));
            Assert.That(_referrer.LastAddress!.AbsolutePath, Is.EqualTo(referral), "after answering, the referral page again");
            Assert.That(confirmation, Does.Contain("govuk-panel--confirmation"));
            Assert.That(reference, Does.Match(@"^R-\d\d-[2-9A-HJ-NP-Z]{6}$"));
            Assert.That(worklist, Does.Contain(reference));
            Assert.That(hidden.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(returned, Does.Contain("Which school year is the child in?"));
            Assert.That(returned, Does.Contain("Answer and resubmit"));
            Assert.That(returned, Does.Contain("change the referral&#x27;s answers").Or.Contain("change the referral's answers"));
            Assert.That(afterChange, Is.EqualTo(referral), "the last page of a returned referral's answers goes back to the referral");
            Assert.That(resubmitted, Does.Contain("Details changed by the borough"));
            Assert.That(resubmitted, Does.Contain("Year 10, and now needs a waking night."));
            Assert.That(resubmitted, Does.Contain("Resubmitted with an answer: Year 10."));
            Assert.That(resubmitted, Does.Contain("Assigned to"));
        });
    }

    [Test]
    public async Task The_referrals_list_shows_a_borough_its_drafts_and_the_menu_offers_referrals_and_the_worklist()
    {
        await _referrer.PostFormAsync("/referrals/new", Fields(("childId", "NEW-PAGES-LIST")));
        var (_, list) = await _referrer.GetAsync("/referrals");
        var (_, brokerHome) = await _broker.GetAsync("/");

        Assert.Multiple(() =>
        {
            Assert.That(list, Does.Contain("NEW-PAGES-LIST"));
            Assert.That(list, Does.Contain("Start a new referral"));
            Assert.That(brokerHome, Does.Contain("href=\"/brokerage/worklist\""));
            Assert.That(brokerHome, Does.Contain("href=\"/referrals\""));
        });
    }

    [GeneratedRegex("<strong id=\"reference\">([^<]+)</strong>")]
    private static partial Regex ReferenceShown();
}
