using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Partnership.Governance.BoardMembers;
using Commissioning.Partnership.Governance.Meetings;
using Commissioning.Partnership.Governance.Participation;

namespace Commissioning.Partnership.Tests.Governance;

/// <summary>Given events, when a decision is asked for, then events (or an error): no database.</summary>
public sealed class GovernanceDecisionTests
{
    private static readonly Guid Id = Guid.Parse("0195f0a0-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void The_next_action_is_numbered_after_the_last_one_raised()
    {
        var meeting = Given<BoardMeeting>(
            new BoardMeetingScheduled(Id, new DateOnly(2026, 3, 4), "March board", null),
            new BoardActionRaised(Id, 1, "One", "Jo", new DateOnly(2026, 4, 1), Now),
            new BoardDecisionRecorded(Id, 1, "Decided", Now),
            new BoardActionRaised(Id, 2, "Two", "Jo", new DateOnly(2026, 4, 1), Now));

        Assert.That(meeting.RaiseAction(Id, "Three", "Ade", new DateOnly(2026, 5, 1), Now),
            Is.EqualTo(new BoardActionRaised(Id, 3, "Three", "Ade", new DateOnly(2026, 5, 1), Now)));
    }

    [Test]
    public void Setting_an_action_to_the_status_it_has_without_a_note_decides_nothing()
    {
        var meeting = Given<BoardMeeting>(
            new BoardMeetingScheduled(Id, new DateOnly(2026, 3, 4), "March board", null),
            new BoardActionRaised(Id, 1, "One", "Jo", new DateOnly(2026, 4, 1), Now),
            new BoardActionStatusChanged(Id, 1, ActionStatus.Done, null, Now));

        Assert.Multiple(() =>
        {
            Assert.That(meeting.ChangeActionStatus(Id, 1, ActionStatus.Done, null, Now), Is.Empty);
            Assert.That(meeting.ChangeActionStatus(Id, 1, ActionStatus.Done, "Confirmed", Now),
                Is.EqualTo(new[] { new BoardActionStatusChanged(Id, 1, ActionStatus.Done, "Confirmed", Now) }));
            Assert.That(meeting.ChangeActionStatus(Id, 1, ActionStatus.Open, null, Now),
                Is.EqualTo(new[] { new BoardActionStatusChanged(Id, 1, ActionStatus.Open, null, Now) }));
        });
    }

    [Test]
    public void Nothing_can_be_added_to_a_meeting_or_activity_that_was_never_recorded()
    {
        Assert.Throws<NotFoundException>(() => BoardMeeting.Initial.RecordDecision(Id, "Anything", Now));
        Assert.Throws<NotFoundException>(() => ParticipationActivity.Initial.AddFeedback(Id, "Anything", Now));
        Assert.Throws<NotFoundException>(() => BoardMember.Initial.StandDown(Id, new DateOnly(2026, 1, 1)));
    }

    [Test]
    public void A_response_is_for_a_feedback_item_that_exists_and_has_none_yet()
    {
        var activity = Given<ParticipationActivity>(
            new ParticipationActivityRecorded(Id, new DateOnly(2026, 3, 2), ParticipationKind.Survey, 10, "Survey", Now),
            new ParticipationFeedbackAdded(Id, 1, "One", Now),
            new ParticipationFeedbackAdded(Id, 2, "Two", Now),
            new ParticipationFeedbackResponded(Id, 1, "Did one", new DateOnly(2026, 3, 3)));

        Assert.Multiple(() =>
        {
            Assert.That(activity.Respond(Id, 2, "Did two", new DateOnly(2026, 3, 2)),
                Is.EqualTo(new ParticipationFeedbackResponded(Id, 2, "Did two", new DateOnly(2026, 3, 2))));
            Assert.Throws<ConflictException>(() => activity.Respond(Id, 1, "Again", new DateOnly(2026, 3, 4)));
            Assert.Throws<NotFoundException>(() => activity.Respond(Id, 3, "None", new DateOnly(2026, 3, 4)));
            Assert.That(activity.AddFeedback(Id, "Three", Now).Number, Is.EqualTo(3));
        });
    }

    private static TState Given<TState>(params object[] events) where TState : IAggregateState<TState> =>
        events.Aggregate(TState.Initial, (state, e) => state.Apply(e));
}
