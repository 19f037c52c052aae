using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Partnership.Governance.Participation;

/// <summary>Participation activities, most recent first.</summary>
[AllowedRoles(Roles.PartnershipAdmin, Roles.BoardMember, Roles.Brokerage, Roles.ContractManager, Roles.BoroughManager, Roles.Finance, Roles.TrainingCoordinator)]
internal sealed record ListParticipationActivities : IQuery<IReadOnlyList<ParticipationActivitySummary>>;

/// <summary>One activity with its "you said" items and "we did" responses.</summary>
[AllowedRoles(Roles.PartnershipAdmin, Roles.BoardMember, Roles.Brokerage, Roles.ContractManager, Roles.BoroughManager, Roles.Finance, Roles.TrainingCoordinator)]
internal sealed record GetParticipationActivity(Guid ActivityId) : IQuery<ParticipationActivityDetails>;

/// <summary>"You said, we did" across activities, optionally for activities between two dates (inclusive).</summary>
[AllowedRoles(Roles.PartnershipAdmin, Roles.BoardMember, Roles.Brokerage, Roles.ContractManager, Roles.BoroughManager, Roles.Finance, Roles.TrainingCoordinator)]
internal sealed record GetYouSaidWeDidSummary(DateOnly? From = null, DateOnly? To = null) : IQuery<YouSaidWeDidSummary>;

internal sealed class GetYouSaidWeDidSummaryValidator : AbstractValidator<GetYouSaidWeDidSummary>
{
    public GetYouSaidWeDidSummaryValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("The end date must be the same as or after the start date");
    }
}

internal sealed record ParticipationActivitySummary(
    Guid ActivityId, DateOnly TookPlaceOn, ParticipationKind Kind, int YoungPeopleCount, string Summary, int FeedbackItems, int AwaitingResponse);

/// <param name="Version">The activity's stream version, for If-Match.</param>
internal sealed record ParticipationActivityDetails(
    Guid ActivityId, long Version, DateOnly TookPlaceOn, ParticipationKind Kind, int YoungPeopleCount, string Summary, IReadOnlyList<FeedbackItem> Feedback);

/// <param name="AwaitingResponse">No "we did" yet.</param>
internal sealed record FeedbackItem(int Number, string YouSaid, DateTimeOffset AddedAt, string? WeDid, DateOnly? RespondedOn, bool AwaitingResponse);

/// <param name="YoungPeopleTakingPart">The sum of each activity's count: one young person at two activities counts twice.</param>
/// <param name="Items">Every item, awaiting a response first, then by activity date, most recent first.</param>
internal sealed record YouSaidWeDidSummary(
    int Activities, int YoungPeopleTakingPart, int FeedbackItems, int Responded, int AwaitingResponse, IReadOnlyList<YouSaidWeDidItem> Items);

internal sealed record YouSaidWeDidItem(
    Guid ActivityId, DateOnly TookPlaceOn, ParticipationKind Kind, int Number, string YouSaid, string? WeDid, DateOnly? RespondedOn, bool AwaitingResponse);

internal sealed class ParticipationQueries([FromKeyedServices(PartnershipModule.SchemaName)] EventStore store)
    : IRequestHandler<ListParticipationActivities, IReadOnlyList<ParticipationActivitySummary>>,
      IRequestHandler<GetParticipationActivity, ParticipationActivityDetails>,
      IRequestHandler<GetYouSaidWeDidSummary, YouSaidWeDidSummary>
{
    public Task<IReadOnlyList<ParticipationActivitySummary>> Handle(ListParticipationActivities request, CancellationToken cancellationToken) =>
        ReadModels.QueryAsync(
            store,
            $"""
            SELECT p.activity_id, p.took_place_on, p.kind, p.young_people_count, p.summary,
                   (SELECT count(*)::int FROM {GovernanceTables.Feedback} f WHERE f.activity_id = p.activity_id),
                   (SELECT count(*)::int FROM {GovernanceTables.Feedback} f WHERE f.activity_id = p.activity_id AND f.we_did IS NULL)
            FROM {GovernanceTables.ParticipationActivities} p
            ORDER BY p.took_place_on DESC, p.recorded_at DESC
            """,
            r => new ParticipationActivitySummary(
                r.GetGuid(0), r.GetFieldValue<DateOnly>(1), ParticipationKinds.Parse(r.GetString(2)), r.GetInt32(3), r.GetString(4), r.GetInt32(5), r.GetInt32(6)),
            cancellationToken);

    public async Task<ParticipationActivityDetails> Handle(GetParticipationActivity request, CancellationToken cancellationToken)
    {
        var activities = await ReadModels.QueryAsync(
            store,
            $"SELECT took_place_on, kind, young_people_count, summary, version FROM {GovernanceTables.ParticipationActivities} WHERE activity_id = $1",
            r => (Date: r.GetFieldValue<DateOnly>(0), Kind: ParticipationKinds.Parse(r.GetString(1)), Count: r.GetInt32(2), Summary: r.GetString(3), Version: r.GetInt64(4)),
            cancellationToken,
            request.ActivityId);
        if (activities.Count == 0)
        {
            throw new NotFoundException("There is no participation activity with that id.");
        }

        var feedback = await ReadModels.QueryAsync(
            store,
            $"SELECT number, you_said, added_at, we_did, responded_on FROM {GovernanceTables.Feedback} WHERE activity_id = $1 ORDER BY number",
            r => new FeedbackItem(r.GetInt32(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.NullableString(3), r.NullableDate(4), r.IsDBNull(3)),
            cancellationToken,
            request.ActivityId);

        var (date, kind, count, summary, version) = activities[0];
        return new ParticipationActivityDetails(request.ActivityId, version, date, kind, count, summary, feedback);
    }

    public async Task<YouSaidWeDidSummary> Handle(GetYouSaidWeDidSummary request, CancellationToken cancellationToken)
    {
        // Typed bounds: an untyped NULL parameter cannot be compared with a date.
        var from = request.From ?? DateOnly.MinValue;
        var to = request.To ?? DateOnly.MaxValue;
        var totals = await ReadModels.QueryAsync(
            store,
            $"""
            SELECT count(*)::int, coalesce(sum(young_people_count), 0)::int
            FROM {GovernanceTables.ParticipationActivities} WHERE took_place_on BETWEEN $1 AND $2
            """,
            r => (Activities: r.GetInt32(0), YoungPeople: r.GetInt32(1)),
            cancellationToken,
            from,
            to);
        var items = await ReadModels.QueryAsync(
            store,
            $"""
            SELECT p.activity_id, p.took_place_on, p.kind, f.number, f.you_said, f.we_did, f.responded_on
            FROM {GovernanceTables.Feedback} f JOIN {GovernanceTables.ParticipationActivities} p ON p.activity_id = f.activity_id
            WHERE p.took_place_on BETWEEN $1 AND $2
            ORDER BY f.we_did IS NOT NULL, p.took_place_on DESC, p.activity_id, f.number
            """,
            r => new YouSaidWeDidItem(
                r.GetGuid(0), r.GetFieldValue<DateOnly>(1), ParticipationKinds.Parse(r.GetString(2)), r.GetInt32(3), r.GetString(4),
                r.NullableString(5), r.NullableDate(6), r.IsDBNull(5)),
            cancellationToken,
            from,
            to);

        var awaiting = items.Count(i => i.AwaitingResponse);
        return new YouSaidWeDidSummary(totals[0].Activities, totals[0].YoungPeople, items.Count, items.Count - awaiting, awaiting, items);
    }
}
