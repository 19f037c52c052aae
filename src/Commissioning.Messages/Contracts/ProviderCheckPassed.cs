using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Messages.Contracts;

/// <summary>
/// A provider passed one of the pre-qualification checks that make it accredited (it replaces any earlier pass of the
/// same check). A provider is accredited while every check in <paramref name="ChecksForAccreditation"/> has a pass
/// that has not expired: Brokerage sends spot-purchase requests only to accredited providers.
/// </summary>
/// <param name="ProviderCode">The provider, e.g. PRV-A.</param>
/// <param name="Check">The check's code: <c>health-and-safety</c>, <c>safeguarding</c>, <c>equal-opportunities</c>, <c>human-resources</c> or <c>required-training</c>.</param>
/// <param name="PassedOn">The date it was passed.</param>
/// <param name="ExpiresOn">The last date the pass counts.</param>
/// <param name="ChecksForAccreditation">Every check a provider must hold to be accredited, by code, as Contracts defines them now.</param>
public sealed record ProviderCheckPassed(string ProviderCode, string Check, DateOnly PassedOn, DateOnly ExpiresOn, IReadOnlyList<string> ChecksForAccreditation)
    : IntegrationEvent;
