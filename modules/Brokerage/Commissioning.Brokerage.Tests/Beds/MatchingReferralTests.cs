using Commissioning.Brokerage.Beds;
using Commissioning.Brokerage.Matching;
using Commissioning.Brokerage.Referrals;

namespace Commissioning.Brokerage.Tests.Beds;

public sealed class MatchingReferralTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_submitted_referral_gives_the_engine_its_band_risks_solo_need_districts_and_siblings()
    {
        var details = BrokerageFeed.Child() with
        {
            NeededBy = "Today",
            LivingCompanions = MatchingReferrals.SoloPlacementRecommended,
            RiskMissing = "Risk Present",
            RiskToOthersFire = "Risk Present",
            SchoolPostcodeDistrict = "IG11",
            LocationsToAvoid = ["e17 "],
            SiblingHomeCodes = ["home-01", "HOME-GONE"],
            SpecialismsWanted = ["trauma-informed care"],
        };

        var (referral, missing) = MatchingReferrals.From("R-26-AAAAAA", details, Submitted,
            new Dictionary<string, GeoPoint>(StringComparer.OrdinalIgnoreCase) { ["HOME-01"] = new(51.5790, 0.1830) });

        Assert.Multiple(() =>
        {
            Assert.That(missing, Is.Null);
            Assert.That(referral!.Band, Is.EqualTo(NeedBand.Medium));
            Assert.That(referral.NeededBy, Is.EqualTo(NeededBy.Today));
            Assert.That(referral.SoloPlacementNeeded, Is.True);
            Assert.That(referral.Risks, Is.EqualTo(Risks.Missing | Risks.ToOthersFire));
            Assert.That(referral.HomeLocation, Is.EqualTo(new GeoPoint(51.5690, 0.1690)), "RM7's centroid");
            Assert.That(referral.SchoolLocation, Is.EqualTo(new GeoPoint(51.5360, 0.0860)), "IG11's centroid");
            Assert.That(referral.AreasToAvoid, Is.EqualTo(new[] { "E17" }));
            Assert.That(referral.Siblings, Is.EqualTo(new[] { new Sibling("HOME-01", new GeoPoint(51.5790, 0.1830)) }), "a sibling's home Brokerage does not know is left out");
            Assert.That(referral.WaitingSince, Is.EqualTo(Submitted));
        });
    }

    [Test]
    public void A_draft_without_the_details_matching_needs_says_what_is_missing()
    {
        var (referral, missing) = MatchingReferrals.From("R-26-AAAAAA", new ReferralDetails { HomePostcodeDistrict = "ZZ99" }, null,
            new Dictionary<string, GeoPoint>());

        Assert.Multiple(() =>
        {
            Assert.That(referral, Is.Null);
            Assert.That(missing, Is.EqualTo("Referral R-26-AAAAAA cannot be matched yet: it needs the need band, the date of birth, the child's sex, "
                + "the required-by date, a submission (it is still a draft), a home postcode district we know where to find (ZZ99 is not one)."));
        });
    }
}
