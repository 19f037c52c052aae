using Commissioning.BuildingBlocks.EventStore;
using Npgsql;

namespace Commissioning.BuildingBlocks.Database;

/// <summary>Reads a module's read models: one parameterised query (<c>$1</c>, <c>$2</c>, …), one row mapper.</summary>
public static class ReadModels
{
    /// <summary>Every row of <paramref name="sql"/> against the store's database, mapped; nulls are sent as SQL NULL.</summary>
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(
        EventStore.EventStore store, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params object?[] parameters)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(map);
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

    /// <summary>A text column that may be NULL.</summary>
    public static string? NullableString(this NpgsqlDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    /// <summary>A date column that may be NULL.</summary>
    public static DateOnly? NullableDate(this NpgsqlDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);
    }

    /// <summary>A timestamptz column that may be NULL.</summary>
    public static DateTimeOffset? NullableInstant(this NpgsqlDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
    }

    /// <summary>A text[] column, empty when NULL.</summary>
    public static string[] Strings(this NpgsqlDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<string[]>(ordinal);
    }
}
