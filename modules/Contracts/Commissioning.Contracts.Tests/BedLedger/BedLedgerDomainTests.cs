using Commissioning.Contracts.BedLedger;
using Commissioning.Messages.Brokerage;

namespace Commissioning.Contracts.Tests.BedLedger;

public sealed class BedLedgerDomainTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    private static BedHeld Held(Guid offer) =>
        new("B1", offer, "REF-1", "E09000025", Now, Now.AddDays(2)) { EventId = Guid.NewGuid() };

    private static BedOccupancyState Fold(params IEnumerable<object>[] events) =>
        events.SelectMany(e => e).Aggregate(BedOccupancyState.Initial, (s, e) => s.Apply(e));

    [Test]
    public void A_hold_on_a_free_bed_is_recorded()
    {
        var events = BedOccupancyDecisions.Hold(BedOccupancyState.Initial, Held(Guid.NewGuid()), Now);

        Assert.That(events, Has.Exactly(1).InstanceOf<BedHoldRecorded>());
    }

    [Test]
    public void A_second_hold_on_a_held_bed_is_flagged_and_not_recorded()
    {
        var first = Guid.NewGuid();
        var state = Fold(BedOccupancyDecisions.Hold(BedOccupancyState.Initial, Held(first), Now));

        var events = BedOccupancyDecisions.Hold(state, Held(Guid.NewGuid()), Now);

        Assert.Multiple(() =>
        {
            Assert.That(events.Single(), Is.InstanceOf<BedLedgerInconsistencyFlagged>());
            Assert.That(Fold(BedOccupancyDecisions.Hold(BedOccupancyState.Initial, Held(first), Now), events).Hold!.OfferId, Is.EqualTo(first));
        });
    }

    [Test]
    public void A_hold_on_a_bed_with_a_child_and_no_end_date_is_flagged()
    {
        var start = new PlacementStarted(Guid.NewGuid(), "B1", null, null, "E09000016", "low", new DateOnly(2026, 9, 1)) { EventId = Guid.NewGuid() };
        var state = Fold(BedOccupancyDecisions.Start(BedOccupancyState.Initial, start, NeedBand.Low, Now));

        Assert.That(BedOccupancyDecisions.Hold(state, Held(Guid.NewGuid()), Now).Single(), Is.InstanceOf<BedLedgerInconsistencyFlagged>());
    }

    [Test]
    public void A_placement_from_the_holding_offer_ends_the_hold_and_occupies_the_bed()
    {
        var offer = Guid.NewGuid();
        var held = Fold(BedOccupancyDecisions.Hold(BedOccupancyState.Initial, Held(offer), Now));
        var start = new PlacementStarted(Guid.NewGuid(), "B1", null, offer, "E09000025", "high", new DateOnly(2026, 10, 6)) { EventId = Guid.NewGuid() };

        var state = Fold(BedOccupancyDecisions.Hold(BedOccupancyState.Initial, Held(offer), Now), BedOccupancyDecisions.Start(held, start, NeedBand.High, Now));

        Assert.Multiple(() =>
        {
            Assert.That(state.Hold, Is.Null);
            Assert.That(state.Placement!.PlacementId, Is.EqualTo(start.PlacementId));
        });
    }

    [Test]
    public void A_placement_in_a_bed_held_by_another_offer_is_flagged()
    {
        var held = Fold(BedOccupancyDecisions.Hold(BedOccupancyState.Initial, Held(Guid.NewGuid()), Now));
        var start = new PlacementStarted(Guid.NewGuid(), "B1", null, Guid.NewGuid(), "E09000025", "high", new DateOnly(2026, 10, 6)) { EventId = Guid.NewGuid() };

        Assert.That(BedOccupancyDecisions.Start(held, start, NeedBand.High, Now).Single(), Is.InstanceOf<BedLedgerInconsistencyFlagged>());
    }

    [Test]
    public void The_same_event_delivered_twice_changes_nothing_the_second_time()
    {
        var held = Held(Guid.NewGuid());
        var state = Fold(BedOccupancyDecisions.Hold(BedOccupancyState.Initial, held, Now));

        Assert.That(BedOccupancyDecisions.Hold(state, held, Now), Is.Empty);
    }

    private static BedFacts Bed(CurrentHold? hold = null, CurrentPlacement? placement = null, BedConfirmation? confirmation = null) =>
        new("B1", "H1", "PRV-A", Guid.NewGuid(), "BC-1", NeedBand.Medium, new DateOnly(2026, 4, 1), null, hold, placement, confirmation, null);

    [Test]
    public void A_bed_never_confirmed_is_void_and_unconfirmed()
    {
        var state = BedStatusRules.StateOf(Bed(), Now, Window);

        Assert.That((state.Status, state.Unconfirmed, state.CountsAsAvailable), Is.EqualTo((BedStatus.Void, true, false)));
    }

    [Test]
    public void A_confirmed_available_bed_stops_counting_as_available_when_the_window_passes()
    {
        var bed = Bed(confirmation: new BedConfirmation(VacancyStatus.Available, new DateOnly(2026, 10, 20), null, Now, false));

        Assert.Multiple(() =>
        {
            Assert.That(BedStatusRules.StateOf(bed, Now.AddDays(6), Window), Is.EqualTo(new BedState(BedStatus.Available, false, new DateOnly(2026, 10, 20))));
            Assert.That(BedStatusRules.StateOf(bed, Now.AddDays(7), Window).CountsAsAvailable, Is.False);
            Assert.That(BedStatusRules.StateOf(bed, Now.AddDays(7), Window).Unconfirmed, Is.True);
        });
    }

    [Test]
    public void An_occupied_bed_shows_occupied_whatever_its_confirmation_says()
    {
        var bed = Bed(
            placement: new CurrentPlacement(Guid.NewGuid(), "E09000016", NeedBand.Low, new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 1)),
            confirmation: new BedConfirmation(VacancyStatus.Available, new DateOnly(2026, 11, 3), null, Now, false));

        Assert.That(BedStatusRules.StateOf(bed, Now, Window), Is.EqualTo(new BedState(BedStatus.Occupied, false, new DateOnly(2026, 11, 3))));
    }

    [Test]
    public void A_confirmation_given_before_the_last_child_moved_in_does_not_count_after_the_child_leaves()
    {
        var bed = Bed(
            placement: new CurrentPlacement(Guid.NewGuid(), "E09000016", NeedBand.Low, new DateOnly(2026, 10, 2), new DateOnly(2026, 10, 4)),
            confirmation: new BedConfirmation(VacancyStatus.Available, null, null, Now.AddDays(-4), false));

        Assert.That(BedStatusRules.StateOf(bed, Now, Window).Status, Is.EqualTo(BedStatus.Void));
    }
}
