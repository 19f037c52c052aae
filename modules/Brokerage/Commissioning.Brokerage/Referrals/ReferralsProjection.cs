using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.Referrals;

/// <summary>
/// Referrals as they stand (<c>referrals</c>) and their status history (<c>referral_history</c>), kept inline so a
/// referral read straight after a write (the worklist, <see cref="ReferralReader"/>) is never behind. Applies every
/// event on the referral stream, including the status events the Placements and Spot purchases parts append.
/// </summary>
internal sealed class ReferralsProjection : Projection
{
    public override string Name => "brokerage-referrals";

    public override IReadOnlyList<string> OwnedTables => [ReferralTables.Referrals, ReferralTables.History];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        var v = storedEvent.Version;
        var by = storedEvent.Metadata.UserId;
        switch (storedEvent.Data)
        {
            case ReferralDraftSaved e:
                commands.Execute(
                    $"""
                    INSERT INTO {ReferralTables.Referrals} (referral_id, borough_code, status, details, version, created_at, created_by, updated_at,
                        child_id, need_band, needed_by, required_by, home_postcode_district)
                    VALUES ($1, $2, 'draft', $3::jsonb, $4, $5, $6, $5, $7, $8, $9, $10, $11)
                    ON CONFLICT (referral_id) DO UPDATE SET details = excluded.details, version = excluded.version, updated_at = excluded.updated_at,
                        child_id = excluded.child_id, need_band = excluded.need_band, needed_by = excluded.needed_by,
                        required_by = excluded.required_by, home_postcode_district = excluded.home_postcode_district
                    """,
                    [e.ReferralId, e.BoroughCode, Json(e.Details), v, e.At, e.By, .. DetailColumns(e.Details)]);
                if (v == 1)
                {
                    History(commands, e.ReferralId, v, e.At, ReferralStatus.Draft, "Draft started", by);
                }

                break;
            case ReferralSubmitted e:
                // A referral submitted straight through the API has no draft row yet: insert or update.
                commands.Execute(
                    $"""
                    INSERT INTO {ReferralTables.Referrals} (referral_id, reference, borough_code, status, details, version, created_at, created_by, updated_at,
                        submitted_at, clock_started_at, decision_due_at, child_id, need_band, needed_by, required_by, home_postcode_district)
                    VALUES ($1, $2, $3, 'submitted', $4::jsonb, $5, $6, $7, $6, $6, $6, $8, $9, $10, $11, $12, $13)
                    ON CONFLICT (referral_id) DO UPDATE SET reference = excluded.reference, status = 'submitted', details = excluded.details,
                        version = excluded.version, updated_at = excluded.updated_at, submitted_at = excluded.submitted_at,
                        clock_started_at = excluded.clock_started_at, decision_due_at = excluded.decision_due_at,
                        child_id = excluded.child_id, need_band = excluded.need_band, needed_by = excluded.needed_by,
                        required_by = excluded.required_by, home_postcode_district = excluded.home_postcode_district
                    """,
                    [e.ReferralId, e.Reference, e.BoroughCode, Json(e.Details), v, e.At, e.By, e.DecisionDueAt, .. DetailColumns(e.Details)]);
                History(commands, e.ReferralId, v, e.At, ReferralStatus.Submitted, $"Submitted as {e.Reference}", by);
                break;
            case ReferralReturned e:
                Update(commands, e.ReferralId, v, e.At, "status = 'returned', returned_question = $4, decided_at = coalesce(decided_at, $3), decided_how = coalesce(decided_how, 'returned')", e.Question);
                History(commands, e.ReferralId, v, e.At, ReferralStatus.Returned, $"Returned for more information: {e.Question}", by);
                break;
            case ReferralAmended e:
                commands.Execute(
                    $"""
                    UPDATE {ReferralTables.Referrals} SET version = $2, updated_at = $3, details = $4::jsonb,
                        child_id = $5, need_band = $6, needed_by = $7, required_by = $8, home_postcode_district = $9
                    WHERE referral_id = $1
                    """,
                    [e.ReferralId, v, e.At, Json(e.Details), .. DetailColumns(e.Details)]);
                // Amendments saved page by page are one line in the history, not one per page.
                commands.Execute(
                    $"""
                    INSERT INTO {ReferralTables.History} (referral_id, version, at, status, what, by)
                    SELECT $1, $2, $3, 'returned', 'Details changed by the borough', $4
                    WHERE NOT EXISTS (SELECT 1 FROM {ReferralTables.History} h WHERE h.referral_id = $1
                        AND h.version = (SELECT max(version) FROM {ReferralTables.History} WHERE referral_id = $1) AND h.what = 'Details changed by the borough')
                    ON CONFLICT (referral_id, version) DO NOTHING
                    """,
                    e.ReferralId, v, e.At, by);
                break;
            case ReferralResubmitted e:
                // A new clock starts at resubmission: the referral is undecided again and may escalate again.
                commands.Execute(
                    $"""
                    UPDATE {ReferralTables.Referrals} SET version = $2, updated_at = $3, status = 'submitted', returned_question = NULL,
                        details = $4::jsonb, clock_started_at = $3, decision_due_at = $5, decided_at = NULL, decided_how = NULL, escalated_at = NULL,
                        child_id = $6, need_band = $7, needed_by = $8, required_by = $9, home_postcode_district = $10
                    WHERE referral_id = $1
                    """,
                    [e.ReferralId, v, e.At, Json(e.Details), e.DecisionDueAt, .. DetailColumns(e.Details)]);
                History(commands, e.ReferralId, v, e.At, ReferralStatus.Submitted, $"Resubmitted with an answer: {e.Answer}", by);
                break;
            case ReferralAssigned e:
                Update(commands, e.ReferralId, v, e.At, "assignee_person_id = $4, assignee_name = $5", e.PersonId, e.PersonName);
                History(commands, e.ReferralId, v, e.At, null, $"Assigned to {e.PersonName ?? e.PersonId}", by);
                break;
            case ReferralEscalated e:
                Update(commands, e.ReferralId, v, e.At, "escalated_at = $3");
                History(commands, e.ReferralId, v, e.At, null, "Escalated: no decision by the target time", by);
                break;
            case ReferralOfferMade e:
                Update(commands, e.ReferralId, v, e.At,
                    "status = 'offered', decided_at = coalesce(decided_at, $3), decided_how = coalesce(decided_how, 'offer'), offered_to = CASE WHEN $4 = ANY(offered_to) THEN offered_to ELSE array_append(offered_to, $4) END",
                    e.ProviderCode);
                History(commands, e.ReferralId, v, e.At, ReferralStatus.Offered, $"Bed {e.BedId} offered to {e.ProviderCode}", by);
                break;
            case ReferralOfferEnded e:
                Update(commands, e.ReferralId, v, e.At, "status = 'submitted'");
                History(commands, e.ReferralId, v, e.At, ReferralStatus.Submitted, $"Offer {e.Outcome}: waiting for another bed", by);
                break;
            case ReferralPlacementAgreed e:
                Update(commands, e.ReferralId, v, e.At, "status = 'placement-agreed'");
                History(commands, e.ReferralId, v, e.At, ReferralStatus.PlacementAgreed, "Placement agreed", by);
                break;
            case ReferralPlaced e:
                Update(commands, e.ReferralId, v, e.At, "status = 'placed'");
                History(commands, e.ReferralId, v, e.At, ReferralStatus.Placed, $"Placed from {e.StartDate:yyyy-MM-dd}", by);
                break;
            case ReferralSpotPurchaseStarted e:
                Update(commands, e.ReferralId, v, e.At, "status = 'spot-purchase', decided_at = coalesce(decided_at, $3), decided_how = coalesce(decided_how, 'spot-purchase')");
                History(commands, e.ReferralId, v, e.At, ReferralStatus.SpotPurchase, "Spot purchase started", by);
                break;
            case ReferralClosed e:
                Update(commands, e.ReferralId, v, e.At,
                    "status = 'closed', closed_reason = $4, decided_at = coalesce(decided_at, $3), decided_how = coalesce(decided_how, 'closed')", e.Reason);
                History(commands, e.ReferralId, v, e.At, ReferralStatus.Closed,
                    $"Closed ({e.Reason}){(string.IsNullOrWhiteSpace(e.Note) ? "" : ": " + e.Note)}", by);
                break;
        }
    }

    private static void Update(ProjectionCommands commands, Guid id, long version, DateTimeOffset at, string set, params object?[] more) =>
        commands.Execute($"UPDATE {ReferralTables.Referrals} SET version = $2, updated_at = $3, {set} WHERE referral_id = $1", [id, version, at, .. more]);

    // status NULL: the line does not change the status (assignment, escalation); it shows the status it had.
    private static void History(ProjectionCommands commands, Guid id, long version, DateTimeOffset at, ReferralStatus? status, string what, string? by) =>
        commands.Execute(
            $"""
            INSERT INTO {ReferralTables.History} (referral_id, version, at, status, what, by)
            VALUES ($1, $2, $3, coalesce($4, (SELECT status FROM {ReferralTables.Referrals} WHERE referral_id = $1), 'draft'), $5, $6)
            ON CONFLICT (referral_id, version) DO NOTHING
            """,
            id, version, at, status is { } s ? ReferralStatuses.Code(s) : null, what, by);

    internal static string Json(ReferralDetails details) => EventTypeRegistry.Serialize(details);

    private static object?[] DetailColumns(ReferralDetails d) =>
        [d.ChildId, d.NeedBand, d.NeededBy, d.RequiredByDate, d.HomePostcodeDistrict];
}
