using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Messages.Training;

// What Training tells Contracts, Payment by Results and Reporting about the provider workforce programme. Staff are
// never named here: only counts, codes and ids. A member of staff "holds" their mandatory training when, for every
// module their role must hold (at the level the role requires), they have a certificate that has not expired.

/// <summary>One home's training compliance in <see cref="TrainingComplianceMeasured"/>.</summary>
/// <param name="HomeCode">The home, e.g. HOME-01.</param>
/// <param name="StaffInScope">Staff in post at the home on the measurement day whose role has mandatory training.</param>
/// <param name="StaffCompliant">Of those, how many hold all their mandatory training.</param>
public sealed record HomeTrainingCompliance(string HomeCode, int StaffInScope, int StaffCompliant);

/// <summary>
/// Training measured a provider's compliance with mandatory training for a month (published once a month by a job,
/// and again whenever the coordinator asks; the latest for a provider and month replaces earlier ones). The share is
/// <c>StaffCompliant / StaffInScope</c>, and 1 when no one is in scope.
/// </summary>
/// <param name="ProviderCode">The provider, e.g. PRV-A.</param>
/// <param name="Month">The first day of the month measured.</param>
/// <param name="MeasuredOn">The day measured (the month's last day, or today for the current month).</param>
/// <param name="StaffInScope">Across all the provider's homes.</param>
/// <param name="StaffCompliant">Across all the provider's homes.</param>
/// <param name="Homes">Each home's figures.</param>
public sealed record TrainingComplianceMeasured(
    string ProviderCode, DateOnly Month, DateOnly MeasuredOn, int StaffInScope, int StaffCompliant, IReadOnlyList<HomeTrainingCompliance> Homes)
    : IntegrationEvent;

/// <summary>A member of a provider's staff completed a module and was certified.</summary>
/// <param name="CertificateId">The certificate.</param>
/// <param name="ProviderCode">The provider employing them.</param>
/// <param name="HomeCode">The home they work at, or null for staff not based at one home.</param>
/// <param name="ModuleCode">The programme module, e.g. SYS-1.</param>
/// <param name="Level">The level: <c>foundation</c>, <c>1</c>, <c>2</c>, <c>3</c>, <c>4</c> or <c>5</c>.</param>
/// <param name="IssuedOn">The day it was issued.</param>
/// <param name="ExpiresOn">The last day it counts, or null if it never expires.</param>
public sealed record TrainingCertificateIssued(
    Guid CertificateId, string ProviderCode, string? HomeCode, string ModuleCode, string Level, DateOnly IssuedOn, DateOnly? ExpiresOn) : IntegrationEvent;

/// <summary>A provider released staff to attend a training session: the cost to providers the partnership watches.</summary>
/// <param name="SessionId">The session attended.</param>
/// <param name="ProviderCode">The provider.</param>
/// <param name="Date">The day of the session.</param>
/// <param name="StaffDays">Staff-days released (attendees × the session's length in days, e.g. 0.5 for a morning).</param>
public sealed record StaffReleasedForTraining(Guid SessionId, string ProviderCode, DateOnly Date, decimal StaffDays) : IntegrationEvent;
