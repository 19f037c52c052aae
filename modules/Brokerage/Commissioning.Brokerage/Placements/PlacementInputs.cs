using Commissioning.Brokerage.Referrals;

namespace Commissioning.Brokerage.Placements;

/// <summary>What the Placements part needs to know of a referral (read through the Referrals part's reader).</summary>
/// <param name="Status">The referral status code: only a <c>submitted</c> referral is waiting for a bed.</param>
/// <param name="Version">The referral stream's version the rest was read at: the expected version for its status events.</param>
internal sealed record PlacementReferral(Guid ReferralId, string Reference, string BoroughCode, string Status, ReferralDetails Details, long Version);

/// <summary>Reads a referral for the Placements part.</summary>
internal interface IPlacementReferrals
{
    Task<PlacementReferral?> FindAsync(Guid referralId, CancellationToken cancellationToken);
}

/// <summary>
/// One contracted bed as Brokerage's copy (the Beds part's <c>brokerage.beds</c>) knows it, with its provider's latest
/// vacancy confirmation.
/// </summary>
/// <param name="InContract">Contracted on the day asked about.</param>
/// <param name="VacancyStatus"><c>available</c> or <c>unavailable</c> as the provider last confirmed, or null when never confirmed.</param>
/// <param name="ConfirmationLapsed">The confirmation is too old to count.</param>
internal sealed record ContractedBed(
    string BedId, string HomeCode, string ProviderCode, string Band, bool InContract, string? VacancyStatus, DateOnly? AvailableFrom, bool ConfirmationLapsed);

/// <summary>Reads contracted beds for the Placements part.</summary>
internal interface IContractedBeds
{
    Task<ContractedBed?> FindAsync(string bedId, DateOnly today, CancellationToken cancellationToken);
}
