using System.Text.Json;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Brokerage.Referrals;

/// <summary>A referral as the other Brokerage parts need it (from the inline <c>referrals</c> read model).</summary>
/// <param name="Id">The referral's id.</param>
/// <param name="Reference">The pseudonymous reference (R-26-7KX3M2); null while a draft.</param>
/// <param name="BoroughCode">The referring borough's GSS code: the owner for the child-data gate.</param>
/// <param name="Status">Where it is.</param>
/// <param name="SubmittedAt">The first submission: the child has waited since then.</param>
/// <param name="DecisionDueAt">When the current decision clock is due.</param>
/// <param name="Details">Everything the referrer gave.</param>
/// <param name="Version">The referral stream's version: the expected version for an append (see <see cref="ReferralStreams"/>).</param>
/// <param name="DecidedAt">When the current clock was decided (offer, spot purchase, return, close), or null.</param>
/// <param name="OfferedTo">The providers it has been offered to, for the child-data gate.</param>
internal sealed record ReferralRecord(
    Guid Id,
    string? Reference,
    string BoroughCode,
    ReferralStatus Status,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DecisionDueAt,
    ReferralDetails Details,
    long Version,
    DateTimeOffset? DecidedAt,
    IReadOnlyList<string> OfferedTo);

/// <summary>
/// Reads one referral for the other Brokerage parts (the shortlist, offers, spot purchases). An unguarded internal
/// read: the caller's request is the one that applies the child-data gate (it returns an <c>IChildRecord</c> naming
/// <see cref="ReferralRecord.BoroughCode"/> and <see cref="ReferralRecord.OfferedTo"/>, or checks
/// <c>ChildDataScope.For(context).Allows(...)</c> itself before acting).
/// </summary>
/// <remarks>
/// <para>To change a referral's status from another part, append the status event (ReferralEvents.cs) to
/// <c>ReferralStreams.For(id)</c> with <c>ReferralStreams.StreamType</c>, the borough as scope and the version read
/// here (or from <c>store.LoadAsync&lt;Referral&gt;</c>) as the expected version, in the same unit of work as your own
/// events: <c>unitOfWork.For(store).Append(ReferralStreams.For(r.Id), ReferralStreams.StreamType, r.Version, [new
/// ReferralOfferMade(...)], r.BoroughCode)</c>, or <see cref="ReferralStatusEvents.AppendTo"/>; your own stream's events
/// go in the same session, so both are stored or neither (ADR 0012). Ask
/// <c>Referral.EnsureCanBeOffered()</c> (and friends) on the loaded state first: the decisions live there. The
/// expected version makes a concurrent change (a return, a close) fail with a conflict rather than be overwritten.</para>
/// </remarks>
internal sealed class ReferralReader([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store)
{
    internal const string Columns =
        "referral_id, reference, borough_code, status, submitted_at, decision_due_at, details::text, version, decided_at, offered_to";

    public async Task<ReferralRecord?> GetAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var rows = await ReadModels.QueryAsync(store, $"SELECT {Columns} FROM {ReferralTables.Referrals} WHERE referral_id = $1", Map, cancellationToken, referralId);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Several referrals at once (the allocation proposal), in no particular order; unknown ids are left out.</summary>
    public Task<IReadOnlyList<ReferralRecord>> GetManyAsync(IReadOnlyCollection<Guid> referralIds, CancellationToken cancellationToken) =>
        ReadModels.QueryAsync(store, $"SELECT {Columns} FROM {ReferralTables.Referrals} WHERE referral_id = ANY($1)", Map, cancellationToken, (object)referralIds.ToArray());

    /// <summary>Every referral in one of <paramref name="statuses"/> (for example the submitted ones waiting for a bed).</summary>
    public Task<IReadOnlyList<ReferralRecord>> InStatusAsync(IReadOnlyCollection<ReferralStatus> statuses, CancellationToken cancellationToken) =>
        ReadModels.QueryAsync(store, $"SELECT {Columns} FROM {ReferralTables.Referrals} WHERE status = ANY($1) ORDER BY submitted_at", Map, cancellationToken,
            (object)statuses.Select(ReferralStatuses.Code).ToArray()); // one text[] parameter, not params of strings

    internal static ReferralRecord Map(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        r.NullableString(1),
        r.GetString(2),
        ReferralStatuses.Parse(r.GetString(3)),
        r.NullableInstant(4),
        r.NullableInstant(5),
        DetailsFromJson(r.GetString(6)),
        r.GetInt64(7),
        r.NullableInstant(8),
        r.Strings(9));

    internal static ReferralDetails DetailsFromJson(string json) =>
        JsonSerializer.Deserialize<ReferralDetails>(json, EventTypeRegistry.SerializerOptions) ?? new ReferralDetails();
}

/// <summary>How the other parts append a referral's status events (ReferralEvents.cs) so they cannot get the stream, type, scope or version wrong.</summary>
internal static class ReferralStatusEvents
{
    /// <summary>
    /// Queues <paramref name="events"/> on <paramref name="referral"/>'s stream, expecting it still at the version it
    /// was read at: a concurrent change (returned, closed, another offer) makes the save fail with a conflict.
    /// </summary>
    public static EventSession AppendTo(EventSession session, ReferralRecord referral, params object[] events) =>
        session.Append(ReferralStreams.For(referral.Id), ReferralStreams.StreamType, referral.Version, events, referral.BoroughCode);
}
