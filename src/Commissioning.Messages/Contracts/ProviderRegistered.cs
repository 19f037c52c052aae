using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Messages.Contracts;

/// <summary>The contract manager registered a provider: the Partnership module adds it as an organisation, so its staff can have accounts and keys.</summary>
/// <param name="ProviderCode">The short code given at registration (api.md), e.g. PRV-A.</param>
/// <param name="Name">The provider's registered name.</param>
public sealed record ProviderRegistered(string ProviderCode, string Name) : IntegrationEvent;
