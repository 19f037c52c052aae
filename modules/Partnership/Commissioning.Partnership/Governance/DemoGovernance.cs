using Commissioning.BuildingBlocks.Calendar;
using Commissioning.Partnership.Governance.BoardMembers;
using Commissioning.Partnership.Governance.Meetings;
using Commissioning.Partnership.Governance.Participation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Governance;

/// <summary>
/// The demo board: its members (two young people's representatives among them), the last four quarterly meetings
/// with decisions and actions (one overdue, some done), and young people's participation with "you said, we did".
/// Dates are set back from today, so the demo always looks current. Sent through the module's own commands.
/// </summary>
internal static class DemoGovernance
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var mediator = services.GetRequiredService<IMediator>();
        var today = PartnershipCalendar.Today(services.GetRequiredService<TimeProvider>());
        var started = today.AddMonths(-14);

        foreach (var (name, role, organisation, youngPerson) in new[]
        {
            ("Cllr Maria Lopez", "Chair", "E09000016", false),
            ("Cllr Anne Walsh", "Vice-chair", "E09000026", false),
            ("Dr Imran Qureshi", "Director of Children's Services, Newham", "E09000025", false),
            ("Jordan", "Young people's representative", "VOICE", true),
            ("Kayla", "Young people's representative", "VOICE", true),
            ("Fiona Brennan", "Head of Commissioning", "E09000016", false),
        })
        {
            await mediator.Send(new AppointBoardMember(name, role, organisation, youngPerson, started, null), cancellationToken);
        }

        var meetings = new List<Guid>();
        for (var quarter = 3; quarter >= 0; quarter--)
        {
            var date = today.AddMonths(-3 * quarter - 1);
            meetings.Add(await mediator.Send(new ScheduleBoardMeeting(date, $"Partnership board, {date:MMMM yyyy}", "Havering Town Hall, Romford"), cancellationToken));
        }

        var next = await mediator.Send(new ScheduleBoardMeeting(today.AddMonths(2), $"Partnership board, {today.AddMonths(2):MMMM yyyy}", "Newham Dockside"), cancellationToken);
        _ = next;

        await mediator.Send(new RecordDecision(meetings[0], "Approve the block contract award to Ashgrove Children's Homes and Brightwater Care Partnership for 35 places."), cancellationToken);
        await mediator.Send(new RecordDecision(meetings[0], "Adopt the outcome framework with school attendance, placement stability and local placements as the headline indicators."), cancellationToken);
        var visits = await mediator.Send(new RaiseAction(meetings[0], "Arrange for young people to visit each home before it takes its first placement", "Fiona Brennan", today.AddMonths(-9)), cancellationToken);
        await mediator.Send(new ChangeActionStatus(meetings[0], visits, ActionStatus.Done, "All nine homes visited by the young people's panel."), cancellationToken);

        await mediator.Send(new RecordDecision(meetings[1], "Agree the vacancy confirmation cadence of seven days for all providers."), cancellationToken);
        var rebanding = await mediator.Send(new RaiseAction(meetings[1], "Publish the re-banding procedure with its effective-date rule to providers", "Helen Marsh", today.AddMonths(-5)), cancellationToken);
        await mediator.Send(new ChangeActionStatus(meetings[1], rebanding, ActionStatus.Done, null), cancellationToken);

        await mediator.Send(new RecordDecision(meetings[2], "Ask the training body to offer weekend sessions so providers can release staff."), cancellationToken);
        await mediator.Send(new RaiseAction(meetings[2], "Report the cost of out-of-borough placements against the baseline", "Gareth Lewis", today.AddDays(-10)), cancellationToken);

        await mediator.Send(new RecordDecision(meetings[3], "Note the quarter's performance pack and the narrative on placement stability."), cancellationToken);
        var mix = await mediator.Send(new RaiseAction(meetings[3], "Review the home-mix limit for four-bed homes with providers", "Tom Okafor", today.AddMonths(1)), cancellationToken);
        await mediator.Send(new ChangeActionStatus(meetings[3], mix, ActionStatus.InProgress, "First workshop held with PRV-A and PRV-B."), cancellationToken);

        var assessment = await mediator.Send(new RecordParticipationActivity(today.AddMonths(-11), ParticipationKind.ProviderAssessment, 6,
            "Young people's panel scored the tender presentations of the shortlisted providers."), cancellationToken);
        var heard = await mediator.Send(new AddFeedback(assessment, "Homes should have Wi-Fi that works in the bedrooms, not just the lounge."), cancellationToken);
        await mediator.Send(new RespondToFeedback(assessment, heard, "Wi-Fi in every bedroom is now a contract standard; providers confirmed it at the first quarterly review.", today.AddMonths(-8)), cancellationToken);

        var survey = await mediator.Send(new RecordParticipationActivity(today.AddMonths(-4), ParticipationKind.Survey, 23,
            "Survey of young people placed through the partnership about moving in."), cancellationToken);
        var moving = await mediator.Send(new AddFeedback(survey, "We want to visit a home and meet the staff before we move, not on the day."), cancellationToken);
        await mediator.Send(new RespondToFeedback(survey, moving, "Brokerage now books a visit before every planned move; emergency moves get a visit within a week.", today.AddMonths(-2)), cancellationToken);
        await mediator.Send(new AddFeedback(survey, "Tell us who our key worker will be before we arrive."), cancellationToken);

        await mediator.Send(new RecordParticipationActivity(today.AddDays(-20), ParticipationKind.BoardMeeting, 2,
            "Two young people's representatives presented the survey results to the board."), cancellationToken);
    }
}
