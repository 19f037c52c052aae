using System.Text.Json;
using Commissioning.Brokerage.Placements;
using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Brokerage.Tests.Placements;

public sealed class PlacementRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 4, 1);

    private static PlacementReferral Referral(string status = "submitted") =>
        new(Guid.NewGuid(), "R-26-AAAAAA", "E09000016", status, new ReferralDetails { NeedBand = "medium" }, 1);

    private static ContractedBed Bed(string? vacancy = "available", bool lapsed = false, bool inContract = true) =>
        new("B1", "HOME-01", "PRV-A", "medium", inContract, vacancy, Today, lapsed);

    private static void Offer(PlacementReferral? referral = null, bool openOffer = false, ContractedBed? bed = null, BedHoldState? state = null,
        DateTimeOffset? respondBy = null, string bedId = "B1") =>
        OfferRules.CheckOffer(referral ?? Referral(), openOffer, bed, bedId, state ?? BedHoldState.Initial, respondBy ?? Now.AddDays(2), Now);

    [Test]
    public void A_free_confirmed_contracted_bed_can_be_offered_for_a_waiting_referral() =>
        Assert.DoesNotThrow(() => Offer(bed: Bed()));

    [Test]
    public void A_bed_held_by_an_offer_or_a_placement_is_a_conflict()
    {
        var held = BedHoldState.Initial.Apply(new BedOffered("B1", Guid.NewGuid(), Guid.NewGuid(), "R", "E", "PRV-A", "HOME-01", Now, Now.AddDays(1)));
        var occupied = BedHoldState.Initial.Apply(new BedOccupiedByPlacement("B1", Guid.NewGuid(), "E", Today, Now));
        var released = held.Apply(new BedOfferReleased("B1", held.OfferId!.Value, "declined", Now));

        Assert.Multiple(() =>
        {
            Assert.Throws<ConflictException>(() => Offer(bed: Bed(), state: held));
            Assert.Throws<ConflictException>(() => Offer(bed: Bed(), state: occupied));
            Assert.That(released.IsFree);
        });
    }

    [Test]
    public void A_bed_held_by_an_offer_past_its_deadline_is_still_held_until_the_offer_lapses_and_says_so()
    {
        var overdue = BedHoldState.Initial.Apply(new BedOffered("B1", Guid.NewGuid(), Guid.NewGuid(), "R", "E", "PRV-A", "HOME-01", Now.AddDays(-2), Now.AddMinutes(-1)));

        var refusal = Assert.Throws<ConflictException>(() => Offer(bed: Bed(), state: overdue));

        Assert.That(refusal!.Message, Does.Contain("deadline has passed"));
    }

    [Test]
    public void An_unconfirmed_unavailable_or_lapsed_bed_is_a_conflict()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ConflictException>(() => Offer(bed: Bed(vacancy: null)));
            Assert.Throws<ConflictException>(() => Offer(bed: Bed(vacancy: "unavailable")));
            Assert.Throws<ConflictException>(() => Offer(bed: Bed(lapsed: true)));
        });
    }

    [Test]
    public void A_bed_that_is_not_contracted_is_invalid_input_naming_the_bed()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<RequestValidationException>(() => Offer(bed: null))!.Errors.Keys, Is.EqualTo(new[] { "bedId" }));
            Assert.That(Assert.Throws<RequestValidationException>(() => Offer(bed: Bed(inContract: false)))!.Errors.Keys, Is.EqualTo(new[] { "bedId" }));
        });
    }

    [Test]
    public void A_referral_that_is_not_waiting_or_already_has_an_open_offer_is_a_conflict()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ConflictException>(() => Offer(bed: Bed(), openOffer: true));
            Assert.Throws<ConflictException>(() => Offer(referral: Referral("returned"), bed: Bed()));
            Assert.Throws<ConflictException>(() => Offer(referral: Referral("placed"), bed: Bed()));
        });
    }

    [Test]
    public void The_deadline_must_be_in_the_future_and_within_14_days()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<RequestValidationException>(() => Offer(bed: Bed(), respondBy: Now));
            Assert.Throws<RequestValidationException>(() => Offer(bed: Bed(), respondBy: Now.AddDays(15)));
        });
    }

    [Test]
    public void The_default_deadline_is_4_hours_for_today_and_2_working_days_otherwise_bank_holidays_excluded()
    {
        var friday = new DateTimeOffset(2026, 4, 17, 10, 0, 0, TimeSpan.Zero);
        var goodFriday = new DateTimeOffset(2026, 4, 3, 10, 0, 0, TimeSpan.Zero);
        var christmasEve = new DateTimeOffset(2026, 12, 24, 10, 0, 0, TimeSpan.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(OfferRules.DefaultRespondBy("Today", friday), Is.EqualTo(friday.AddHours(4)));
            Assert.That(OfferRules.DefaultRespondBy("in less than 5 days", friday), Is.EqualTo(friday.AddDays(4)), "Friday to Tuesday");
            Assert.That(OfferRules.DefaultRespondBy("in less than 5 days", goodFriday), Is.EqualTo(goodFriday.AddDays(5)), "over Easter Monday to Wednesday");
            Assert.That(OfferRules.DefaultRespondBy(null, christmasEve), Is.EqualTo(christmasEve.AddDays(6)), "over Christmas Day and the Boxing Day holiday to Wednesday 30th");
            Assert.That(OfferRules.DefaultRespondBy(null, friday.AddDays(-2)), Is.EqualTo(friday), "Wednesday to Friday");
        });
    }

    private static OfferState OpenOffer(DateTimeOffset? respondBy = null) => OfferState.Initial.Apply(new OfferMade(Guid.NewGuid(), Guid.NewGuid(), "R-26-AAAAAA",
        "B1", "HOME-01", "PRV-A", "E09000016", new OfferSummary("medium", null, null, null, null, null, new Dictionary<string, string>(), [], null),
        respondBy ?? Now.AddDays(2), Now, "broker"));

    [Test]
    public void An_answered_or_overdue_offer_cannot_be_answered()
    {
        var declined = OpenOffer().Apply(new OfferDeclined(Guid.NewGuid(), "no-staffing", null, Now, "p"));
        Assert.Multiple(() =>
        {
            Assert.Throws<ConflictException>(() => OfferRules.CheckAccept(declined, Today, null, Now, Today));
            Assert.Throws<ConflictException>(() => OfferRules.CheckAccept(OpenOffer(Now.AddHours(1)), Today, null, Now.AddHours(1), Today));
            Assert.DoesNotThrow(() => OfferRules.CheckAccept(OpenOffer(), Today.AddDays(2), Today.AddDays(1), Now, Today));
        });
    }

    [Test]
    public void A_decline_needs_a_listed_reason_and_a_comment_for_other()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<RequestValidationException>(() => OfferRules.CheckDecline(OpenOffer(), "busy", null, Now))!.Errors.Keys,
                Is.EqualTo(new[] { "reasonCode" }));
            Assert.That(Assert.Throws<RequestValidationException>(() => OfferRules.CheckDecline(OpenOffer(), "other", "", Now))!.Errors.Keys,
                Is.EqualTo(new[] { "comment" }));
            Assert.That(OfferRules.CheckDecline(OpenOffer(), "Other", " Flood ", Now), Is.EqualTo(("other", "Flood")));
        });
    }

    private static PlacementState Started(DateOnly start, DateOnly? born = null) => PlacementState.Initial
        .Apply(new PlacementAgreed(Guid.NewGuid(), Guid.NewGuid(), "R", Guid.NewGuid(), null, "B1", "HOME-01", "PRV-A", "E09000016", "medium", born, start, null,
            new DateTimeOffset(start.AddDays(-3).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "p"))
        .Apply(new PlacementStartRecorded(Guid.NewGuid(), "B1", null, "E09000016", "medium", start, start.AddMonths(6), Now, "p"));

    [Test]
    public void Staying_put_runs_from_after_the_18th_birthday_to_the_21st_at_the_latest()
    {
        var born = new DateOnly(2008, 6, 1);
        var placement = Started(Today, born);
        Assert.Multiple(() =>
        {
            Assert.Throws<RequestValidationException>(() => PlacementRules.CheckStayingPut(placement, born.AddYears(18), Today));
            Assert.DoesNotThrow(() => PlacementRules.CheckStayingPut(placement, born.AddYears(18).AddDays(1), Today));
            Assert.DoesNotThrow(() => PlacementRules.CheckStayingPut(placement, born.AddYears(21), Today));
            Assert.Throws<RequestValidationException>(() => PlacementRules.CheckStayingPut(placement, born.AddYears(21).AddDays(1), Today));
            Assert.Throws<ConflictException>(() => PlacementRules.CheckStayingPut(Started(Today), born.AddYears(20), Today), "no date of birth");
        });
    }

    [Test]
    public void A_rebanding_takes_effect_from_the_start_or_later_before_the_end_and_within_3_months()
    {
        var start = new DateOnly(2026, 1, 5);
        var requestId = Guid.NewGuid();
        var pending = Started(start).Apply(new RebandingRequested(Guid.NewGuid(), requestId, "high", "why", Now, "p"));
        var ended = pending.Apply(new PlacementEndRecorded(Guid.NewGuid(), "B1", new DateOnly(2026, 3, 1), "E13", null, true, null, Now, "p"));
        Assert.Multiple(() =>
        {
            Assert.DoesNotThrow(() => PlacementRules.CheckRebandingDecision(pending, requestId, true, start, null, Today), "back-dated to the start");
            Assert.Throws<RequestValidationException>(() => PlacementRules.CheckRebandingDecision(pending, requestId, true, start.AddDays(-1), null, Today));
            Assert.Throws<RequestValidationException>(() => PlacementRules.CheckRebandingDecision(pending, requestId, true, Today.AddMonths(3).AddDays(1), null, Today));
            Assert.Throws<ConflictException>(() => PlacementRules.CheckRebandingDecision(pending, Guid.NewGuid(), true, start, null, Today));
            Assert.Throws<ConflictException>(() => PlacementRules.CheckRebandingDecision(ended, requestId, true, start, null, Today), "an ending clears the request");
        });
    }

    [Test]
    public void The_band_charged_on_a_day_follows_the_latest_effective_date_on_or_before_it()
    {
        var start = new DateOnly(2026, 1, 5);
        var placement = Started(start)
            .Apply(new RebandingApproved(Guid.NewGuid(), Guid.NewGuid(), "specialist", new DateOnly(2026, 3, 1), Now, "b"))
            .Apply(new RebandingApproved(Guid.NewGuid(), Guid.NewGuid(), "high", new DateOnly(2026, 2, 1), Now, "b"));
        Assert.Multiple(() =>
        {
            Assert.That(placement.BandOn(new DateOnly(2026, 1, 31)), Is.EqualTo("medium"));
            Assert.That(placement.BandOn(new DateOnly(2026, 2, 1)), Is.EqualTo("high"));
            Assert.That(placement.BandOn(new DateOnly(2026, 3, 15)), Is.EqualTo("specialist"));
            Assert.That(placement.Band, Is.EqualTo("specialist"), "the current band is the latest effective one, whatever order the decisions came in");
        });
    }

    [Test]
    public void The_step_down_date_outside_6_to_9_months_needs_a_reason()
    {
        var start = new DateOnly(2026, 1, 5);
        var placement = Started(start);
        Assert.Multiple(() =>
        {
            Assert.That(PlacementRules.DefaultStepDown(start), Is.EqualTo(new DateOnly(2026, 7, 5)));
            Assert.DoesNotThrow(() => PlacementRules.CheckStepDown(placement, start.AddMonths(7), null));
            Assert.Throws<RequestValidationException>(() => PlacementRules.CheckStepDown(placement, start.AddMonths(5), null));
            Assert.That(PlacementRules.CheckStepDown(placement, start.AddMonths(5), " Early return home "), Is.EqualTo("Early return home"));
        });
    }

    [Test]
    public void An_ending_with_X1_needs_a_reason_for_the_change_of_placement()
    {
        var placement = Started(new DateOnly(2026, 1, 5));
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<RequestValidationException>(() => PlacementRules.CheckEnd(placement, Today, "X1", null, true, Today))!.Errors.Keys,
                Is.EqualTo(new[] { "reasonPlaceChange" }));
            Assert.That(PlacementRules.CheckEnd(placement, Today, "x1", "child", false, Today), Is.EqualTo(("X1", "CHILD")));
            Assert.That(PlacementRules.CheckEnd(placement, Today, "E4A", null, true, Today), Is.EqualTo(("E4A", (string?)null)));
            Assert.Throws<RequestValidationException>(() => PlacementRules.CheckEnd(placement, Today.AddDays(1), "E4A", null, true, Today), "not in the future");
        });
    }

    [Test]
    public void The_SSDA903_codes_are_exactly_the_standards()
    {
        var codes = Commissioning.TestKit.StandardsFiles.Ssda903().GetProperty("codes");
        Dictionary<string, string> Read(string list) => codes.GetProperty(list).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(Ssda903.ReasonEpisodeCeased, Is.EquivalentTo(Read("REC")));
            Assert.That(Ssda903.ReasonPlaceChange, Is.EquivalentTo(Read("REASON_PLACE_CHANGE")));
        });
    }
}
