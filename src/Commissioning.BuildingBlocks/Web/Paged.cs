using System.Data;
using System.Text.Json.Serialization;
using Npgsql;

namespace Commissioning.BuildingBlocks.Web;

/// <summary>
/// One page of a list, as every list endpoint of the API returns it: exactly
/// <c>{ "items": [...], "page": 1, "pageSize": 50, "total": 123 }</c>.
/// </summary>
/// <typeparam name="T">The item type, serialised by the endpoint's JSON options.</typeparam>
/// <param name="Items">The items on this page, at most <paramref name="PageSize"/>; empty past the last page.</param>
/// <param name="Page">The page number asked for, from 1.</param>
/// <param name="PageSize">The page size asked for.</param>
/// <param name="Total">How many items the whole list holds, on every page.</param>
public sealed record Paged<T>(
    [property: JsonPropertyName("items")] IReadOnlyList<T> Items,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("pageSize")] int PageSize,
    [property: JsonPropertyName("total")] long Total)
{
    /// <summary>A page of <paramref name="items"/> for <paramref name="request"/>.</summary>
    public Paged(PageRequest request, IReadOnlyList<T> items, long total)
        : this(items, (request ?? throw new ArgumentNullException(nameof(request))).Page, request.PageSize, total)
    {
    }

    /// <summary>The same page with each item turned into another shape (a read-model row into a response, say).</summary>
    public Paged<TOut> Select<TOut>(Func<T, TOut> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return new Paged<TOut>(Items.Select(selector).ToList(), Page, PageSize, Total);
    }
}

/// <summary>Reads one page of a SQL query together with the query's total count.</summary>
public static class PagedQuery
{
    /// <summary>
    /// Runs <paramref name="countSql"/> (one row, one bigint) and <paramref name="rowsSql"/> with
    /// <c>LIMIT</c>/<c>OFFSET</c> for <paramref name="request"/> appended, in one round trip, in one repeatable-read
    /// transaction so the total and the rows come from the same snapshot and agree.
    /// </summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="request">The page asked for.</param>
    /// <param name="countSql">For example <c>SELECT count(*) FROM brokerage.referral_list WHERE borough = $1</c>.</param>
    /// <param name="rowsSql">
    /// The same rows in a stable order, ending in an <c>ORDER BY</c> that ends in a unique column (or pages can repeat
    /// or skip rows) and without <c>LIMIT</c>/<c>OFFSET</c>: for example
    /// <c>SELECT id, reference FROM brokerage.referral_list WHERE borough = $1 ORDER BY submitted_at DESC, id</c>.
    /// </param>
    /// <param name="parameters">The positional parameters (<c>$1</c>, <c>$2</c>...) both queries share.</param>
    /// <param name="read">Makes one item from the current row.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<Paged<T>> ReadAsync<T>(
        NpgsqlDataSource dataSource,
        PageRequest request,
        string countSql,
        string rowsSql,
        IReadOnlyList<object?> parameters,
        Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(read);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Npgsql sends BEGIN with the batch and COMMIT afterwards: two round trips, one snapshot for both queries.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(countSql, parameters));
        // The limit and offset are validated numbers, so they are written into the SQL rather than numbered after the caller's parameters.
        batch.BatchCommands.Add(Command(
            FormattableString.Invariant($"{rowsSql.TrimEnd().TrimEnd(';')} LIMIT {request.PageSize} OFFSET {request.Offset}"), parameters));

        long total;
        var items = new List<T>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The count query returned no row; it should return one row with the count.");
            }

            total = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(read(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new Paged<T>(request, items, total);
    }

    private static NpgsqlBatchCommand Command(string sql, IReadOnlyList<object?> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
