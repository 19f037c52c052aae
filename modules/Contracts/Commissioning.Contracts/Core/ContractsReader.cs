using System.Globalization;
using Commissioning.BuildingBlocks.EventStore;
using Npgsql;

namespace Commissioning.Contracts.Core;

/// <summary>Reads the module's read models: one parameterised query, one row mapper.</summary>
internal static class ContractsReader
{
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(
        EventStore store, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = store.DataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateOnly? NullableDate(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);

    public static string[] Strings(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<string[]>(ordinal);
}

/// <summary>Dates and money as the partnership sees and writes them.</summary>
internal static class ContractsCalendar
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Today in London, whatever zone the server runs in.</summary>
    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), London).DateTime);

    /// <summary>A date as GOV.UK writes it: 1 April 2026.</summary>
    public static string Display(DateOnly date) => date.ToString("d MMMM yyyy", British);

    public static string Display(DateOnly? date) => date is { } d ? Display(d) : "Not set";

    /// <summary>Pounds as GOV.UK writes them: £3,800.00.</summary>
    public static string Money(decimal pounds) => pounds.ToString("£#,##0.00", British);
}
