using System.Text.Json;
using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.Placements;

/// <summary>
/// Bed holds, offers, placements, their bands and re-banding requests. Inline, so a hold is in <c>bed_holds</c> in
/// the same transaction as its bed event (the table's primary key is the second guard against a doubled hold).
/// </summary>
/// <remarks>
/// The SQL for one event comes from <see cref="CommandsFor"/>, so that the events a command appends to its second and
/// third streams in the same transaction (<see cref="PlacementsWriter"/>) are projected by exactly the same code.
/// </remarks>
internal sealed class PlacementsProjection : Projection
{
    public override string Name => "brokerage-placements";

    public override IReadOnlyList<string> OwnedTables { get; } =
    [
        PlacementsSchema.BedHolds, PlacementsSchema.Offers, PlacementsSchema.Placements, PlacementsSchema.PlacementBands,
        PlacementsSchema.RebandingRequests,
    ];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands)
    {
        foreach (var (sql, parameters) in CommandsFor(storedEvent))
        {
            commands.Execute(sql, parameters);
        }
    }

    public static IEnumerable<(string Sql, object?[] Parameters)> CommandsFor(StoredEvent stored)
    {
        switch (stored.Data)
        {
            // ---- bed ----
            case BedOffered e:
                // No ON CONFLICT: a second holder of the bed fails the whole transaction.
                yield return ($"""
                    INSERT INTO {PlacementsSchema.BedHolds} (bed_id, holder, offer_id, referral_id, referral_reference, borough_code, provider_code,
                        home_code, held_from, respond_by)
                    VALUES ($1, 'offer', $2, $3, $4, $5, $6, $7, $8, $9)
                    """, [e.BedId, e.OfferId, e.ReferralId, e.ReferralReference, e.BoroughCode, e.ProviderCode, e.HomeCode, e.HeldFrom, e.RespondBy]);
                break;
            case BedOfferReleased e:
                yield return ($"DELETE FROM {PlacementsSchema.BedHolds} WHERE bed_id = $1 AND offer_id = $2 AND holder = 'offer'", [e.BedId, e.OfferId]);
                break;
            case BedReservedForPlacement e:
                yield return ($"""
                    UPDATE {PlacementsSchema.BedHolds} SET holder = 'placement', placement_id = $3, respond_by = NULL
                    WHERE bed_id = $1 AND offer_id = $2
                    """, [e.BedId, e.OfferId, e.PlacementId]);
                break;
            case BedOccupiedByPlacement e:
                // A placement moved in without an offer (a move) takes a free bed: an insert that fails if it is not.
                yield return ($"""
                    INSERT INTO {PlacementsSchema.BedHolds} (bed_id, holder, placement_id, referral_id, referral_reference, borough_code, provider_code,
                        home_code, held_from, occupied_from)
                    SELECT $1, 'placement', p.placement_id, p.referral_id, p.referral_reference, p.borough_code, p.provider_code, p.home_code, $4, $3
                    FROM {PlacementsSchema.Placements} p WHERE p.placement_id = $2
                      AND NOT EXISTS (SELECT 1 FROM {PlacementsSchema.BedHolds} h WHERE h.bed_id = $1 AND h.placement_id = $2)
                    """, [e.BedId, e.PlacementId, e.StartDate, e.At]);
                yield return ($"UPDATE {PlacementsSchema.BedHolds} SET occupied_from = $3 WHERE bed_id = $1 AND placement_id = $2",
                    [e.BedId, e.PlacementId, e.StartDate]);
                break;
            case BedVacatedByPlacement e:
                yield return ($"DELETE FROM {PlacementsSchema.BedHolds} WHERE bed_id = $1 AND placement_id = $2", [e.BedId, e.PlacementId]);
                break;

            // ---- offer ----
            case OfferMade e:
                yield return ($"""
                    INSERT INTO {PlacementsSchema.Offers} (offer_id, referral_id, referral_reference, bed_id, home_code, provider_code, borough_code,
                        offered_to, band, summary, date_of_birth, status, made_at, made_by, respond_by, version)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, 'open', $12, $13, $14, $15)
                    """, [e.OfferId, e.ReferralId, e.ReferralReference, e.BedId, e.HomeCode, e.ProviderCode, e.BoroughCode, new[] { e.ProviderCode },
                    e.Summary.Band, JsonSerializer.Serialize(e.Summary, EventTypeRegistry.SerializerOptions), e.Summary.DateOfBirth, e.MadeAt, e.MadeBy,
                    e.RespondBy, stored.Version]);
                break;
            case OfferAccepted e:
                yield return ($"""
                    UPDATE {PlacementsSchema.Offers} SET status = 'accepted', answered_at = $2, answered_by = $3, planned_start_date = $4,
                        pre_placement_visit_date = $5, placement_id = $6, version = $7
                    WHERE offer_id = $1
                    """, [e.OfferId, e.At, e.By, e.PlannedStartDate, e.PrePlacementVisitDate, e.PlacementId, stored.Version]);
                break;
            case OfferDeclined e:
                yield return ($"""
                    UPDATE {PlacementsSchema.Offers} SET status = 'declined', answered_at = $2, answered_by = $3, decline_reason_code = $4,
                        decline_comment = $5, version = $6
                    WHERE offer_id = $1
                    """, [e.OfferId, e.At, e.By, e.ReasonCode, e.Comment, stored.Version]);
                break;
            case OfferLapsed e:
                yield return ($"UPDATE {PlacementsSchema.Offers} SET status = 'lapsed', answered_at = $2, version = $3 WHERE offer_id = $1",
                    [e.OfferId, e.At, stored.Version]);
                break;
            case OfferWithdrawn e:
                yield return ($"""
                    UPDATE {PlacementsSchema.Offers} SET status = 'withdrawn', answered_at = $2, answered_by = $3, withdraw_reason = $4, version = $5
                    WHERE offer_id = $1
                    """, [e.OfferId, e.At, e.By, e.Reason, stored.Version]);
                break;

            // ---- placement ----
            case PlacementAgreed e:
                yield return ($"""
                    INSERT INTO {PlacementsSchema.Placements} (placement_id, referral_id, referral_reference, offer_id, bed_id, home_code, provider_code,
                        borough_code, offered_to, band, status, date_of_birth, agreed_at, planned_start_date, pre_placement_visit_date,
                        moved_from_placement_id, brokerage_org, version, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'confirmed', $11, $12, $13, $14, $15, $16, $17, $12)
                    """, [e.PlacementId, e.ReferralId, e.ReferralReference, e.OfferId, e.BedId, e.HomeCode, e.ProviderCode, e.BoroughCode,
                    new[] { e.ProviderCode }, e.Band, e.DateOfBirth, e.At, e.PlannedStartDate, e.PrePlacementVisitDate, e.MovedFromPlacementId,
                    e.BrokerageOrganisation, stored.Version]);
                break;
            case PlacementStartRecorded e:
                yield return ($"""
                    UPDATE {PlacementsSchema.Placements} SET status = 'started', start_date = $2, step_down_date = $3, version = $4, updated_at = $5
                    WHERE placement_id = $1
                    """, [e.PlacementId, e.StartDate, e.StepDownDate, stored.Version, e.At]);
                yield return ($"""
                    INSERT INTO {PlacementsSchema.PlacementBands} (placement_id, effective_from, band, decided_at, decided_by) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (placement_id, effective_from) DO UPDATE SET band = $3
                    """, [e.PlacementId, e.StartDate, e.Band, e.At, e.By]);
                break;
            case PlacementEndRecorded e:
                yield return ($"""
                    UPDATE {PlacementsSchema.Placements} SET status = 'ended', end_date = $2, reason_episode_ceased = $3, reason_place_change = $4,
                        planned_ending = $5, moved_to_placement_id = $6, version = $7, updated_at = $8
                    WHERE placement_id = $1
                    """, [e.PlacementId, e.EndDate, e.ReasonEpisodeCeased, e.ReasonPlaceChange, e.Planned, e.MovedToPlacementId, stored.Version, e.At]);
                break;
            case PlacementCalledOff e:
                yield return ($"""
                    UPDATE {PlacementsSchema.Placements} SET status = 'called-off', call_off_reason = $2, version = $3, updated_at = $4 WHERE placement_id = $1
                    """, [e.PlacementId, e.Reason, stored.Version, e.At]);
                break;
            case RebandingRequested e:
                yield return ($"""
                    INSERT INTO {PlacementsSchema.RebandingRequests} (request_id, placement_id, band, rationale, status, requested_at, requested_by)
                    VALUES ($1, $2, $3, $4, 'requested', $5, $6)
                    """, [e.RequestId, e.PlacementId, e.Band, e.Rationale, e.At, e.By]);
                yield return (Touch, [e.PlacementId, stored.Version, e.At]);
                break;
            case RebandingApproved e:
                yield return ($"""
                    UPDATE {PlacementsSchema.RebandingRequests} SET status = 'approved', effective_from = $2, decided_at = $3, decided_by = $4
                    WHERE request_id = $1
                    """, [e.RequestId, e.EffectiveFrom, e.At, e.By]);
                yield return ($"""
                    INSERT INTO {PlacementsSchema.PlacementBands} (placement_id, effective_from, band, decided_at, decided_by) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (placement_id, effective_from) DO UPDATE SET band = $3, decided_at = $4, decided_by = $5
                    """, [e.PlacementId, e.EffectiveFrom, e.Band, e.At, e.By]);
                // The placement's current band is the band of its latest effective date (a back-dated decision may not be the latest).
                yield return ($"""
                    UPDATE {PlacementsSchema.Placements} p SET band = b.band, version = $2, updated_at = $3
                    FROM (SELECT band FROM {PlacementsSchema.PlacementBands} WHERE placement_id = $1 ORDER BY effective_from DESC LIMIT 1) b
                    WHERE p.placement_id = $1
                    """, [e.PlacementId, stored.Version, e.At]);
                break;
            case RebandingRejected e:
                yield return ($"""
                    UPDATE {PlacementsSchema.RebandingRequests} SET status = 'rejected', rejection_reason = $2, decided_at = $3, decided_by = $4
                    WHERE request_id = $1
                    """, [e.RequestId, e.Reason, e.At, e.By]);
                yield return (Touch, [e.PlacementId, stored.Version, e.At]);
                break;
            case StepDownDateSet e:
                yield return ($"""
                    UPDATE {PlacementsSchema.Placements} SET step_down_date = $2, step_down_reason = $3, version = $4, updated_at = $5 WHERE placement_id = $1
                    """, [e.PlacementId, e.StepDownDate, e.Reason, stored.Version, e.At]);
                break;
            case StepDownReminderSent e:
                yield return ($"""
                    UPDATE {PlacementsSchema.Placements} SET step_down_reminded_for = $2, version = $3, updated_at = $4 WHERE placement_id = $1
                    """, [e.PlacementId, e.StepDownDate, stored.Version, e.At]);
                break;
            case StayingPutAgreed e:
                yield return ($"""
                    UPDATE {PlacementsSchema.Placements} SET staying_put_until = $2, staying_put_note = $3, version = $4, updated_at = $5 WHERE placement_id = $1
                    """, [e.PlacementId, e.Until, e.Note, stored.Version, e.At]);
                break;
        }
    }

    private const string Touch = $"UPDATE {PlacementsSchema.Placements} SET version = $2, updated_at = $3 WHERE placement_id = $1";
}
