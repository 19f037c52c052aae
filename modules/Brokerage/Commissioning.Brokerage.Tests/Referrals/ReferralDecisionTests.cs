using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Brokerage.Tests.Referrals;

public sealed class ReferralDecisionTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 9, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();

    private static Referral Fold(params object[] events) => events.Aggregate(Referral.Initial, (s, e) => s.Apply(e));

    private static Referral Submitted(string? neededBy = "in more than 5 days")
    {
        var details = ReferralExamples.Complete(DateOnly.FromDateTime(Monday.UtcDateTime)) with { NeededBy = neededBy };
        return Fold(Referral.Initial.Submit(Id, ReferralExamples.Newham, details, "R-26-ABCDEF", Monday, "referrer-1"));
    }

    [Test]
    public void Submitting_starts_the_clock_with_the_target_for_its_urgency()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Submitted().DecisionDueAt, Is.EqualTo(new DateTimeOffset(2026, 3, 16, 10, 0, 0, TimeSpan.Zero)));
            Assert.That(Submitted("Today").DecisionDueAt, Is.EqualTo(Monday.AddHours(24)));
            Assert.That(Submitted().Status, Is.EqualTo(ReferralStatus.Submitted));
        });
    }

    [Test]
    public void Submitting_incomplete_details_is_refused_naming_the_fields()
    {
        var error = Assert.Throws<RequestValidationException>(() =>
            Referral.Initial.Submit(Id, ReferralExamples.Newham, new ReferralDetails { ChildId = "X" }, "R-26-ABCDEF", Monday, "referrer-1"));
        Assert.That(error!.Errors.Keys, Does.Contain("needBand").And.Contain("dateOfBirth").And.Not.Contain("childId"));
    }

    [Test]
    public void A_submitted_referral_cannot_be_submitted_again_or_edited_as_a_draft()
    {
        var referral = Submitted();
        Assert.Multiple(() =>
        {
            Assert.Throws<ConflictException>(() => referral.Submit(Id, ReferralExamples.Newham, referral.Details, "R-26-XXXXXX", Monday, "r"));
            Assert.Throws<ConflictException>(() => referral.SaveDraft(Id, ReferralExamples.Newham, referral.Details, Monday, "r"));
        });
    }

    [Test]
    public void Returning_decides_the_clock_and_resubmitting_starts_a_new_one_with_the_changes()
    {
        var returned = Submitted().Apply(Submitted().Return("Is the child's school place confirmed?", Monday.AddHours(2), "broker-1"));
        var resubmittedAt = Monday.AddDays(1);
        var answer = returned.Resubmit("Yes, at E15.", returned.Details with { NeedBand = "specialist" }, resubmittedAt, "referrer-1");
        var resubmitted = returned.Apply(answer);

        Assert.Multiple(() =>
        {
            Assert.That(returned.Status, Is.EqualTo(ReferralStatus.Returned));
            Assert.That(returned.Decided, Is.True);
            Assert.That(returned.ReturnedQuestion, Is.EqualTo("Is the child's school place confirmed?"));
            Assert.That(resubmitted.Status, Is.EqualTo(ReferralStatus.Submitted));
            Assert.That(resubmitted.Decided, Is.False);
            Assert.That(resubmitted.Details.NeedBand, Is.EqualTo("specialist"));
            Assert.That(resubmitted.DecisionDueAt, Is.EqualTo(new DateTimeOffset(2026, 3, 17, 10, 0, 0, TimeSpan.Zero)));
            Assert.That(resubmitted.SubmittedAt, Is.EqualTo(Monday), "the child has waited since the first submission");
        });
    }

    [Test]
    public void Only_a_submitted_referral_can_be_returned_and_only_a_returned_one_resubmitted()
    {
        var referral = Submitted();
        Assert.Multiple(() =>
        {
            Assert.Throws<ConflictException>(() => referral.Resubmit("answer", referral.Details, Monday, "r"));
            var returned = referral.Apply(referral.Return("question", Monday, "b"));
            Assert.Throws<ConflictException>(() => returned.Return("again", Monday, "b"));
            var offered = referral.Apply(new ReferralOfferMade(Id, Guid.NewGuid(), "BED-1", "PRV-A", Monday));
            Assert.Throws<ConflictException>(() => offered.Return("question", Monday, "b"));
        });
    }

    [Test]
    public void A_resubmission_must_still_be_valid()
    {
        var returned = Submitted().Apply(Submitted().Return("question", Monday, "b"));
        var error = Assert.Throws<RequestValidationException>(() => returned.Resubmit("answer", returned.Details with { Sex = "x" }, Monday, "r"));
        Assert.That(error!.Errors.Keys, Is.EquivalentTo(new[] { "sex" }));
    }

    [Test]
    public void An_overdue_undecided_referral_escalates_once()
    {
        var referral = Submitted("Today");
        var early = referral.Escalate(Monday.AddHours(23));
        var late = referral.Escalate(Monday.AddHours(25));
        var escalated = late.Aggregate(referral, (s, e) => s.Apply(e));

        Assert.Multiple(() =>
        {
            Assert.That(early, Is.Empty);
            Assert.That(late, Has.Count.EqualTo(1));
            Assert.That(escalated.Escalate(Monday.AddHours(30)), Is.Empty);
        });
    }

    [Test]
    public void A_decided_referral_does_not_escalate_even_after_an_offer_ends()
    {
        var referral = Submitted("Today");
        var offerId = Guid.NewGuid();
        var afterDecline = Fold(
            new ReferralSubmitted(Id, "R-26-ABCDEF", ReferralExamples.Newham, referral.Details, Monday, Monday.AddHours(24), "r"),
            new ReferralOfferMade(Id, offerId, "BED-1", "PRV-A", Monday.AddHours(1)),
            new ReferralOfferEnded(Id, offerId, "declined", Monday.AddHours(5)));

        Assert.Multiple(() =>
        {
            Assert.That(afterDecline.Status, Is.EqualTo(ReferralStatus.Submitted));
            Assert.That(afterDecline.OfferedTo, Is.EqualTo(new[] { "PRV-A" }));
            Assert.That(afterDecline.Escalate(Monday.AddHours(30)), Is.Empty);
        });
    }

    [Test]
    public void The_status_events_of_the_other_parts_move_the_referral_along()
    {
        var placementId = Guid.NewGuid();
        var offerId = Guid.NewGuid();
        var referral = Submitted();
        var states = new[]
        {
            referral.Apply(new ReferralOfferMade(Id, offerId, "BED-1", "PRV-A", Monday)),
            referral.Apply(new ReferralPlacementAgreed(Id, placementId, Monday)),
            referral.Apply(new ReferralPlaced(Id, placementId, new DateOnly(2026, 3, 20), Monday)),
            referral.Apply(new ReferralSpotPurchaseStarted(Id, Guid.NewGuid(), Monday)),
            referral.Apply(new ReferralClosed(Id, "placed-outside-brokerage", null, Monday, "r")),
        };

        Assert.That(states.Select(s => s.Status), Is.EqualTo(new[]
        {
            ReferralStatus.Offered, ReferralStatus.PlacementAgreed, ReferralStatus.Placed, ReferralStatus.SpotPurchase, ReferralStatus.Closed,
        }));
    }

    [Test]
    public void Closing_is_refused_while_an_offer_is_live_or_once_closed()
    {
        var referral = Submitted();
        var offered = referral.Apply(new ReferralOfferMade(Id, Guid.NewGuid(), "BED-1", "PRV-A", Monday));
        var closed = referral.Apply(referral.Close("withdrawn", "Family found a kinship carer", Monday, "r"));
        Assert.Multiple(() =>
        {
            Assert.Throws<ConflictException>(() => offered.Close("withdrawn", null, Monday, "r"));
            Assert.Throws<ConflictException>(() => closed.Close("withdrawn", null, Monday, "r"));
            Assert.That(closed.Status, Is.EqualTo(ReferralStatus.Closed));
        });
    }

    [Test]
    public void Assigning_to_the_current_assignee_changes_nothing()
    {
        var referral = Submitted();
        var assigned = referral.Apply(referral.Assign("broker-1", "Bea Broker", Monday, "broker-1").Single());
        Assert.That(assigned.Assign("broker-1", "Bea Broker", Monday, "broker-1"), Is.Empty);
    }
}
