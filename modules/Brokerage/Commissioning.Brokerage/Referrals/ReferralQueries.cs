using System.Text.Json;
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
/// A referral as the API and pages show it: its state, then every field of <see cref="ReferralDetails"/> flat beside
/// it, named as the submission names them (so what was sent comes back in the same shape).
/// </summary>
internal sealed record ReferralView(
    Guid Id,
    string? Reference,
    string Status,
    string BoroughCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DecisionDueAt,
    DateTimeOffset? DecidedAt,
    string? DecidedHow,
    DateTimeOffset? EscalatedAt,
    string? AssigneePersonId,
    string? AssigneeName,
    string? ReturnedQuestion,
    string? ClosedReason,
    long Version,
    [property: JsonIgnore] ReferralDetails Details,
    [property: JsonIgnore] ChildRecordKey ChildRecord) : IChildRecord
{
    [JsonIgnore]
    public ReferralStatus StatusValue => ReferralStatuses.Parse(Status);

    /// <summary>The details' fields, written flat into the JSON object.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Fields => JsonSerializer.SerializeToElement(Details, JsonSerializerOptions.Web)
        .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
}

/// <summary>A referral in a list.</summary>
internal sealed record ReferralSummary(
    Guid Id,
    string? Reference,
    string Status,
    string BoroughCode,
    string? ChildId,
    string? NeedBand,
    string? NeededBy,
    DateOnly? RequiredByDate,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DecisionDueAt,
    string? AssigneeName,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore] ChildRecordKey ChildRecord) : IChildRecord;

/// <summary>One line of a referral's status history.</summary>
internal sealed record ReferralHistoryLine(DateTimeOffset At, string Status, string What, string? By);

/// <summary>A referral's status history, oldest first.</summary>
internal sealed record ReferralHistory(Guid Id, string? Reference, IReadOnlyList<ReferralHistoryLine> Lines, [property: JsonIgnore] ChildRecordKey ChildRecord) : IChildRecord;

/// <summary>One thing that stops a referral being submitted, in plain English.</summary>
internal sealed record MissingItem(string Field, string Message);

/// <summary>What is still missing or wrong before the referral can be submitted (empty when it can be).</summary>
internal sealed record ReferralCompleteness(Guid Id, string Status, bool Complete, IReadOnlyList<MissingItem> Missing, [property: JsonIgnore] ChildRecordKey ChildRecord)
    : IChildRecord;

/// <summary>A page of child records: the gate checks and audits each item.</summary>
internal sealed record ChildPage<T>(Paged<T> Page) : IChildRecordContainer where T : IChildRecord
{
    public IEnumerable<IChildRecord> ChildRecords => Page.Items.Cast<IChildRecord>();
}

[AllowedRoles(Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager)]
[ChildData]
internal sealed record GetReferral(Guid ReferralId) : IQuery<ReferralView>;

/// <summary>Referrals in the caller's scope (a borough its own, drafts included; brokerage every submitted one), latest first, optionally of one status.</summary>
[AllowedRoles(Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager)]
[ChildData]
internal sealed record ListReferrals(PageRequest Page, ReferralStatus? Status = null) : IQuery<ChildPage<ReferralSummary>>;

[AllowedRoles(Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager)]
[ChildData]
internal sealed record GetReferralHistory(Guid ReferralId) : IQuery<ReferralHistory>;

[AllowedRoles(Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager)]
[ChildData]
internal sealed record GetReferralCompleteness(Guid ReferralId) : IQuery<ReferralCompleteness>;

internal sealed class ReferralQueryHandlers([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, RequestContext context, TimeProvider clock)
    : IRequestHandler<GetReferral, ReferralView>,
      IRequestHandler<ListReferrals, ChildPage<ReferralSummary>>,
      IRequestHandler<GetReferralHistory, ReferralHistory>,
      IRequestHandler<GetReferralCompleteness, ReferralCompleteness>
{
    private const string ViewColumns =
        "referral_id, reference, status, borough_code, created_at, submitted_at, decision_due_at, decided_at, decided_how, escalated_at, " +
        "assignee_person_id, assignee_name, returned_question, closed_reason, version, details::text, offered_to";

    public async Task<ReferralView> Handle(GetReferral request, CancellationToken cancellationToken)
    {
        // Unfiltered by design: the child-data gate turns another borough's referral into the same 404 as an unknown id.
        var rows = await ReadModels.QueryAsync(store, $"SELECT {ViewColumns} FROM {ReferralTables.Referrals} WHERE referral_id = $1", ReadView, cancellationToken, request.ReferralId);
        return rows.Count > 0 ? rows[0] : throw new NotFoundException("There is no referral with that id.");
    }

    public async Task<ChildPage<ReferralSummary>> Handle(ListReferrals request, CancellationToken cancellationToken)
    {
        var (scope, scoped) = ChildDataScope.For(context).SqlFilter("borough_code", "offered_to", 1);
        // A draft is the borough's work in progress, not yet referred: only its own borough lists it.
        var where = $"{scope} AND {ChildScopeSql.TypesParameterOne} AND ($2::text IS NULL OR status = $2) AND ($3 OR status <> 'draft')";
        var page = await PagedQuery.ReadAsync(store.DataSource, request.Page,
            $"SELECT count(*) FROM {ReferralTables.Referrals} WHERE {where}",
            $"""
            SELECT referral_id, reference, status, borough_code, child_id, need_band, needed_by, required_by, submitted_at, decision_due_at, assignee_name,
                   updated_at, offered_to
            FROM {ReferralTables.Referrals} WHERE {where} ORDER BY updated_at DESC, referral_id
            """,
            [scoped, request.Status is { } s ? ReferralStatuses.Code(s) : null, context.Role is Roles.BoroughReferrer or Roles.BoroughManager],
            r => new ReferralSummary(r.GetGuid(0), r.NullableString(1), r.GetString(2), r.GetString(3), r.NullableString(4), r.NullableString(5),
                r.NullableString(6), r.NullableDate(7), r.NullableInstant(8), r.NullableInstant(9), r.NullableString(10), r.GetFieldValue<DateTimeOffset>(11),
                new ChildRecordKey("referral", r.GetGuid(0).ToString(), r.GetString(3), r.Strings(12))),
            cancellationToken);
        return new ChildPage<ReferralSummary>(page);
    }

    public async Task<ReferralHistory> Handle(GetReferralHistory request, CancellationToken cancellationToken)
    {
        var referral = await Handle(new GetReferral(request.ReferralId), cancellationToken);
        var lines = await ReadModels.QueryAsync(store,
            $"SELECT at, status, what, by FROM {ReferralTables.History} WHERE referral_id = $1 ORDER BY version",
            r => new ReferralHistoryLine(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.GetString(2), r.NullableString(3)),
            cancellationToken, request.ReferralId);
        return new ReferralHistory(referral.Id, referral.Reference, lines, referral.ChildRecord);
    }

    public async Task<ReferralCompleteness> Handle(GetReferralCompleteness request, CancellationToken cancellationToken)
    {
        var referral = await Handle(new GetReferral(request.ReferralId), cancellationToken);
        var missing = Completeness.Of(referral.Details, PartnershipToday());
        return new ReferralCompleteness(referral.Id, referral.Status, missing.Count == 0, missing, referral.ChildRecord);
    }

    private DateOnly PartnershipToday() => DecisionClock.LondonDate(clock.GetUtcNow());

    internal static ReferralView ReadView(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.NullableString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.NullableInstant(5), r.NullableInstant(6),
        r.NullableInstant(7), r.NullableString(8), r.NullableInstant(9), r.NullableString(10), r.NullableString(11), r.NullableString(12), r.NullableString(13),
        r.GetInt64(14), ReferralReader.DetailsFromJson(r.GetString(15)),
        new ChildRecordKey("referral", r.GetGuid(0).ToString(), r.GetString(3), r.Strings(16)));
}

/// <summary>Helps the child-data scope's SQL filter sit in a query as parameter $1.</summary>
internal static class ChildScopeSql
{
    /// <summary>Brokerage's scope ("true") does not use its parameter, and PostgreSQL cannot type an unused null: this names its type.</summary>
    public const string TypesParameterOne = "($1::text IS NULL OR $1::text IS NOT NULL)";
}

/// <summary>The completeness check: every reason the details cannot yet be submitted, in the order the question flow asks.</summary>
internal static class Completeness
{
    public static IReadOnlyList<MissingItem> Of(ReferralDetails details, DateOnly today)
    {
        var errors = ReferralRules.Check(details, today);
        return [.. ReferralQuestions.FieldOrder
            .Where(errors.ContainsKey)
            .Concat(errors.Keys.Where(k => !ReferralQuestions.FieldOrder.Contains(k)))
            .SelectMany(f => errors[f].Select(m => new MissingItem(f, m)))];
    }
}
