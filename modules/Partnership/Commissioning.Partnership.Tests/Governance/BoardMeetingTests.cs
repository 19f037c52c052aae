using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Partnership.Governance.Meetings;
using Commissioning.TestKit;

namespace Commissioning.Partnership.Tests.Governance;

public sealed class BoardMeetingTests
{
    private ModuleTestHost _host = null!;
    private long _referenceEvents;

    [SetUp]
    public async Task SetUp()
    {
        _host = await ModuleTestHost.StartAsync(new PartnershipModule());
        _referenceEvents = await _host.Store.CountAsync();
    }

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    // The module starts with its reference data (the boroughs); what a test stores comes on top.
    private async Task<long> GovernanceEventsAsync() => await _host.Store.CountAsync() - _referenceEvents;

    [Test]
    public async Task Meetings_are_split_into_upcoming_soonest_first_and_past_latest_first()
    {
        // The clock stands at 1 April 2026.
        var march = await Schedule(new DateOnly(2026, 3, 4), "March board");
        var january = await Schedule(new DateOnly(2026, 1, 14), "January board");
        var june = await Schedule(new DateOnly(2026, 6, 3), "June board");
        var today = await Schedule(new DateOnly(2026, 4, 1), "Extraordinary board");

        var meetings = await _host.SendAsync(new ListBoardMeetings(), Actors.Finance);

        Assert.Multiple(() =>
        {
            Assert.That(meetings.Upcoming.Select(m => m.MeetingId), Is.EqualTo(new[] { today, june }));
            Assert.That(meetings.Past.Select(m => m.MeetingId), Is.EqualTo(new[] { march, january }));
        });
    }

    [Test]
    public async Task Decisions_and_actions_are_numbered_within_their_meeting_and_shown_with_it()
    {
        var may = await Schedule(new DateOnly(2026, 5, 6), "May board", "Havering Town Hall");
        var other = await Schedule(new DateOnly(2026, 6, 3), "June board");

        Assert.Multiple(async () =>
        {
            Assert.That(await _host.SendAsync(new RecordDecision(may, "Approve the training plan for 2026-27."), Actors.Admin), Is.EqualTo(1));
            Assert.That(await _host.SendAsync(new RecordDecision(may, "Adopt the revised referral form."), Actors.Admin), Is.EqualTo(2));
            Assert.That(await _host.SendAsync(new RecordDecision(other, "Note the quarterly figures."), Actors.Admin), Is.EqualTo(1));
            Assert.That(await _host.SendAsync(new RaiseAction(may, "Circulate the plan to providers", "Jo Smith", new DateOnly(2026, 5, 20)), Actors.Admin), Is.EqualTo(1));
        });

        var meeting = await _host.SendAsync(new GetBoardMeeting(may), Actors.BoardMember);

        Assert.Multiple(() =>
        {
            Assert.That(meeting.Title, Is.EqualTo("May board"));
            Assert.That(meeting.Location, Is.EqualTo("Havering Town Hall"));
            Assert.That(meeting.IsUpcoming, Is.True);
            Assert.That(meeting.Decisions.Select(d => (d.Number, d.Text)), Is.EqualTo(new[]
            {
                (1, "Approve the training plan for 2026-27."),
                (2, "Adopt the revised referral form."),
            }));
            Assert.That(meeting.Actions, Has.Count.EqualTo(1));
            Assert.That(meeting.Actions[0].Number, Is.EqualTo(1));
            Assert.That(meeting.Actions[0].OwnerName, Is.EqualTo("Jo Smith"));
            Assert.That(meeting.Actions[0].Status, Is.EqualTo(ActionStatus.Open));
            Assert.That(meeting.Actions[0].IsOverdue, Is.False);
        });
    }

    [Test]
    public async Task An_action_not_done_becomes_overdue_from_midnight_London_time_after_its_due_date()
    {
        var meeting = await Schedule(new DateOnly(2026, 3, 4), "March board");
        await _host.SendAsync(new RaiseAction(meeting, "Publish the minutes", "Jo Smith", new DateOnly(2026, 4, 10)), Actors.Admin);

        // 23:59 on 10 April in London (British Summer Time, UTC+1) is 22:59 UTC.
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 10, 22, 59, 0, TimeSpan.Zero));
        var onTheDueDate = (await _host.SendAsync(new ListOpenActions(), Actors.Admin)).Single();
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 10, 23, 0, 0, TimeSpan.Zero));
        var dayAfter = (await _host.SendAsync(new ListOpenActions(), Actors.Admin)).Single();
        var meetingView = await _host.SendAsync(new GetBoardMeeting(meeting), Actors.Admin);
        var list = await _host.SendAsync(new ListBoardMeetings(), Actors.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(onTheDueDate.IsOverdue, Is.False);
            Assert.That(dayAfter.IsOverdue, Is.True);
            Assert.That(dayAfter.MeetingTitle, Is.EqualTo("March board"));
            Assert.That(meetingView.Actions.Single().IsOverdue, Is.True);
            Assert.That(list.Past.Single().OverdueActions, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_done_action_is_never_overdue_and_leaves_the_open_actions()
    {
        var meeting = await Schedule(new DateOnly(2026, 3, 4), "March board");
        await _host.SendAsync(new RaiseAction(meeting, "Publish the minutes", "Jo Smith", new DateOnly(2026, 3, 18)), Actors.Admin);
        await _host.SendAsync(new RaiseAction(meeting, "Book the June venue", "Ade Bello", new DateOnly(2026, 3, 25)), Actors.Admin);

        Assert.That((await _host.SendAsync(new ListOpenActions(OverdueOnly: true), Actors.Admin)).Select(a => a.Number), Is.EqualTo(new[] { 1, 2 }));

        await _host.SendAsync(new ChangeActionStatus(meeting, 1, ActionStatus.Done, "Published on the website"), Actors.Admin);
        var open = await _host.SendAsync(new ListOpenActions(), Actors.Admin);
        var done = (await _host.SendAsync(new GetBoardMeeting(meeting), Actors.Admin)).Actions[0];

        Assert.Multiple(() =>
        {
            Assert.That(open.Select(a => a.Number), Is.EqualTo(new[] { 2 }));
            Assert.That(done.Status, Is.EqualTo(ActionStatus.Done));
            Assert.That(done.IsOverdue, Is.False);
            Assert.That(done.Note, Is.EqualTo("Published on the website"));
        });
    }

    [Test]
    public async Task Status_changes_are_kept_in_order_with_their_notes_and_an_unchanged_status_without_a_note_stores_nothing()
    {
        var meeting = await Schedule(new DateOnly(2026, 3, 4), "March board");
        await _host.SendAsync(new RaiseAction(meeting, "Review the home mix policy", "Jo Smith", new DateOnly(2026, 6, 1)), Actors.Admin);

        await _host.SendAsync(new ChangeActionStatus(meeting, 1, ActionStatus.InProgress, "Draft with legal"), Actors.Admin);
        _host.Clock.Advance(TimeSpan.FromDays(7));
        await _host.SendAsync(new ChangeActionStatus(meeting, 1, ActionStatus.InProgress, "  "), Actors.Admin);
        await _host.SendAsync(new ChangeActionStatus(meeting, 1, ActionStatus.Open, "Legal sent it back"), Actors.Admin);
        await _host.SendAsync(new ChangeActionStatus(meeting, 1, ActionStatus.Done, null), Actors.Admin);

        var action = (await _host.SendAsync(new GetBoardMeeting(meeting), Actors.Admin)).Actions.Single();

        Assert.Multiple(async () =>
        {
            Assert.That(action.Updates.Select(u => (u.Status, u.Note)), Is.EqualTo(new (ActionStatus, string?)[]
            {
                (ActionStatus.InProgress, "Draft with legal"),
                (ActionStatus.Open, "Legal sent it back"),
                (ActionStatus.Done, null),
            }));
            Assert.That(action.StatusChangedAt, Is.EqualTo(new DateTimeOffset(2026, 4, 8, 9, 0, 0, TimeSpan.Zero)));
            Assert.That(await GovernanceEventsAsync(), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task A_status_change_made_against_a_meeting_someone_else_changed_since_is_refused_and_not_stored()
    {
        var meeting = await Schedule(new DateOnly(2026, 3, 4), "March board");
        await _host.SendAsync(new RaiseAction(meeting, "Publish the minutes", "Jo Smith", new DateOnly(2026, 4, 10)), Actors.Admin);
        var seen = (await _host.SendAsync(new GetBoardMeeting(meeting), Actors.Admin)).Version;
        await _host.SendAsync(new RecordDecision(meeting, "Approve the plan."), Actors.Admin);

        Assert.ThrowsAsync<StreamVersionConflictException>(() =>
            _host.SendAsync(new ChangeActionStatus(meeting, 1, ActionStatus.Done, null, seen), Actors.Admin));

        var now = await _host.SendAsync(new GetBoardMeeting(meeting), Actors.Admin);
        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(2));
            Assert.That(now.Version, Is.EqualTo(3));
            Assert.That(now.Actions.Single().Status, Is.EqualTo(ActionStatus.Open));
        });
    }

    [Test]
    public async Task Missing_fields_are_refused_naming_each_field_and_nothing_is_stored()
    {
        var schedule = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(new ScheduleBoardMeeting(null, "", null), Actors.Admin));
        var decision = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(new RecordDecision(Guid.NewGuid(), " "), Actors.Admin));
        var action = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(new RaiseAction(Guid.NewGuid(), "", "", null), Actors.Admin));
        var status = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(new ChangeActionStatus(Guid.NewGuid(), 1, null, null), Actors.Admin));
        var badStatus = Assert.ThrowsAsync<RequestValidationException>(() =>
            _host.SendAsync(new ChangeActionStatus(Guid.NewGuid(), 1, (ActionStatus)42, null), Actors.Admin));

        Assert.Multiple(async () =>
        {
            Assert.That(schedule!.Errors["meetingDate"], Is.EqualTo(new[] { "Enter the date of the meeting" }));
            Assert.That(schedule.Errors.Keys, Is.EquivalentTo(new[] { "meetingDate", "title" }));
            Assert.That(decision!.Errors["text"], Is.EqualTo(new[] { "Enter the decision" }));
            Assert.That(action!.Errors["dueOn"], Is.EqualTo(new[] { "Enter the date the action is due" }));
            Assert.That(action.Errors["ownerName"], Is.EqualTo(new[] { "Enter the name of the person who owns the action" }));
            Assert.That(action.Errors.Keys, Is.EquivalentTo(new[] { "description", "ownerName", "dueOn" }));
            Assert.That(status!.Errors["status"], Is.EqualTo(new[] { "Select the action's status: open, in progress or done" }));
            Assert.That(badStatus!.Errors["status"], Is.EqualTo(new[] { "Select the action's status: open, in progress or done" }));
            Assert.That(await GovernanceEventsAsync(), Is.Zero);
        });
    }

    [Test]
    public async Task An_unknown_meeting_or_action_is_not_found()
    {
        var meeting = await Schedule(new DateOnly(2026, 3, 4), "March board");

        Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new GetBoardMeeting(Guid.NewGuid()), Actors.Admin));
        Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new RecordDecision(Guid.NewGuid(), "Anything"), Actors.Admin));
        Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new RaiseAction(Guid.NewGuid(), "Anything", "Jo", new DateOnly(2026, 5, 1)), Actors.Admin));
        var noAction = Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new ChangeActionStatus(meeting, 7, ActionStatus.Done, null), Actors.Admin));

        Assert.That(noAction!.Message, Is.EqualTo("This meeting has no action 7."));
    }

    [Test]
    public async Task A_board_member_may_not_record_decisions_raise_actions_or_change_their_status()
    {
        var meeting = await Schedule(new DateOnly(2026, 3, 4), "March board");
        await _host.SendAsync(new RaiseAction(meeting, "Publish the minutes", "Jo Smith", new DateOnly(2026, 4, 10)), Actors.Admin);

        Assert.ThrowsAsync<ForbiddenException>(() => _host.SendAsync(new ScheduleBoardMeeting(new DateOnly(2026, 9, 1), "September board", null), Actors.BoardMember));
        Assert.ThrowsAsync<ForbiddenException>(() => _host.SendAsync(new RecordDecision(meeting, "Something"), Actors.BoardMember));
        Assert.ThrowsAsync<ForbiddenException>(() => _host.SendAsync(new RaiseAction(meeting, "Something", "Jo", new DateOnly(2026, 5, 1)), Actors.BoardMember));
        Assert.ThrowsAsync<ForbiddenException>(() => _host.SendAsync(new ChangeActionStatus(meeting, 1, ActionStatus.Done, null), Actors.BoardMember));

        Assert.That(await GovernanceEventsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task Concurrent_decisions_on_one_meeting_never_share_a_number_the_loser_of_a_race_is_refused()
    {
        var meeting = await Schedule(new DateOnly(2026, 3, 4), "March board");

        var attempts = Enumerable.Range(1, 8)
            .Select(i => Task.Run(async () =>
            {
                try
                {
                    return (int?)await _host.SendAsync(new RecordDecision(meeting, $"Decision {i}"), Actors.Admin);
                }
                catch (StreamVersionConflictException)
                {
                    return null;
                }
            }))
            .ToList();
        var numbers = (await Task.WhenAll(attempts)).Where(n => n is not null).Select(n => n!.Value).ToList();
        var stored = (await _host.SendAsync(new GetBoardMeeting(meeting), Actors.Admin)).Decisions;

        Assert.Multiple(() =>
        {
            Assert.That(numbers, Is.Unique);
            Assert.That(numbers.Order(), Is.EqualTo(Enumerable.Range(1, numbers.Count)));
            Assert.That(stored.Select(d => d.Number), Is.EqualTo(Enumerable.Range(1, numbers.Count)));
        });
    }

    private Task<Guid> Schedule(DateOnly date, string title, string? location = null) =>
        _host.SendAsync(new ScheduleBoardMeeting(date, title, location), Actors.Admin);
}
