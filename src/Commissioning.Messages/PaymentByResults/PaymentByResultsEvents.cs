using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Messages.PaymentByResults;

// What Payment by Results tells Reporting (and anyone else) about outcome returns and innovation payments. Periods are
// calendar quarters written "2026-Q3" (BuildingBlocks' ReportingPeriod). Money is pounds, rounded to the penny once.
// Placements are never named here: only indicators, providers and amounts.

/// <summary>A provider submitted its outcome return for a contract and quarter (again after a query: the latest counts).</summary>
/// <param name="ReturnId">The return.</param>
/// <param name="ContractId">The block contract it reports on.</param>
/// <param name="ProviderCode">The provider.</param>
/// <param name="Period">The quarter, e.g. 2026-Q3.</param>
/// <param name="DueOn">The day it was due.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
public sealed record OutcomeReturnSubmitted(Guid ReturnId, Guid ContractId, string ProviderCode, string Period, DateOnly DueOn, DateTimeOffset SubmittedAt)
    : IntegrationEvent;

/// <summary>A provider's outcome return passed its due date unsubmitted: the provider is offered support first, not sanctioned.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="ProviderCode">The provider.</param>
/// <param name="Period">The quarter.</param>
/// <param name="DueOn">The day it was due.</param>
public sealed record OutcomeReturnOverdue(Guid ContractId, string ProviderCode, string Period, DateOnly DueOn) : IntegrationEvent;

/// <summary>One indicator's line of an innovation statement.</summary>
/// <param name="IndicatorCode">The indicator, e.g. <c>placement-stability</c>.</param>
/// <param name="Name">Its name for people.</param>
/// <param name="Unit">What the figures count, e.g. "% of placements".</param>
/// <param name="Baseline">The baseline.</param>
/// <param name="Target">The target.</param>
/// <param name="Achieved">The verified result for the period, or null when no line was accepted.</param>
/// <param name="Achievement">How far from baseline to target the result went, from 0 to 1.</param>
/// <param name="Weight">The indicator's share of the payment, from 0 to 1 (the weights add up to 1).</param>
/// <param name="Amount">Its part of the payment in pounds (unrounded parts add up to the rounded payment).</param>
public sealed record InnovationIndicatorResult(
    string IndicatorCode, string Name, string Unit, decimal Baseline, decimal Target, decimal? Achieved, decimal Achievement, decimal Weight, decimal Amount);

/// <summary>
/// An innovation statement was computed (or recomputed: the latest for a statement counts) for one block contract and
/// quarter from verified outcomes only. A statement is per contract, paid to its lead provider.
/// </summary>
/// <param name="StatementId">The statement.</param>
/// <param name="ContractId">The block contract.</param>
/// <param name="ProviderCode">The contract's lead provider.</param>
/// <param name="Period">The quarter.</param>
/// <param name="StandardFeeIncome">The contract's standard fee income for the quarter (from Contracts).</param>
/// <param name="CapPercent">The cap, e.g. 7.</param>
/// <param name="CapAmount">CapPercent of StandardFeeIncome, to the penny.</param>
/// <param name="Payment">The payment, never above CapAmount and never negative.</param>
/// <param name="Indicators">Every indicator's line.</param>
public sealed record InnovationStatementComputed(
    Guid StatementId, Guid ContractId, string ProviderCode, string Period, decimal StandardFeeIncome, decimal CapPercent, decimal CapAmount, decimal Payment,
    IReadOnlyList<InnovationIndicatorResult> Indicators) : IntegrationEvent;

/// <summary>Finance approved an innovation statement for payment.</summary>
/// <param name="StatementId">The statement.</param>
/// <param name="ContractId">The block contract.</param>
/// <param name="ProviderCode">The provider.</param>
/// <param name="Period">The quarter.</param>
/// <param name="Payment">The amount approved, in pounds.</param>
/// <param name="ApprovedAt">When.</param>
public sealed record InnovationPaymentApproved(Guid StatementId, Guid ContractId, string ProviderCode, string Period, decimal Payment, DateTimeOffset ApprovedAt)
    : IntegrationEvent;
