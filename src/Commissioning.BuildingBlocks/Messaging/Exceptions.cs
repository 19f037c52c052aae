namespace Commissioning.BuildingBlocks.Messaging;

/// <summary>The request's input is wrong. Each message names the field and says how to put it right. Nothing was stored.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("Some of the information given is not valid: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    /// <summary>Plain-English messages by field name (camelCase, as the API spells it).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>One wrong field.</summary>
    public static RequestValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The caller's role may not do this (HTTP 403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The thing does not exist, or lies outside the caller's scope (HTTP 404: the two are never told apart).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The action conflicts with the current state (HTTP 409), for example a bed that is no longer free.</summary>
public sealed class ConflictException(string message) : Exception(message);
