using Commissioning.Brokerage.Referrals;

namespace Commissioning.Brokerage.Tests.Referrals;

public sealed class ReferralRulesTests
{
    private static readonly DateOnly Today = new(2026, 4, 1);

    private static IReadOnlyDictionary<string, string[]> Check(ReferralDetails details) => ReferralRules.Check(details, Today);

    [Test]
    public void Complete_details_can_be_submitted()
    {
        Assert.That(Check(ReferralExamples.Complete(Today)), Is.Empty);
    }

    [Test]
    public void Empty_details_name_every_required_field_and_no_optional_one()
    {
        var errors = Check(new ReferralDetails());
        var required = ReferralRules.StandardFields.Where(f => f.Required).Select(f => f.Name)
            .Concat(["dateOfBirth", "sex", "needBand", "needBandRationale", "requiredByDate", "homePostcodeDistrict"]);

        Assert.Multiple(() =>
        {
            Assert.That(errors.Keys, Is.EquivalentTo(required));
            Assert.That(errors.Keys, Does.Not.Contain("neededBy").And.Not.Contain("schoolPostcodeDistrict").And.Not.Contain("riskOther"));
            Assert.That(errors["communicationNeeds"][0], Does.Contain("\"Y\", \"N\" or \"Not Specified\""));
        });
    }

    [Test]
    public void A_draft_needs_nothing_but_what_it_gives_must_be_right()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReferralRules.Check(new ReferralDetails(), Today, draft: true), Is.Empty);
            Assert.That(ReferralRules.Check(new ReferralDetails { Pets = "yes" }, Today, draft: true).Keys, Is.EquivalentTo(new[] { "pets" }));
        });
    }

    [TestCase("neededBy", "today")]
    [TestCase("communicationNeeds", "Yes")]
    [TestCase("culturalNeeds", "not known")]
    [TestCase("livingCompanions", "Solo")]
    [TestCase("pets", "Yes")]
    [TestCase("additionalSupport", "Therapeutic support")]
    [TestCase("fosterCareSuitability", "preferred")]
    [TestCase("residentialCareSuitability", "Suitable")]
    [TestCase("supportedAccommodationSuitability", "No")]
    [TestCase("riskSelfHarm", "Risk present")]
    [TestCase("riskToOthersFire", "None")]
    public void An_option_not_written_exactly_as_the_standard_has_it_is_refused_naming_the_field(string field, string value)
    {
        var details = ReferralExamples.Complete(Today);
        var property = typeof(ReferralDetails).GetProperties().Single(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        var changed = details with { };
        property.SetValue(changed, value);

        var errors = Check(changed);

        Assert.Multiple(() =>
        {
            Assert.That(errors.Keys, Is.EquivalentTo(new[] { field }));
            Assert.That(errors[field][0], Does.Contain("written exactly so"));
        });
    }

    [Test]
    public void Specific_communication_requirements_need_at_least_one_known_option_and_none_stands_alone()
    {
        var details = ReferralExamples.Complete(Today);
        Assert.Multiple(() =>
        {
            Assert.That(Check(details with { SpecificCommunicationRequirements = [] }).Keys, Is.EquivalentTo(new[] { "specificCommunicationRequirements" }));
            Assert.That(Check(details with { SpecificCommunicationRequirements = ["Sign"] }).Keys, Is.EquivalentTo(new[] { "specificCommunicationRequirements" }));
            Assert.That(Check(details with { SpecificCommunicationRequirements = ["None", "BSL"] }).Keys, Is.EquivalentTo(new[] { "specificCommunicationRequirements" }));
            Assert.That(Check(details with { SpecificCommunicationRequirements = ["BSL", "Makaton"] }), Is.Empty);
        });
    }

    [Test]
    public void The_child_must_be_11_to_17_on_the_required_date()
    {
        var details = ReferralExamples.Complete(Today);
        var required = details.RequiredByDate!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(Check(details with { DateOfBirth = required.AddYears(-11) }), Is.Empty, "11 on the day");
            Assert.That(Check(details with { DateOfBirth = required.AddYears(-11).AddDays(1) }).Keys, Is.EquivalentTo(new[] { "dateOfBirth" }), "10 the day before the 11th birthday");
            Assert.That(Check(details with { DateOfBirth = required.AddYears(-18).AddDays(1) }), Is.Empty, "17 the day before the 18th birthday");
            Assert.That(Check(details with { DateOfBirth = required.AddYears(-18) }).Keys, Is.EquivalentTo(new[] { "dateOfBirth" }), "18 on the day");
            Assert.That(Check(details with { DateOfBirth = Today.AddDays(1) })["dateOfBirth"][0], Does.Contain("in the past"));
        });
    }

    [Test]
    public void Sex_need_band_and_rationale_take_only_their_codes()
    {
        var details = ReferralExamples.Complete(Today);
        Assert.Multiple(() =>
        {
            Assert.That(Check(details with { Sex = "F" }).Keys, Is.EquivalentTo(new[] { "sex" }));
            Assert.That(Check(details with { Sex = "other" }), Is.Empty);
            Assert.That(Check(details with { NeedBand = "very high" }).Keys, Is.EquivalentTo(new[] { "needBand" }));
            Assert.That(Check(details with { NeedBandRationale = "  " }).Keys, Is.EquivalentTo(new[] { "needBandRationale" }));
        });
    }

    [Test]
    public void The_required_date_cannot_be_in_the_past()
    {
        var details = ReferralExamples.Complete(Today);
        Assert.Multiple(() =>
        {
            Assert.That(Check(details with { RequiredByDate = Today }), Is.Empty);
            Assert.That(Check(details with { RequiredByDate = Today.AddDays(-1) }).Keys, Is.EquivalentTo(new[] { "requiredByDate" }));
        });
    }

    [TestCase("RM7", true)]
    [TestCase("E1", true)]
    [TestCase("EC1A", true)]
    [TestCase("n16", true)]
    [TestCase("RM7 0AG", false)]
    [TestCase("7RM", false)]
    [TestCase("Romford", false)]
    [TestCase("E", false)]
    public void Postcode_districts_are_outward_codes(string district, bool valid)
    {
        var details = ReferralExamples.Complete(Today);
        Assert.Multiple(() =>
        {
            Assert.That(Check(details with { HomePostcodeDistrict = district }).ContainsKey("homePostcodeDistrict"), Is.EqualTo(!valid));
            Assert.That(Check(details with { SchoolPostcodeDistrict = district }).ContainsKey("schoolPostcodeDistrict"), Is.EqualTo(!valid));
            Assert.That(Check(details with { LocationsToAvoid = ["E17", district] }).ContainsKey("locationsToAvoid"), Is.EqualTo(!valid));
        });
    }

    [Test]
    public void School_district_and_areas_to_avoid_are_optional()
    {
        Assert.That(Check(ReferralExamples.Complete(Today) with { SchoolPostcodeDistrict = null, LocationsToAvoid = null, NeededBy = null }), Is.Empty);
    }

    [Test]
    public void Tidying_upper_cases_districts_and_home_codes_and_drops_empty_items()
    {
        var tidy = ReferralRules.Normalise(new ReferralDetails { HomePostcodeDistrict = " rm7 ", LocationsToAvoid = ["e17", " ", "E17"], SiblingHomeCodes = ["home-10"] });
        Assert.Multiple(() =>
        {
            Assert.That(tidy.HomePostcodeDistrict, Is.EqualTo("RM7"));
            Assert.That(tidy.LocationsToAvoid, Is.EqualTo(new[] { "E17" }));
            Assert.That(tidy.SiblingHomeCodes, Is.EqualTo(new[] { "HOME-10" }));
        });
    }

    [Test]
    public void The_completeness_check_lists_what_is_missing_in_question_order()
    {
        var missing = Completeness.Of(ReferralExamples.Complete(Today) with { NeedBand = null, ChildId = null, Pets = null }, Today);
        Assert.That(missing.Select(m => m.Field), Is.EqualTo(new[] { "childId", "pets", "needBand" }));
    }

    [Test]
    public void Text_that_is_too_long_is_refused_in_words_naming_the_field()
    {
        var errors = Check(ReferralExamples.Complete(Today) with { ChildsViews = new string('x', 4001), ChildId = new string('1', 51) });
        Assert.Multiple(() =>
        {
            Assert.That(errors.Keys, Is.EquivalentTo(new[] { "childsViews", "childId" }));
            Assert.That(errors["childsViews"][0], Does.StartWith("The child's views must be 4,000 characters or fewer"));
        });
    }
}
