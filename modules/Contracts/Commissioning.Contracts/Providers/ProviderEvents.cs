using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Contracts.Providers;

/// <summary>Someone the partnership deals with at a provider.</summary>
internal sealed record ProviderContact(string Name, string Email, string? Phone);

/// <summary>The pre-qualification checks a provider passes to be accredited. Stored in events by name: never rename a member.</summary>
internal enum AccreditationCheck
{
    HealthAndSafety,
    Safeguarding,
    EqualOpportunities,
    HumanResources,
    RequiredTraining,
}

/// <summary>The contract manager registered a provider under its short code (PRV-A). One stream per provider.</summary>
[EventType("contracts.provider-registered.v1")]
internal sealed record ProviderRegistered(
    string ProviderCode, string Name, string? OfstedProviderReference, IReadOnlyList<ProviderContact> Contacts, DateTimeOffset RegisteredAt);

/// <summary>A provider passed a pre-qualification check on a date, valid until its expiry (it replaces any earlier pass of that check).</summary>
[EventType("contracts.provider-check-passed.v1")]
internal sealed record ProviderCheckPassed(string ProviderCode, AccreditationCheck Check, DateOnly PassedOn, DateOnly ExpiresOn);

internal static class ProviderStreams
{
    public const string StreamType = "provider";

    public static string For(string providerCode) => $"provider-{providerCode}";
}

/// <summary>The codes and words the API and pages use for the checks.</summary>
internal static class AccreditationChecks
{
    public static IReadOnlyList<AccreditationCheck> All { get; } = Enum.GetValues<AccreditationCheck>();

    public static string Code(AccreditationCheck check) => check switch
    {
        AccreditationCheck.HealthAndSafety => "health-and-safety",
        AccreditationCheck.Safeguarding => "safeguarding",
        AccreditationCheck.EqualOpportunities => "equal-opportunities",
        AccreditationCheck.HumanResources => "human-resources",
        AccreditationCheck.RequiredTraining => "required-training",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "Unknown check."),
    };

    public static AccreditationCheck? TryParse(string? code) => All.Cast<AccreditationCheck?>().FirstOrDefault(c => Code(c!.Value) == code?.Trim());

    public static AccreditationCheck Parse(string code) => TryParse(code) ?? throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown check code.");

    public static string Describe(AccreditationCheck check) => check switch
    {
        AccreditationCheck.HealthAndSafety => "Health and safety",
        AccreditationCheck.Safeguarding => "Safeguarding",
        AccreditationCheck.EqualOpportunities => "Equal opportunities",
        AccreditationCheck.HumanResources => "HR",
        AccreditationCheck.RequiredTraining => "Required training",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "Unknown check."),
    };

    public const string Choices = "health-and-safety, safeguarding, equal-opportunities, human-resources or required-training";
}
