using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.SpotPurchases.OutsideBrokerage;

/// <summary>The outside placements list, written in the same transaction as each event.</summary>
internal sealed class OutsidePlacementsProjection : Projection
{
    public override string Name => "brokerage-outside-placements";

    public override IReadOnlyList<string> OwnedTables => [SpotTables.OutsidePlacements];

    public override void Apply(StoredEvent storedEvent, ProjectionCommands commands) =>
        Write(storedEvent.Data, storedEvent.Version, commands);

    private static void Write(object data, long version, ProjectionCommands commands)
    {
        switch (data)
        {
            case OutsidePlacementRecorded e:
                commands.Execute(
                    $"""
                    INSERT INTO {SpotTables.OutsidePlacements} (outside_placement_id, version, borough_code, child_reference, referral_id, reason_code, reason_note,
                        provider_name, placement_type, postcode_district, start_date, weekly_cost, need_band, recorded_at, recorded_by)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                    """,
                    e.OutsidePlacementId, version, e.BoroughCode, e.ChildReference, e.ReferralId, e.ReasonCode, e.ReasonNote,
                    e.ProviderName, e.PlacementType, e.PostcodeDistrict, e.StartDate, e.WeeklyCost, e.Band, e.RecordedAt, e.RecordedBy);
                break;
            case OutsidePlacementEnded e:
                commands.Execute(
                    $"""
                    UPDATE {SpotTables.OutsidePlacements} SET version = $2, end_date = $3, reason_episode_ceased = $4, reason_place_change = $5, planned = $6
                    WHERE outside_placement_id = $1
                    """,
                    e.OutsidePlacementId, version, e.EndDate, e.ReasonEpisodeCeased, e.ReasonPlaceChange, e.Planned);
                break;
        }
    }
}
