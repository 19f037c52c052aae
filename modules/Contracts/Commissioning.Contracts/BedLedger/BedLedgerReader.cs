using Npgsql;

namespace Commissioning.Contracts.BedLedger;

/// <summary>Reads the ledger's read model into <see cref="BedFacts"/>; statuses are worked out from them by <see cref="BedStatusRules"/>.</summary>
internal static class BedLedgerReader
{
    /// <summary>
    /// Beds contracted on <paramref name="today"/> or later, optionally of one provider (the home's provider, so a
    /// consortium member sees its own homes' beds) and one home, by home then bed.
    /// </summary>
    public static async Task<IReadOnlyList<BedFacts>> ReadAsync(
        NpgsqlDataSource dataSource, DateOnly today, string? providerCode, string? homeCode, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT b.bed_id, b.home_code, coalesce(h.provider_code, c.provider_code), c.contract_id, c.reference, b.band, b.contracted_from, b.contracted_until,
                   o.hold_offer_id, o.hold_referral_reference, o.hold_borough, o.held_from, o.respond_by,
                   o.placement_id, o.placement_borough, o.placement_band, o.placement_start, o.placement_end,
                   f.status, f.available_from, f.reason, f.confirmed_at, f.lapsed_at IS NOT NULL,
                   (SELECT i.message FROM contracts.ledger_inconsistencies i WHERE i.bed_id = b.bed_id ORDER BY i.id DESC LIMIT 1)
            FROM contracts.contract_beds b
            JOIN contracts.block_contracts c ON c.contract_id = b.contract_id
            LEFT JOIN contracts.homes h ON h.home_code = b.home_code
            LEFT JOIN contracts.ledger_occupancy o ON o.bed_id = b.bed_id
            LEFT JOIN contracts.ledger_confirmations f ON f.bed_id = b.bed_id
            WHERE (b.contracted_until IS NULL OR b.contracted_until > $1) AND c.ends_on >= $1
              AND ($2::text IS NULL OR coalesce(h.provider_code, c.provider_code) = $2) AND ($3::text IS NULL OR b.home_code = $3)
            ORDER BY b.home_code, b.bed_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = today });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)providerCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)homeCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var beds = new List<BedFacts>();
        while (await r.ReadAsync(cancellationToken))
        {
            beds.Add(new BedFacts(
                r.GetString(0), r.GetString(1), r.GetString(2), r.GetGuid(3), r.GetString(4), Codes.Parse<NeedBand>(r.GetString(5)),
                r.GetFieldValue<DateOnly>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateOnly>(7),
                r.IsDBNull(8) ? null : new CurrentHold(r.GetGuid(8), r.GetString(9), r.GetString(10), r.GetFieldValue<DateTimeOffset>(11), r.GetFieldValue<DateTimeOffset>(12)),
                r.IsDBNull(13) ? null : new CurrentPlacement(r.GetGuid(13), r.GetString(14), Codes.Parse<NeedBand>(r.GetString(15)),
                    r.GetFieldValue<DateOnly>(16), r.IsDBNull(17) ? null : r.GetFieldValue<DateOnly>(17)),
                r.IsDBNull(18) ? null : new BedConfirmation(Codes.Parse<VacancyStatus>(r.GetString(18)), r.IsDBNull(19) ? null : r.GetFieldValue<DateOnly>(19),
                    r.IsDBNull(20) ? null : r.GetString(20), r.GetFieldValue<DateTimeOffset>(21), r.GetBoolean(22)),
                r.IsDBNull(23) ? null : r.GetString(23)));
        }

        return beds;
    }
}
