using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.SpotPurchases.SpotRequests;

/// <summary>The spot requests and bids lists, written in the same transaction as each event.</summary>
internal sealed class SpotRequestsProjection : Projection
{
    public override string Name => "brokerage-spot-requests";

    public override IReadOnlyList<string> OwnedTables => [SpotTables.SpotRequests, SpotTables.SpotBids];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands) =>
        Write(storedEvent.Data, storedEvent.Version, commands);

    private static void Write(object data, long version, ProjectionCommands commands)
    {
        switch (data)
        {
            case SpotRequestStarted e:
                commands.Execute(
                    $"""
                    INSERT INTO {SpotTables.SpotRequests} (spot_request_id, version, reference, referral_id, referral_reference, borough_code, status, bids_by,
                        need_band, sent_to, started_at, started_by)
                    VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10, $11)
                    """,
                    e.SpotRequestId, version, e.Reference, e.ReferralId, e.ReferralReference, e.BoroughCode, e.BidsBy, e.Needs.Band, e.SentTo.ToArray(), e.At, e.By);
                break;
            case SpotBidMade e:
                commands.Execute(
                    $"""
                    INSERT INTO {SpotTables.SpotBids} (bid_id, spot_request_id, provider_code, home_code, weekly_price, available_from, note, bid_at, bid_by, status)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'made')
                    """,
                    e.BidId, e.SpotRequestId, e.ProviderCode, e.HomeCode, e.WeeklyPrice, e.AvailableFrom, e.Note, e.At, e.By);
                commands.Execute($"UPDATE {SpotTables.SpotRequests} SET version = $2, bids = bids + 1 WHERE spot_request_id = $1", e.SpotRequestId, version);
                break;
            case SpotBidAwarded e:
                commands.Execute(
                    $"""
                    UPDATE {SpotTables.SpotRequests} SET version = $2, status = 'awarded', awarded_bid_id = $3, awarded_provider_code = $4, awarded_home_code = $5,
                        awarded_weekly_price = $6, spot_contract_id = $7, placement_id = $8, start_date = $9, awarded_at = $10
                    WHERE spot_request_id = $1
                    """,
                    e.SpotRequestId, version, e.BidId, e.ProviderCode, e.HomeCode, e.WeeklyPrice, e.SpotContractId, e.PlacementId, e.StartDate, e.At);
                commands.Execute($"UPDATE {SpotTables.SpotBids} SET status = CASE WHEN bid_id = $2 THEN 'awarded' ELSE 'not-awarded' END WHERE spot_request_id = $1",
                    e.SpotRequestId, e.BidId);
                break;
            case SpotPlacementStarted e:
                commands.Execute($"UPDATE {SpotTables.SpotRequests} SET version = $2, status = 'placed', start_date = $3 WHERE spot_request_id = $1",
                    e.SpotRequestId, version, e.StartDate);
                break;
            case SpotPlacementEnded e:
                commands.Execute(
                    $"""
                    UPDATE {SpotTables.SpotRequests} SET version = $2, status = 'ended', end_date = $3, reason_episode_ceased = $4, reason_place_change = $5,
                        planned_ending = $6
                    WHERE spot_request_id = $1
                    """,
                    e.SpotRequestId, version, e.EndDate, e.ReasonEpisodeCeased, e.ReasonPlaceChange, e.Planned);
                break;
        }
    }
}
