using System.Globalization;
using System.Reflection;
using Commissioning.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Http;

namespace Commissioning.BuildingBlocks.Web;

/// <summary>
/// Which page of a list the caller asked for: <c>?page=1&amp;pageSize=50</c>, both optional (defaults 1 and 50,
/// page size at most 200). Take it as a parameter of a minimal API endpoint and it binds itself from the query
/// string; a wrong value is refused with a 400 that names the field (<c>page</c> or <c>pageSize</c>) before the
/// endpoint runs.
/// </summary>
/// <remarks>
/// Binding throws <see cref="RequestValidationException"/>, which the host turns into problem details, so both
/// fields are reported together in plain English. Binding uses <c>BindAsync</c> rather than <c>TryParse</c>
/// because a failed <c>TryParse</c> gives only a generic "failed to bind" 400 with no field name.
/// </remarks>
public sealed record PageRequest
{
    /// <summary>The page size when the caller gives none.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest page size a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The query string name of the page number.</summary>
    public const string PageParameter = "page";

    /// <summary>The query string name of the page size.</summary>
    public const string PageSizeParameter = "pageSize";

    /// <summary>What a caller is told when the page number is wrong.</summary>
    public const string PageMessage = "Page must be a whole number, 1 or more.";

    /// <summary>What a caller is told when the page size is wrong.</summary>
    public const string PageSizeMessage = "Page size must be a whole number from 1 to 200.";

    /// <summary>A page request; throws <see cref="RequestValidationException"/> naming each wrong field.</summary>
    /// <param name="page">The page number, from 1.</param>
    /// <param name="pageSize">Items per page, from 1 to <see cref="MaxPageSize"/>.</param>
    public PageRequest(int page = 1, int pageSize = DefaultPageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors[PageParameter] = [PageMessage];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors[PageSizeParameter] = [PageSizeMessage];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        Page = page;
        PageSize = pageSize;
    }

    /// <summary>The first page at the default size.</summary>
    public static PageRequest First { get; } = new();

    /// <summary>The page number, from 1.</summary>
    public int Page { get; }

    /// <summary>Items per page, from 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; }

    /// <summary>How many items come before this page: SQL's <c>OFFSET</c>. A long, as a large page number times the size can pass <see cref="int.MaxValue"/>.</summary>
    public long Offset => (Page - 1L) * PageSize;

    /// <summary>
    /// This page of a list already read whole (lists of tens: organisations, keys, a board's meetings). Past the last
    /// page it is empty; the total is the whole list's, so total and items always agree.
    /// </summary>
    public Paged<T> Of<T>(IReadOnlyList<T> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        return new Paged<T>(this, [.. all.Skip((int)Math.Min(Offset, all.Count)).Take(PageSize)], all.Count);
    }

    /// <summary>Reads <c>page</c> and <c>pageSize</c> from a query string; absent means the default.</summary>
    /// <exception cref="RequestValidationException">A value is not a whole number in range, is empty, or is given more than once.</exception>
    public static PageRequest FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>();
        var page = Read(query, PageParameter, 1, int.MaxValue, PageMessage, errors);
        var pageSize = Read(query, PageSizeParameter, DefaultPageSize, MaxPageSize, PageSizeMessage, errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return new PageRequest(page, pageSize);
    }

    /// <summary>Minimal API binding: called by ASP.NET Core for an endpoint parameter of this type.</summary>
    /// <exception cref="RequestValidationException">See <see cref="FromQuery"/>.</exception>
    public static ValueTask<PageRequest?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<PageRequest?>(FromQuery(context.Request.Query));
    }

    private static int Read(IQueryCollection query, string name, int fallback, int max, string message, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return fallback;
        }

        if (values.Count > 1)
        {
            errors[name] = [$"Give {name} once; it was given {values.Count} times."];
            return fallback;
        }

        // Digits only: no sign, spaces, decimals or thousands separators, whatever the server's culture.
        if (int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        errors[name] = [message];
        return fallback;
    }
}
