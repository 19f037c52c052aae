using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.Referrals;

/// <summary>What a change to a referral answers: the referral and its new version (audited as a change of child data).</summary>
internal sealed record ReferralWritten(Guid Id, long Version, [property: JsonIgnore] ChildRecordKey ChildRecord) : IChildRecord;

/// <summary>
/// Saves a draft referral for the caller's borough (a new one when <see cref="ReferralId"/> is null), or amends a
/// returned one before it is answered. Given values must be right; none is yet required.
/// </summary>
[AllowedRoles(Roles.BoroughReferrer)]
[ChildData]
internal sealed record SaveReferralDraft(Guid? ReferralId, ReferralDetails Details) : ICommand<ReferralWritten>;

/// <summary>
/// Submits a referral: the caller's draft (<see cref="Details"/> null), or a new referral with
/// <see cref="Details"/> straight from the API (<see cref="ReferralId"/> a new id). Every field must pass
/// <see cref="ReferralRules.Check"/>; otherwise nothing is stored and each wrong field is named.
/// </summary>
[AllowedRoles(Roles.BoroughReferrer)]
[ChildData]
internal sealed record SubmitReferral(Guid ReferralId, ReferralDetails? Details = null) : ICommand<ReferralWritten>;

/// <summary>Brokerage returns a submitted referral to the borough with a question.</summary>
[AllowedRoles(Roles.Brokerage)]
[ChildData]
internal sealed record ReturnReferral(Guid ReferralId, string? Question, long? ExpectedVersion = null) : ICommand<ReferralWritten>;

/// <summary>
/// The borough answers the returned question and resubmits. <see cref="Changes"/> holds only the fields that change,
/// as the API names them; the rest stay as they were.
/// </summary>
[AllowedRoles(Roles.BoroughReferrer)]
[ChildData]
internal sealed record ResubmitReferral(Guid ReferralId, string? Answer, IReadOnlyDictionary<string, JsonNode?> Changes, long? ExpectedVersion = null)
    : ICommand<ReferralWritten>;

/// <summary>Assigns a referral to a member of the brokerage team: the caller when <see cref="PersonId"/> is null.</summary>
[AllowedRoles(Roles.Brokerage)]
[ChildData]
internal sealed record AssignReferral(Guid ReferralId, string? PersonId, string? PersonName) : ICommand<ReferralWritten>;

/// <summary>Either side closes a referral: <c>withdrawn</c> or <c>no-longer-needed</c>, with a note.</summary>
[AllowedRoles(Roles.BoroughReferrer, Roles.BoroughManager, Roles.Brokerage)]
[ChildData]
internal sealed record CloseReferral(Guid ReferralId, string? Reason, string? Note, long? ExpectedVersion = null) : ICommand<ReferralWritten>;

/// <summary>The reasons a person can close a referral with (placed-outside-brokerage is recorded by the Spot purchases part).</summary>
internal static class CloseReasons
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["withdrawn"] = "Withdrawn",
        ["no-longer-needed"] = "No longer needed",
    };
}

internal sealed class ReturnReferralValidator : AbstractValidator<ReturnReferral>
{
    public ReturnReferralValidator() =>
        RuleFor(c => c.Question).NotEmpty().WithMessage("Enter the question the borough must answer before brokerage can decide")
            .MaximumLength(2000).WithMessage("The question must be 2,000 characters or fewer").OverridePropertyName("question");
}

internal sealed class ResubmitReferralValidator : AbstractValidator<ResubmitReferral>
{
    public ResubmitReferralValidator() =>
        RuleFor(c => c.Answer).NotEmpty().WithMessage("Enter your answer to brokerage's question")
            .MaximumLength(4000).WithMessage("The answer must be 4,000 characters or fewer").OverridePropertyName("answer");
}

internal sealed class AssignReferralValidator : AbstractValidator<AssignReferral>
{
    public AssignReferralValidator()
    {
        RuleFor(c => c.PersonId).MaximumLength(100).WithMessage("The person id must be 100 characters or fewer").OverridePropertyName("personId");
        RuleFor(c => c.PersonName).MaximumLength(200).WithMessage("The person's name must be 200 characters or fewer").OverridePropertyName("personName");
    }
}

internal sealed class CloseReferralValidator : AbstractValidator<CloseReferral>
{
    public CloseReferralValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Select why the referral is closing: withdrawn or no-longer-needed")
            .Must(r => CloseReasons.All.ContainsKey(r ?? "")).WithMessage("The reason must be withdrawn or no-longer-needed").OverridePropertyName("reason");
        RuleFor(c => c.Note).MaximumLength(2000).WithMessage("The note must be 2,000 characters or fewer").OverridePropertyName("note");
    }
}

/// <summary>Pseudonymous references: R-, the year's last two digits, then six random letters and digits (no 0, 1, I or O).</summary>
internal static class ReferralReferences
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string New(DateOnly today) =>
        $"R-{today.Year % 100:00}-{new string(Enumerable.Range(0, 6).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray())}";
}

internal sealed class ReferralIntakeHandlers(
    [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, RequestContext context, TimeProvider clock)
    : IRequestHandler<SaveReferralDraft, ReferralWritten>,
      IRequestHandler<SubmitReferral, ReferralWritten>,
      IRequestHandler<ReturnReferral, ReferralWritten>,
      IRequestHandler<ResubmitReferral, ReferralWritten>,
      IRequestHandler<AssignReferral, ReferralWritten>,
      IRequestHandler<CloseReferral, ReferralWritten>
{
    private string By => context.UserId ?? "system";

    public async Task<ReferralWritten> Handle(SaveReferralDraft request, CancellationToken cancellationToken)
    {
        var borough = OwnBorough();
        var id = request.ReferralId ?? Guid.CreateVersion7();
        var (referral, version) = await store.LoadAsync<Referral>(ReferralStreams.For(id), cancellationToken);
        if (request.ReferralId is not null)
        {
            InScope(referral);
        }

        var now = clock.GetUtcNow();
        var details = ReferralRules.Normalise(request.Details);
        Refuse(ReferralRules.Check(details, DecisionClock.LondonDate(now), draft: true));
        if (referral.Exists && ReferralsProjection.Json(details) == ReferralsProjection.Json(referral.Details))
        {
            referral.SaveDraft(id, borough, details, now, By); // still refuses a referral whose details cannot change
            return Append(referral, version); // "Save and continue" on a page with nothing changed stores nothing
        }

        return Append(referral.Exists ? referral : referral with { Id = id, BoroughCode = borough }, version,
            referral.SaveDraft(id, borough, details, now, By));
    }

    public async Task<ReferralWritten> Handle(SubmitReferral request, CancellationToken cancellationToken)
    {
        var borough = OwnBorough();
        var (referral, version) = await store.LoadAsync<Referral>(ReferralStreams.For(request.ReferralId), cancellationToken);
        if (request.Details is null)
        {
            InScope(referral);
        }
        else if (referral.Exists)
        {
            throw new ConflictException("A referral with that id already exists.");
        }

        var now = clock.GetUtcNow();
        var details = ReferralRules.Normalise(request.Details ?? referral.Details);
        var submitted = referral.Submit(request.ReferralId, borough, details, ReferralReferences.New(DecisionClock.LondonDate(now)), now, By);
        return Append(referral with { Id = submitted.ReferralId, BoroughCode = submitted.BoroughCode }, version, submitted);
    }

    public async Task<ReferralWritten> Handle(ReturnReferral request, CancellationToken cancellationToken)
    {
        var (referral, version) = await LoadInScopeAsync(request.ReferralId, request.ExpectedVersion, cancellationToken);
        return Append(referral, version, referral.Return(request.Question!, clock.GetUtcNow(), By));
    }

    public async Task<ReferralWritten> Handle(ResubmitReferral request, CancellationToken cancellationToken)
    {
        var (referral, version) = await LoadInScopeAsync(request.ReferralId, request.ExpectedVersion, cancellationToken);
        var details = ReferralRules.Normalise(ReferralJson.Merge(referral.Details, request.Changes));
        return Append(referral, version, referral.Resubmit(request.Answer!, details, clock.GetUtcNow(), By));
    }

    public async Task<ReferralWritten> Handle(AssignReferral request, CancellationToken cancellationToken)
    {
        var (referral, version) = await LoadInScopeAsync(request.ReferralId, null, cancellationToken);
        var personId = string.IsNullOrWhiteSpace(request.PersonId) ? By : request.PersonId.Trim();
        var name = string.IsNullOrWhiteSpace(request.PersonName) ? null : request.PersonName.Trim();
        return Append(referral, version, [.. referral.Assign(personId, name, clock.GetUtcNow(), By)]);
    }

    public async Task<ReferralWritten> Handle(CloseReferral request, CancellationToken cancellationToken)
    {
        var (referral, version) = await LoadInScopeAsync(request.ReferralId, request.ExpectedVersion, cancellationToken);
        return Append(referral, version, referral.Close(request.Reason!, request.Note, clock.GetUtcNow(), By));
    }

    private async Task<(Referral Referral, long Version)> LoadInScopeAsync(Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        var (referral, version) = await store.LoadAsync<Referral>(ReferralStreams.For(id), cancellationToken);
        InScope(referral);
        if (expectedVersion is { } expected && expected != version)
        {
            throw new ConflictException($"The referral has changed since you read it (it is at version {version}, you had {expected}): read it again and retry.");
        }

        return (referral, version);
    }

    // The child-data gate checks results after the handler; a write must not happen first, so scope is checked here too.
    private void InScope(Referral referral)
    {
        referral.EnsureExists();
        if (!ChildDataScope.For(context).Allows(referral.ChildRecord))
        {
            throw new NotFoundException("There is no referral with that id.");
        }
    }

    private string OwnBorough() => context.Organisation ?? throw new ForbiddenException("Only a borough's staff can refer a child.");

    private static void Refuse(IReadOnlyDictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    private ReferralWritten Append(Referral referral, long version, params object[] events)
    {
        if (events.Length > 0)
        {
            unitOfWork.For(store).Append(ReferralStreams.For(referral.Id), ReferralStreams.StreamType, version, events, referral.BoroughCode);
        }

        return new ReferralWritten(referral.Id, version + events.Length, referral.ChildRecord);
    }
}

/// <summary>Reading referral bodies: unknown fields are refused by name, and resubmitted changes merged over the details as they stand.</summary>
internal static partial class ReferralJson
{
    /// <summary>Web JSON (camelCase) refusing properties a referral does not have, so a misspelt field is not silently dropped.</summary>
    public static JsonSerializerOptions Strict { get; } = new(JsonSerializerOptions.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static ReferralDetails Merge(ReferralDetails current, IReadOnlyDictionary<string, JsonNode?> changes)
    {
        var merged = JsonSerializer.SerializeToNode(current, JsonSerializerOptions.Web)!.AsObject();
        foreach (var (name, value) in changes)
        {
            merged[name] = value?.DeepClone();
        }

        return Deserialize(merged);
    }

    /// <summary>Reads details from JSON; a wrong field becomes a 400 naming it.</summary>
    public static ReferralDetails Deserialize(JsonNode node)
    {
        try
        {
            return node.Deserialize<ReferralDetails>(Strict) ?? new ReferralDetails();
        }
        catch (JsonException e)
        {
            throw new RequestValidationException(Errors(e));
        }
    }

    public static Dictionary<string, string[]> Errors(JsonException e)
    {
        if (UnknownProperty().Match(e.Message) is { Success: true } unknown)
        {
            var name = unknown.Groups[1].Value;
            return new() { [name] = [$"{name} is not a field of a referral: check its spelling (fields are named as in the API description, in camelCase)"] };
        }

        var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.').Split('.', '[')[0];
        var property = typeof(ReferralDetails).GetProperties().FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var message = type switch
        {
            null => "The request body must be a JSON object of a referral's fields",
            _ when type == typeof(DateOnly) => $"Give {field} as a date in the form yyyy-MM-dd, like 2026-04-01",
            _ when type == typeof(int) => $"Give {field} as a whole number",
            _ when type == typeof(bool) => $"Give {field} as true or false",
            _ when type == typeof(string) => $"Give {field} as text in quotes",
            _ => $"Give {field} as a list of text values, like [\"E17\", \"N16\"]",
        };
        return new() { [field] = [message] };
    }

    [System.Text.RegularExpressions.GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial System.Text.RegularExpressions.Regex UnknownProperty();
}
