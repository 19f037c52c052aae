using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Commissioning.BuildingBlocks.Web;

/// <summary>
/// Optimistic concurrency over HTTP: a record read from the API carries its stream version as a strong ETag, and a
/// change may send it back in If-Match; a stale one is refused with 409 by the store's expected version.
/// </summary>
public static class EntityVersions
{
    /// <summary>200 with the record and its version as the ETag.</summary>
    public static IResult Tagged<T>(HttpContext http, T value, Func<T, long> version)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(version);
        http.Response.Headers.ETag = ETag(version(value));
        return Results.Ok(value);
    }

    /// <summary>The ETag of a version: the number in quotes.</summary>
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version an If-Match header names (an ETag this API gave out), or null when there is none.</summary>
    /// <exception cref="Messaging.RequestValidationException">If-Match is not a strong ETag holding a version.</exception>
    public static long? IfMatch(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var header = http.Request.Headers.IfMatch.ToString();
        if (header.Length == 0)
        {
            return null;
        }

        return EntityTagHeaderValue.TryParse(header, out var tag) && !tag.IsWeak
               && long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw Messaging.RequestValidationException.For("If-Match", "Send If-Match as the ETag the record was read with, for example \"3\"");
    }
}
