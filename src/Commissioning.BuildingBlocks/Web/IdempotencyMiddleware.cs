using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Commissioning.BuildingBlocks.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Commissioning.BuildingBlocks.Web;

/// <summary>
/// The API's <c>Idempotency-Key</c> for POST: the first request with a key runs and its final response is stored;
/// the same key with the same request (method, path, query and body, byte for byte) gets that response again,
/// marked <c>Idempotent-Replayed: true</c>, and nothing runs a second time. See <see cref="IsRemembered"/> for which
/// responses are stored, and docs/decisions for why.
/// </summary>
internal sealed class IdempotencyMiddleware(
    RequestDelegate next, IdempotencyStore store, IOptions<IdempotencyOptions> options, ILogger<IdempotencyMiddleware> logger,
    IDataProtectionProvider protection)
{
    // Stored bodies can hold a child's details, a new API key or a temporary password: they are kept encrypted.
    private readonly IDataProtector _bodies = protection.CreateProtector("Commissioning.Idempotency.ResponseBody.v1");

    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>The response headers kept with a stored response and given back on replay.</summary>
    private static readonly string[] KeptHeaders = [HeaderNames.ContentType, HeaderNames.Location, HeaderNames.ETag];

    private readonly IdempotencyOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(KeyHeader, out var values))
        {
            await next(context);
            return;
        }

        // Keys belong to a signed-in caller. An anonymous request is not in scope: authorisation refuses it with a 401.
        var userId = context.User.FindFirst(CommissioningClaims.UserId)?.Value;
        if (string.IsNullOrEmpty(userId))
        {
            await next(context);
            return;
        }

        if (values.Count != 1 || !IsValidKey(values[0]))
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "Some of the information given is not valid",
                "Correct the fields listed in 'errors' and send the request again. Nothing was stored.",
                new Dictionary<string, string[]>
                {
                    [KeyHeader] = [values.Count > 1
                        ? "Send the Idempotency-Key header once."
                        : "The Idempotency-Key header must be 1 to 255 printable ASCII characters, for example a UUID."],
                });
            return;
        }

        var scope = new IdempotencyScope(userId, context.User.FindFirst(CommissioningClaims.Organisation)?.Value ?? "", values[0]!);
        var owner = Guid.NewGuid();
        var reservation = await store.ReserveAsync(scope, await HashRequestAsync(context.Request, context.RequestAborted), owner, context.RequestAborted);
        switch (reservation.Outcome)
        {
            case ReservationOutcome.Completed:
                await ReplayAsync(context, reservation.Response!);
                return;
            case ReservationOutcome.DifferentRequest:
                await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity,
                    "This Idempotency-Key was already used with a different request",
                    "A key can only repeat the request it was first sent with (the same method, address and body). " +
                    "Send a new Idempotency-Key for a new request.");
                return;
            case ReservationOutcome.Running:
                context.Response.Headers.RetryAfter = "1";
                await WriteProblemAsync(context, StatusCodes.Status409Conflict, "Conflict",
                    "A request with this Idempotency-Key is still being processed. Wait a moment and send it again to get its response.");
                return;
            case ReservationOutcome.Reserved:
            default:
                await RunAsync(context, scope, owner);
                return;
        }
    }

    /// <summary>
    /// Whether a final response is stored and replayed. Kept: 2xx and 3xx (the effect happened; a retry must not
    /// repeat it) and 4xx that are about the request itself (400, 403, 413, 415, 422, ...), which the same request
    /// would get again. Not kept, so the next request with the key runs afresh: 5xx (the request failed; nothing was
    /// stored), 401 (not a caller's answer), 404 and 409 (about the current state, which may change, and the API says
    /// to reload and retry), 408, 429 and 499 (transient by definition). None of those had an effect to repeat.
    /// </summary>
    internal static bool IsRemembered(int statusCode) =>
        statusCode is >= 200 and < 500 and not (401 or 404 or 408 or 409 or 429 or 499);

    internal static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= ' ' and <= '~');

    private async Task RunAsync(HttpContext context, IdempotencyScope scope, Guid owner)
    {
        var response = context.Response;
        var clientBody = response.Body;
        await using var buffer = new MemoryStream();
        // The response is held back until it is stored, so a client that retries the moment it sees it gets the
        // replay rather than a 409.
        response.Body = buffer;
        using var stopRenewing = new CancellationTokenSource();
        var renewing = KeepLeaseAsync(scope, owner, stopRenewing.Token);
        try
        {
            await next(context);
            // Not the request's token: a client that has gone away must not turn a success into a release.
            await response.BodyWriter.FlushAsync(CancellationToken.None);
        }
        catch
        {
            await stopRenewing.CancelAsync();
            await renewing;
            response.Body = clientBody;
            await ReleaseQuietlyAsync(scope, owner);
            throw;
        }

        await stopRenewing.CancelAsync();
        await renewing;
        response.Body = clientBody;

        // The client may have gone: the bookkeeping still finishes, or a retry would run the request again.
        if (IsRemembered(response.StatusCode))
        {
            var stored = new StoredResponse(
                response.StatusCode,
                KeptHeaders.Where(h => response.Headers.ContainsKey(h)).ToDictionary(h => h, h => response.Headers[h].ToString()),
                buffer.Length == 0 ? [] : _bodies.Protect(buffer.ToArray()));
            try
            {
                if (!await store.CompleteAsync(scope, owner, stored, CancellationToken.None))
                {
                    logger.LogWarning("Idempotency key of {UserId} lost its lease before the response was stored; a retry may run again", scope.UserId);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The effect has happened: say so to the client rather than fail a request that worked.
                logger.LogError(e, "The response for an idempotency key of {UserId} could not be stored; a retry after the lease lapses may run again", scope.UserId);
            }
        }
        else
        {
            await ReleaseQuietlyAsync(scope, owner);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(clientBody, context.RequestAborted);
    }

    private async Task KeepLeaseAsync(IdempotencyScope scope, Guid owner, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.Lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    if (!await store.RenewAsync(scope, owner, stop))
                    {
                        logger.LogWarning("A long request lost its idempotency key of {UserId} to another request", scope.UserId);
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Never fail the request over a renewal: the next tick tries again, and at worst the lease lapses.
                    logger.LogWarning(e, "Could not renew the lease of an idempotency key of {UserId}; trying again", scope.UserId);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the request has finished
        }
    }

    private async Task ReleaseQuietlyAsync(IdempotencyScope scope, Guid owner)
    {
        try
        {
            await store.ReleaseAsync(scope, owner, CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The lease lapses on its own and the next request with the key takes over.
            logger.LogWarning(e, "Could not release an idempotency key of {UserId}; it frees itself when its lease lapses", scope.UserId);
        }
    }

    private async Task ReplayAsync(HttpContext context, StoredResponse encrypted)
    {
        var stored = encrypted with { Body = encrypted.Body.Length == 0 ? [] : _bodies.Unprotect(encrypted.Body) };
        var response = context.Response;
        response.StatusCode = stored.StatusCode;
        foreach (var (name, value) in stored.Headers)
        {
            response.Headers[name] = value;
        }

        response.Headers[ReplayedHeader] = "true";
        if (stored.Body.Length > 0)
        {
            // Nothing is written for an empty body: a 204 may carry neither a body nor a length.
            response.ContentLength = stored.Body.Length;
            await response.Body.WriteAsync(stored.Body, context.RequestAborted);
        }
    }

    private static async Task<byte[]> HashRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.PathBase}{request.Path}{request.QueryString}\n"));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                hash.AppendData(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail, IDictionary<string, string[]>? errors = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (context.RequestServices.GetService<RequestContext>() is { } requestContext)
        {
            extensions["correlationId"] = requestContext.CorrelationId;
        }

        IResult result = errors is null
            ? Results.Problem(detail, statusCode: status, title: title, extensions: extensions)
            : Results.ValidationProblem(errors, detail, title: title, extensions: extensions);
        return result.ExecuteAsync(context);
    }
}
