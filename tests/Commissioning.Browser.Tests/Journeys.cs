using System.Globalization;
using System.Text.RegularExpressions;
using Commissioning.BuildingBlocks.Identity;
using Microsoft.Playwright;

namespace Commissioning.Browser.Tests;

/// <summary>
/// The journeys that must always work, through the pages, each person in their own browser: a partner borough's
/// referrer submits a referral; brokerage shortlists it, offers a bed and records the placement; the provider accepts.
/// Every page visited is checked with axe and saved as a screenshot under artifacts/screenshots/journeys.
/// </summary>
public sealed partial class Journeys
{
    private const string Group = "journeys";
    private const string DemoProviderHomes = "a[href*='bedId=HOME-01'], a[href*='bedId=HOME-02'], a[href*='bedId=HOME-03'], a[href*='bedId=HOME-04']";

    [Test]
    public async Task A_borough_refers_a_child_brokerage_offers_a_bed_the_provider_accepts_and_brokerage_records_the_start()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var referrerContext = await Pages.NewContextAsync();
        var referrer = await referrerContext.NewPageAsync();
        await SignIn.AsAsync(referrer, Harness.AccountFor(Roles.BoroughReferrer));

        // 1. The borough's referrer: the question flow, a topic a page, then check the answers and submit.
        await referrer.GotoAsync("/referrals/new");
        await CheckedAsync(referrer, "1-about-the-child");
        await FillAsync(referrer, ("childId", "JOURNEY-1"), ("dateOfBirth-day", "14"), ("dateOfBirth-month", "3"),
            ("dateOfBirth-year", today.AddYears(-14).Year.ToString(CultureInfo.InvariantCulture)), ("sex", "male"), ("siblingCount", "0"));
        await SaveAndContinueAsync(referrer);
        var requiredBy = today.AddDays(10);
        await FillAsync(referrer, ("neededBy", "in more than 5 days"), ("requiredByDate-day", requiredBy.Day.ToString(CultureInfo.InvariantCulture)),
            ("requiredByDate-month", requiredBy.Month.ToString(CultureInfo.InvariantCulture)), ("requiredByDate-year", requiredBy.Year.ToString(CultureInfo.InvariantCulture)));
        await SaveAndContinueAsync(referrer);
        await FillAsync(referrer, ("homePostcodeDistrict", "RM7"), ("schoolPostcodeDistrict", "RM3"));
        await SaveAndContinueAsync(referrer);
        await FillAsync(referrer, ("communicationNeeds", "N"), ("specificCommunicationRequirements", "None"), ("homeAdaptation", "false"),
            ("culturalNeeds", "Not required"), ("livingCompanions", "No preference"), ("pets", "Yes - can"), ("additionalSupport", "NA"),
            ("deprivationOfLiberty", "false"));
        await SaveAndContinueAsync(referrer);
        await FillAsync(referrer, [.. RiskFields.Select(r => (r, "No known risk"))]);
        await SaveAndContinueAsync(referrer);
        await FillAsync(referrer, ("fosterCareSuitability", "Suitable but not preferred"), ("residentialCareSuitability", "Preferred"),
            ("supportedAccommodationSuitability", "Unsuitable"));
        await SaveAndContinueAsync(referrer);
        await FillAsync(referrer, ("childsViews", "I want to stay at my school in Harold Hill and see my nan at weekends."));
        await SaveAndContinueAsync(referrer);
        await FillAsync(referrer, ("needBand", "low"), ("needBandRationale", "Settled at school; needs a steady home after a family breakdown."));
        await SaveAndContinueAsync(referrer);
        Assert.That(new Uri(referrer.Url).AbsolutePath, Does.EndWith("/check"), "the last topic leads to checking the answers");
        await CheckedAsync(referrer, "2-check-your-answers");
        await referrer.GetByRole(AriaRole.Button, new() { Name = "Submit referral" }).ClickAsync();
        await Expect(referrer.Locator(".govuk-panel--confirmation")).ToBeVisibleAsync();
        var reference = Reference().Match(await referrer.Locator(".govuk-panel--confirmation").InnerTextAsync()).Value;
        Assert.That(reference, Does.Match(@"^R-\d\d-"), "the confirmation shows the referral's reference");
        await CheckedAsync(referrer, "3-submitted");

        // 2. Brokerage: the worklist, the referral, its shortlist, and an offer of one of the demo provider's beds.
        await using var brokerageContext = await Pages.NewContextAsync();
        var brokerage = await brokerageContext.NewPageAsync();
        await SignIn.AsAsync(brokerage, Harness.AccountFor(Roles.Brokerage));
        await brokerage.GotoAsync("/brokerage/worklist");
        await CheckedAsync(brokerage, "4-worklist");
        await brokerage.Locator("main").GetByRole(AriaRole.Link, new() { Name = reference }).First.ClickAsync();
        await CheckedAsync(brokerage, "5-referral");
        var referralPath = new Uri(brokerage.Url).AbsolutePath;
        await brokerage.GotoAsync($"{referralPath}/shortlist");
        await CheckedAsync(brokerage, "6-shortlist");
        await brokerage.Locator(DemoProviderHomes).First.ClickAsync();
        await CheckedAsync(brokerage, "7-make-the-offer");
        await brokerage.GetByRole(AriaRole.Button, new() { Name = "Make the offer" }).ClickAsync();
        Assert.That(new Uri(brokerage.Url).AbsolutePath, Does.Match("^/offers/[0-9a-f-]{36}$"), "making the offer opens it");
        var offerPath = new Uri(brokerage.Url).AbsolutePath;
        await CheckedAsync(brokerage, "8-offer-made");

        // 3. The provider: its offers, the offer (a pseudonymous reference, no child id), accepted with a start and a visit.
        await using var providerContext = await Pages.NewContextAsync();
        var provider = await providerContext.NewPageAsync();
        await SignIn.AsAsync(provider, Harness.AccountFor(Roles.Provider));
        await provider.GotoAsync("/offers");
        await CheckedAsync(provider, "9-provider-offers");
        await provider.GotoAsync(offerPath);
        await Expect(provider.Locator("main")).ToContainTextAsync(reference);
        await Expect(provider.Locator("main")).Not.ToContainTextAsync("JOURNEY-1");
        await CheckedAsync(provider, "10-provider-offer");
        var start = today.AddDays(7);
        await FillAsync(provider, ("plannedStartDate", Iso(start)), ("prePlacementVisitDate", Iso(today.AddDays(3))));
        await provider.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(provider.Locator("main")).ToContainTextAsync("Agreed, not started");
        await CheckedAsync(provider, "11-accepted");

        // 4. Brokerage records the start on the placement.
        await brokerage.GotoAsync(offerPath);
        await brokerage.Locator("main a[href^='/placements/']").First.ClickAsync();
        await CheckedAsync(brokerage, "12-placement-agreed");
        await FillAsync(brokerage, ("startDate", Iso(today)));
        await brokerage.GetByRole(AriaRole.Button, new() { Name = "Record the start" }).ClickAsync();
        await Expect(brokerage.Locator("main")).ToContainTextAsync("Started");
        await CheckedAsync(brokerage, "13-placement-started");

        // The borough sees its child placed.
        await referrer.GotoAsync(referralPath);
        await Expect(referrer.Locator("main")).ToContainTextAsync("Placed");
        await CheckedAsync(referrer, "14-borough-sees-the-placement");
    }

    private static readonly string[] RiskFields =
    [
        "riskSelfHarm", "riskSexualExploitation", "riskCriminalExploitation", "riskDrugAlcohol", "riskEatingDisorder", "riskMissing",
        "riskToOthersPhysical", "riskToOthersSexual", "riskToOthersFire", "riskToOthersAnimals", "riskToOthersCriminal",
    ];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Fills the main content's form fields by name, as a person would: text typed, the radio or checkbox with that value ticked, the option chosen.</summary>
    private static async Task FillAsync(IPage page, params (string Name, string Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            var field = page.Locator($"main [name='{name}']");
            var type = await field.First.GetAttributeAsync("type");
            var tag = await field.First.EvaluateAsync<string>("e => e.tagName");
            if (type is "radio" or "checkbox")
            {
                await page.Locator($"main input[name='{name}'][value='{value}']").CheckAsync();
            }
            else if (tag == "SELECT")
            {
                await field.First.SelectOptionAsync(value);
            }
            else
            {
                await field.First.FillAsync(value);
            }
        }
    }

    private static async Task SaveAndContinueAsync(IPage page)
    {
        var before = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        var errors = await page.Locator(".govuk-error-summary").AllInnerTextsAsync();
        Assert.That(errors, Is.Empty, $"{before} refused the answers: {string.Join(" ", errors)}");
        await CheckedAsync(page, "question-" + new Uri(before).AbsolutePath.Split('/')[^1]);
    }

    private static async Task CheckedAsync(IPage page, string name)
    {
        await Screenshots.SaveAsync(page, Group, name);
        var violations = await Axe.ViolationsAsync(page);
        Assert.That(violations, Is.Empty, $"axe found WCAG 2.2 A/AA violations on {page.Url}:\n{string.Join("\n", violations)}");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [GeneratedRegex(@"R-\d\d-[2-9A-HJ-NP-Z]{6}")]
    private static partial Regex Reference();
}
