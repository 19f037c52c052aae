using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Messages.Brokerage;

/// <summary>
/// Brokerage awarded a spot-purchase bid: a single placement is bought outside the block from the provider's home, at
/// the bid's weekly price, charged to the child's borough. Contracts agrees the spot contract under
/// <see cref="SpotContractId"/> (Brokerage chooses it, so a redelivery agrees nothing twice); the placement then
/// starts against it (<see cref="PlacementStarted"/> with the same spot contract id).
/// </summary>
/// <param name="SpotContractId">The spot contract's id, chosen by Brokerage.</param>
/// <param name="SpotRequestId">The spot-purchase request the bid answered.</param>
/// <param name="PlacementId">Brokerage's placement id for the child's stay under the contract.</param>
/// <param name="ProviderCode">The provider that won.</param>
/// <param name="HomeCode">Its home.</param>
/// <param name="BoroughCode">The GSS code of the borough whose child it is: it pays.</param>
/// <param name="Band">The child's need band: <c>low</c>, <c>medium</c>, <c>high</c> or <c>specialist</c>.</param>
/// <param name="WeeklyPrice">The winning bid's weekly price in pounds.</param>
/// <param name="StartsOn">The agreed start date.</param>
public sealed record SpotBidAwarded(
    Guid SpotContractId, Guid SpotRequestId, Guid PlacementId, string ProviderCode, string HomeCode, string BoroughCode, string Band, decimal WeeklyPrice,
    DateOnly StartsOn) : IntegrationEvent;
