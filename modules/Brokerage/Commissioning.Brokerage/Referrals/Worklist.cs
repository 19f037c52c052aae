using System.Text.Json.Serialization;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Brokerage.Referrals;

/// <summary>
/// One open referral on the brokerage worklist: its clock from submission against its target, time left or overdue,
/// who has it, its status and what to do next.
/// </summary>
/// <param name="Emergency">Needed "Today": the target is 24 hours, not 5 working days.</param>
/// <param name="Waiting">How long the child has waited since the first submission, in plain English.</param>
/// <param name="MinutesLeft">Minutes to the decision target (negative when overdue), or null once decided.</param>
/// <param name="Clock">"3 hours left", "2 days overdue", or "Decided" once decided.</param>
internal sealed record WorklistItem(
    Guid Id,
    string Reference,
    string BoroughCode,
    string Status,
    string? NeedBand,
    string? NeededBy,
    bool Emergency,
    DateOnly? RequiredByDate,
    DateTimeOffset SubmittedAt,
    DateTimeOffset ClockStartedAt,
    DateTimeOffset DecisionDueAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? EscalatedAt,
    long? MinutesLeft,
    bool Overdue,
    string Clock,
    string Waiting,
    string? AssigneePersonId,
    string? AssigneeName,
    string NextAction,
    [property: JsonIgnore] ChildRecordKey ChildRecord) : IChildRecord;

/// <summary>
/// Every open referral (submitted, returned, offered, placement agreed, spot purchase), most urgent first: undecided
/// ones by their decision due time (the overdue first), then decided ones by how long the child has waited.
/// Filters: status, borough, assignee (a person id, <c>me</c> or <c>unassigned</c>).
/// </summary>
[AllowedRoles(Roles.Brokerage)]
[ChildData]
internal sealed record GetWorklist(PageRequest Page, ReferralStatus? Status = null, string? BoroughCode = null, string? Assignee = null)
    : IQuery<ChildPage<WorklistItem>>;

internal sealed class GetWorklistHandler([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, RequestContext context, TimeProvider clock)
    : IRequestHandler<GetWorklist, ChildPage<WorklistItem>>
{
    public async Task<ChildPage<WorklistItem>> Handle(GetWorklist request, CancellationToken cancellationToken)
    {
        if (request.Status is { } s && !ReferralStatuses.Open.Contains(s))
        {
            throw RequestValidationException.For("status", "The worklist shows open referrals only: give status as submitted, returned, offered, placement-agreed or spot-purchase");
        }

        var now = clock.GetUtcNow();
        var assignee = request.Assignee?.Trim();
        var (scope, scoped) = ChildDataScope.For(context).SqlFilter("borough_code", "offered_to", 1);
        var where = $"""
            {scope} AND {ChildScopeSql.TypesParameterOne} AND status = ANY($2) AND ($3::text IS NULL OR status = $3) AND ($4::text IS NULL OR borough_code = $4)
            AND ($5::text IS NULL OR ($5 = 'unassigned' AND assignee_person_id IS NULL) OR assignee_person_id = $5)
            """;
        var page = await PagedQuery.ReadAsync(store.DataSource, request.Page,
            $"SELECT count(*) FROM {ReferralTables.Referrals} WHERE {where}",
            $"""
            SELECT referral_id, reference, borough_code, status, need_band, needed_by, required_by, submitted_at, clock_started_at, decision_due_at,
                   decided_at, escalated_at, assignee_person_id, assignee_name, returned_question, offered_to
            FROM {ReferralTables.Referrals} WHERE {where}
            ORDER BY (decided_at IS NOT NULL), CASE WHEN decided_at IS NULL THEN decision_due_at END, submitted_at, referral_id
            """,
            [scoped, ReferralStatuses.Open.Select(ReferralStatuses.Code).ToArray(), request.Status is { } st ? ReferralStatuses.Code(st) : null,
             string.IsNullOrWhiteSpace(request.BoroughCode) ? null : request.BoroughCode.Trim().ToUpperInvariant(),
             string.IsNullOrEmpty(assignee) ? null : assignee == "me" ? context.UserId : assignee],
            r => Read(r, now),
            cancellationToken);
        return new ChildPage<WorklistItem>(page);
    }

    private static WorklistItem Read(NpgsqlDataReader r, DateTimeOffset now)
    {
        var status = ReferralStatuses.Parse(r.GetString(3));
        var neededBy = r.NullableString(5);
        var due = r.GetFieldValue<DateTimeOffset>(9);
        var decidedAt = r.NullableInstant(10);
        var submittedAt = r.GetFieldValue<DateTimeOffset>(7);
        var remaining = due - now;
        var undecided = decidedAt is null && status == ReferralStatus.Submitted;
        return new WorklistItem(
            r.GetGuid(0), r.GetString(1), r.GetString(2), ReferralStatuses.Code(status), r.NullableString(4), neededBy, DecisionClock.IsEmergency(neededBy),
            r.NullableDate(6), submittedAt, r.GetFieldValue<DateTimeOffset>(8), due, decidedAt, r.NullableInstant(11),
            undecided ? (long)Math.Floor(remaining.TotalMinutes) : null,
            undecided && remaining < TimeSpan.Zero,
            undecided ? DecisionClock.DescribeRemaining(remaining) : "Decided",
            DescribeWaited(now - submittedAt),
            r.NullableString(12), r.NullableString(13),
            NextAction(status, decidedAt is not null, r.NullableString(12) is not null, r.NullableString(14)),
            new ChildRecordKey("referral", r.GetGuid(0).ToString(), r.GetString(2), r.Strings(15)));
    }

    private static string DescribeWaited(TimeSpan waited) =>
        DecisionClock.DescribeRemaining(waited).Replace(" left", "", StringComparison.Ordinal) switch { var t => $"Waiting {t}" };

    /// <summary>The next thing brokerage (or someone else) has to do, as a sentence.</summary>
    public static string NextAction(ReferralStatus status, bool decided, bool assigned, string? question) => status switch
    {
        ReferralStatus.Submitted when !assigned => "Assign it to someone, then shortlist beds and make an offer, or return it for more information.",
        ReferralStatus.Submitted when decided => "The last offer ended: shortlist again and offer another bed, or start a spot purchase.",
        ReferralStatus.Submitted => "Shortlist beds and make an offer, start a spot purchase, or return it for more information.",
        ReferralStatus.Returned => $"Wait for the borough to answer: \"{question}\"",
        ReferralStatus.Offered => "Wait for the provider to accept or decline the offer, and chase it before the response deadline.",
        ReferralStatus.PlacementAgreed => "Agree the start date with the provider and record the placement's start.",
        ReferralStatus.SpotPurchase => "Collect bids from the accredited providers invited, then award the spot purchase.",
        _ => "Nothing: the referral is not open.",
    };
}

/// <summary>
/// The escalation job's command: every undecided submitted referral past its target is marked escalated (once per
/// clock: the referral's own state refuses a second time) and the brokerage team is told, by the notifications
/// subscription, under a key made from the escalation event so a repeat is stored once.
/// </summary>
[SystemOnly]
internal sealed record EscalateOverdueReferrals : ICommand<int>;

internal sealed class EscalateOverdueReferralsHandler(
    [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, RequestContext context, TimeProvider clock)
    : IRequestHandler<EscalateOverdueReferrals, int>
{
    public async Task<int> Handle(EscalateOverdueReferrals request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await ReadModels.QueryAsync(store,
            $"SELECT referral_id FROM {ReferralTables.Referrals} WHERE {ReferralTables.OverdueForDecision} AND escalated_at IS NULL ORDER BY decision_due_at",
            r => r.GetGuid(0), cancellationToken, now);
        var escalated = 0;
        foreach (var id in due)
        {
            // One session per referral: the job is not one unit of work but many small ones, so one referral's conflict does not undo the others.
            var stream = ReferralStreams.For(id);
            var (referral, version) = await store.LoadAsync<Referral>(stream, cancellationToken);
            var events = referral.Escalate(now);
            if (events.Count == 0)
            {
                continue;
            }

            try
            {
                await store.OpenSession(context.ToEventMetadata())
                    .Append(stream, ReferralStreams.StreamType, version, events, referral.BoroughCode)
                    .SaveChangesAsync(cancellationToken);
                escalated++;
            }
            catch (StreamVersionConflictException)
            {
                // Someone decided or escalated it at the same moment (another host's job): theirs stands; the next run looks again.
            }
        }

        return escalated;
    }
}
