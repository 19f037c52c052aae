using Commissioning.BuildingBlocks.Calendar;

namespace Commissioning.PaymentByResults.Outcomes;

// The seam between the module's two parts: the Outcomes part (frameworks, returns, verification) implements these;
// the Payments part (statements) reads verified outcomes through them and reopens lines when a provider disputes.

/// <summary>Whether a bigger result is better (school attendance) or a smaller one (missing-from-care episodes).</summary>
internal enum IndicatorDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>
/// One indicator of the framework version that applies to a period, with its result from accepted lines only.
/// </summary>
/// <param name="Code">Stable code, e.g. <c>placement-stability</c>.</param>
/// <param name="Name">Name for people.</param>
/// <param name="Definition">What is measured and how.</param>
/// <param name="Unit">What the figures count, e.g. "% of placements".</param>
/// <param name="Baseline">Where the contract started.</param>
/// <param name="Target">What earns the indicator's whole weight.</param>
/// <param name="Weight">Its share of the payment, 0 to 1; a framework's weights add up to 1.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Result">The period's result from accepted lines (the Outcomes part's rule for the indicator), or null when no line was accepted.</param>
/// <param name="LinesAccepted">Lines accepted for it.</param>
/// <param name="LinesReturned">Lines the return has for it (accepted, queried, rejected or awaiting verification).</param>
internal sealed record VerifiedIndicator(
    string Code, string Name, string Definition, string Unit, decimal Baseline, decimal Target, decimal Weight, IndicatorDirection Direction,
    decimal? Result, int LinesAccepted, int LinesReturned);

/// <summary>What is verified for one block contract and quarter.</summary>
/// <param name="ContractId">The block contract.</param>
/// <param name="ProviderCode">Its lead provider.</param>
/// <param name="Period">The quarter.</param>
/// <param name="FrameworkVersion">The framework version that applies to the quarter.</param>
/// <param name="ReturnId">The provider's return, or null if none was started.</param>
/// <param name="AllLinesDecided">True when the return is submitted and every line is accepted or rejected (none awaiting verification or queried).</param>
/// <param name="Indicators">Every indicator of the framework version, in the framework's order.</param>
internal sealed record VerifiedOutcomes(
    Guid ContractId, string ProviderCode, ReportingPeriod Period, int FrameworkVersion, Guid? ReturnId, bool AllLinesDecided,
    IReadOnlyList<VerifiedIndicator> Indicators);

/// <summary>Reads verified outcomes (implemented by the Outcomes part, registered in its setup).</summary>
internal interface IVerifiedOutcomes
{
    /// <summary>The block contracts the module knows (from Contracts' events), with their lead provider.</summary>
    Task<IReadOnlyList<(Guid ContractId, string ProviderCode, string Reference)>> ContractsAsync(CancellationToken cancellationToken);

    /// <summary>What is verified for a contract and quarter; NotFoundException if the contract is unknown.</summary>
    Task<VerifiedOutcomes> ForAsync(Guid contractId, ReportingPeriod period, CancellationToken cancellationToken);
}

/// <summary>
/// Sends lines back to verification when a provider disputes a statement (implemented by the Outcomes part). It appends
/// to the return's stream in the caller's unit of work (<c>UnitOfWork.For(store)</c>), so the dispute and the reopening
/// are saved together or not at all (ADR 0012); never send a nested command for this.
/// </summary>
internal interface IOutcomeLinesReopener
{
    /// <summary>Reopens every accepted or rejected line of the given indicators in the contract's return for the quarter.</summary>
    Task ReopenAsync(Guid contractId, ReportingPeriod period, IReadOnlyList<string> indicatorCodes, string reason, CancellationToken cancellationToken);
}
