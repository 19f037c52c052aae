using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Partnership.Governance.Participation;
using Commissioning.TestKit;

namespace Commissioning.Partnership.Tests.Governance;

public sealed class ParticipationTests
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
    public async Task You_said_items_await_a_response_until_we_did_is_recorded()
    {
        var visit = await Record(new DateOnly(2026, 3, 12), ParticipationKind.HomeVisit, 3, "Visited a home in Romford before it opened.");
        Assert.That(await AddFeedback(visit, "The bedrooms need more storage."), Is.EqualTo(1));
        Assert.That(await AddFeedback(visit, "We want wifi in every room."), Is.EqualTo(2));

        await _host.SendAsync(new RespondToFeedback(visit, 2, " The provider installed mesh wifi. ", new DateOnly(2026, 3, 30)), Actors.Admin);
        var activity = await _host.SendAsync(new GetParticipationActivity(visit), Actors.BoardMember);

        Assert.Multiple(() =>
        {
            Assert.That(activity.Kind, Is.EqualTo(ParticipationKind.HomeVisit));
            Assert.That(activity.YoungPeopleCount, Is.EqualTo(3));
            Assert.That(activity.Feedback.Select(f => (f.Number, f.YouSaid, f.WeDid, f.RespondedOn, f.AwaitingResponse)), Is.EqualTo(new (int, string, string?, DateOnly?, bool)[]
            {
                (1, "The bedrooms need more storage.", null, null, true),
                (2, "We want wifi in every room.", "The provider installed mesh wifi.", new DateOnly(2026, 3, 30), false),
            }));
        });
    }

    [Test]
    public async Task The_summary_counts_what_awaits_a_response_and_lists_those_items_first()
    {
        var survey = await Record(new DateOnly(2026, 1, 20), ParticipationKind.Survey, 25, "Annual survey of young people in block placements.");
        var panel = await Record(new DateOnly(2026, 3, 2), ParticipationKind.ProviderAssessment, 4, "Young assessors scored three tenders.");
        await AddFeedback(survey, "Staff change too often.");
        await AddFeedback(survey, "We want to stay near our schools.");
        await AddFeedback(panel, "Ask providers how they handle complaints.");
        await _host.SendAsync(new RespondToFeedback(survey, 2, "Distance to school is now a matching score.", new DateOnly(2026, 2, 15)), Actors.Admin);

        var all = await _host.SendAsync(new GetYouSaidWeDidSummary(), Actors.BoardMember);
        var march = await _host.SendAsync(new GetYouSaidWeDidSummary(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), Actors.BoardMember);
        var list = await _host.SendAsync(new ListParticipationActivities(), Actors.BoardMember);

        Assert.Multiple(() =>
        {
            Assert.That((all.Activities, all.YoungPeopleTakingPart, all.FeedbackItems, all.Responded, all.AwaitingResponse), Is.EqualTo((2, 29, 3, 1, 2)));
            Assert.That(all.Items.Select(i => (i.ActivityId, i.Number)), Is.EqualTo(new[] { (panel, 1), (survey, 1), (survey, 2) }));
            Assert.That((march.Activities, march.FeedbackItems, march.AwaitingResponse), Is.EqualTo((1, 1, 1)));
            Assert.That(list.Select(a => (a.ActivityId, a.FeedbackItems, a.AwaitingResponse)), Is.EqualTo(new[] { (panel, 1, 1), (survey, 2, 1) }));
        });
    }

    [Test]
    public async Task Recording_an_activity_without_its_details_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var missing = Assert.ThrowsAsync<RequestValidationException>(() =>
            _host.SendAsync(new RecordParticipationActivity(null, null, null, ""), Actors.Admin));
        var wrong = Assert.ThrowsAsync<RequestValidationException>(() =>
            _host.SendAsync(new RecordParticipationActivity(new DateOnly(2026, 4, 2), ParticipationKind.Survey, 0, "A survey"), Actors.Admin));

        Assert.Multiple(async () =>
        {
            Assert.That(missing!.Errors, Is.EquivalentTo(new Dictionary<string, string[]>
            {
                ["tookPlaceOn"] = ["Enter the date the activity took place"],
                ["kind"] = ["Select the kind of activity"],
                ["youngPeopleCount"] = ["Enter how many young people took part"],
                ["summary"] = ["Enter a summary of the activity"],
            }));
            Assert.That(wrong!.Errors, Is.EquivalentTo(new Dictionary<string, string[]>
            {
                ["tookPlaceOn"] = ["The date the activity took place must be today or in the past"],
                ["youngPeopleCount"] = ["The number of young people taking part must be a whole number from 1 to 10,000"],
            }));
            Assert.That(await GovernanceEventsAsync(), Is.Zero);
        });
    }

    [Test]
    public async Task A_response_needs_its_text_and_a_date_no_earlier_than_the_activity()
    {
        var consultation = await Record(new DateOnly(2026, 3, 12), ParticipationKind.Consultation, 6, "Consultation on the new placement agreement.");
        await AddFeedback(consultation, "Explain the agreement in plain words.");

        var missing = Assert.ThrowsAsync<RequestValidationException>(() =>
            _host.SendAsync(new RespondToFeedback(consultation, 1, "", null), Actors.Admin));
        var tooEarly = Assert.ThrowsAsync<RequestValidationException>(() =>
            _host.SendAsync(new RespondToFeedback(consultation, 1, "We rewrote it with young people.", new DateOnly(2026, 3, 11)), Actors.Admin));

        Assert.Multiple(async () =>
        {
            Assert.That(missing!.Errors["weDid"], Is.EqualTo(new[] { "Enter what the partnership did in response" }));
            Assert.That(missing.Errors["respondedOn"], Is.EqualTo(new[] { "Enter the date of the response" }));
            Assert.That(tooEarly!.Errors["respondedOn"], Is.EqualTo(new[] { "The date of the response must be on or after the date of the activity, 12 March 2026" }));
            Assert.That(await GovernanceEventsAsync(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Each_feedback_item_gets_one_response()
    {
        var survey = await Record(new DateOnly(2026, 1, 20), ParticipationKind.Survey, 25, "Annual survey.");
        await AddFeedback(survey, "Staff change too often.");
        await _host.SendAsync(new RespondToFeedback(survey, 1, "Retention is now a contract measure.", new DateOnly(2026, 3, 1)), Actors.Admin);

        var error = Assert.ThrowsAsync<ConflictException>(() =>
            _host.SendAsync(new RespondToFeedback(survey, 1, "Again.", new DateOnly(2026, 3, 2)), Actors.Admin));

        Assert.That(error!.Message, Is.EqualTo("Feedback item 1 already has a \"we did\" response."));
    }

    [Test]
    public async Task An_unknown_activity_or_feedback_item_is_not_found()
    {
        var survey = await Record(new DateOnly(2026, 1, 20), ParticipationKind.Survey, 25, "Annual survey.");

        Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new GetParticipationActivity(Guid.NewGuid()), Actors.Admin));
        Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new AddFeedback(Guid.NewGuid(), "Anything"), Actors.Admin));
        Assert.ThrowsAsync<NotFoundException>(() =>
            _host.SendAsync(new RespondToFeedback(survey, 3, "Anything", new DateOnly(2026, 3, 1)), Actors.Admin));
    }

    [Test]
    public async Task A_board_member_may_read_participation_but_not_record_it()
    {
        var survey = await Record(new DateOnly(2026, 1, 20), ParticipationKind.Survey, 25, "Annual survey.");

        Assert.ThrowsAsync<ForbiddenException>(() =>
            _host.SendAsync(new RecordParticipationActivity(new DateOnly(2026, 1, 20), ParticipationKind.Other, 2, "Anything"), Actors.BoardMember));
        Assert.ThrowsAsync<ForbiddenException>(() => _host.SendAsync(new AddFeedback(survey, "Anything"), Actors.BoardMember));
        Assert.ThrowsAsync<ForbiddenException>(() => _host.SendAsync(new GetYouSaidWeDidSummary(), Actors.Provider));

        Assert.That((await _host.SendAsync(new GetYouSaidWeDidSummary(), Actors.BoardMember)).Activities, Is.EqualTo(1));
    }

    private Task<Guid> Record(DateOnly date, ParticipationKind kind, int count, string summary) =>
        _host.SendAsync(new RecordParticipationActivity(date, kind, count, summary), Actors.Admin);

    private Task<int> AddFeedback(Guid activityId, string youSaid) => _host.SendAsync(new AddFeedback(activityId, youSaid), Actors.Admin);
}
