using Microsoft.AspNetCore.Http;

namespace Commissioning.BuildingBlocks.Web;

/// <summary>How the Idempotency-Key handling behaves. The defaults are the API's contract; tests may shorten them.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>Requests under this path are in scope (POST only). Default <c>/api</c>.</summary>
    public PathString PathPrefix { get; set; } = "/api";

    /// <summary>How long a key and its stored response are kept, from the first request. Default 24 hours.</summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a running request holds its key without renewing it. The request renews it every third of this
    /// while it runs; if its instance dies, another request with the key may take over once the lease has lapsed.
    /// Default 30 seconds.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many expired keys are deleted each time a key is reserved. Default 20.</summary>
    public int CleanupBatchSize { get; set; } = 20;
}
