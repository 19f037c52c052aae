using Commissioning.BuildingBlocks.EventStore;
using Commissioning.Partnership.Governance.BoardMembers;
using Commissioning.Partnership.Governance.Meetings;
using Commissioning.Partnership.Governance.Participation;
using Commissioning.TestKit;

namespace Commissioning.Partnership.Tests.Governance;

public sealed class GovernanceRebuildTests
{
    [Test]
    public async Task Rebuilding_the_governance_read_models_from_the_events_gives_the_same_answers()
    {
        await using var host = await ModuleTestHost.StartAsync(new PartnershipModule());
        var member = await host.SendAsync(new AppointBoardMember("Sam Patel", "Chair", "E09000016", false, new DateOnly(2024, 1, 10), null), Actors.Admin);
        await host.SendAsync(new StandDownBoardMember(member, new DateOnly(2026, 3, 31)), Actors.Admin);
        await host.SendAsync(new AppointBoardMember("Amira Khan", "Member", null, true, new DateOnly(2026, 3, 1), null), Actors.Admin);
        var meeting = await host.SendAsync(new ScheduleBoardMeeting(new DateOnly(2026, 3, 4), "March board", null), Actors.Admin);
        await host.SendAsync(new RecordDecision(meeting, "Approve the plan."), Actors.Admin);
        await host.SendAsync(new RaiseAction(meeting, "Publish the minutes", "Jo Smith", new DateOnly(2026, 3, 18)), Actors.Admin);
        await host.SendAsync(new ChangeActionStatus(meeting, 1, ActionStatus.InProgress, "Drafted"), Actors.Admin);
        var activity = await host.SendAsync(new RecordParticipationActivity(new DateOnly(2026, 3, 2), ParticipationKind.Survey, 12, "Survey."), Actors.Admin);
        await host.SendAsync(new AddFeedback(activity, "More trips out."), Actors.Admin);
        await host.SendAsync(new RespondToFeedback(activity, 1, "Each home has an activities budget.", new DateOnly(2026, 3, 20)), Actors.Admin);

        var before = await ReadEverything(host, meeting, activity);
        foreach (var projection in host.Store.InlineProjections.Where(p => p.Name.StartsWith("governance-", StringComparison.Ordinal)))
        {
            await ProjectionRebuilder.RebuildAsync(host.Store, projection);
        }

        var after = await ReadEverything(host, meeting, activity);

        Assert.That(after, Is.EqualTo(before));
    }

    // Records compare lists by reference, so the answers are compared as their JSON.
    private static async Task<string> ReadEverything(ModuleTestHost host, Guid meeting, Guid activity) => EventTypeRegistry.Serialize(new object[]
    {
        await host.SendAsync(new ListBoardMembers(), Actors.Admin),
        await host.SendAsync(new ListBoardMeetings(), Actors.Admin),
        await host.SendAsync(new GetBoardMeeting(meeting), Actors.Admin),
        await host.SendAsync(new ListOpenActions(), Actors.Admin),
        await host.SendAsync(new ListParticipationActivities(), Actors.Admin),
        await host.SendAsync(new GetParticipationActivity(activity), Actors.Admin),
        await host.SendAsync(new GetYouSaidWeDidSummary(), Actors.Admin),
    });
}
