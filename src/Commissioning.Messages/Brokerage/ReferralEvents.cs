using Commissioning.BuildingBlocks.Integration;

namespace Commissioning.Messages.Brokerage;

// What Brokerage tells Reporting about referrals: pseudonymous only. A referral is named by its random id and its
// reference (R-26-7KX3M2), never the borough's child id, the child's date of birth or anything else about the child.
// Bands are "low", "medium", "high", "specialist"; neededBy is the Placements Data Standard's option ("Today",
// "in less than 5 days", "in more than 5 days") or null.

/// <summary>A borough submitted a referral to brokerage: the decision clock started.</summary>
/// <param name="ReferralId">Brokerage's id for the referral; the later referral events name it.</param>
/// <param name="Reference">The pseudonymous reference.</param>
/// <param name="BoroughCode">The referring borough's GSS code.</param>
/// <param name="NeedBand">The need band code.</param>
/// <param name="NeededBy">When the placement is needed by ("Today" is an emergency), or null.</param>
/// <param name="RequiredByDate">The date the placement is required by.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
/// <param name="DecisionDueAt">When brokerage must decide by: 24 hours for "Today", otherwise 5 working days.</param>
public sealed record ReferralSubmitted(
    Guid ReferralId, string Reference, string BoroughCode, string NeedBand, string? NeededBy, DateOnly? RequiredByDate,
    DateTimeOffset SubmittedAt, DateTimeOffset DecisionDueAt) : IntegrationEvent;

/// <summary>The borough answered brokerage's question and resubmitted: a new decision clock started.</summary>
/// <param name="ReferralId">The referral.</param>
/// <param name="BoroughCode">The referring borough's GSS code.</param>
/// <param name="NeedBand">The need band code as it now stands.</param>
/// <param name="NeededBy">When the placement is needed by, as it now stands.</param>
/// <param name="ResubmittedAt">When the new clock started.</param>
/// <param name="DecisionDueAt">When the new clock is due.</param>
public sealed record ReferralResubmitted(
    Guid ReferralId, string BoroughCode, string NeedBand, string? NeededBy, DateTimeOffset ResubmittedAt, DateTimeOffset DecisionDueAt) : IntegrationEvent;

/// <summary>
/// Brokerage acted on a referral in a way that counts as a decision: <see cref="How"/> is <c>offer</c>,
/// <c>spot-purchase</c>, <c>returned</c> or <c>closed</c>. Sent for every such act; the clock's decision time is the
/// first one after the latest submission or resubmission.
/// </summary>
/// <param name="ReferralId">The referral.</param>
/// <param name="BoroughCode">The referring borough's GSS code.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="How">The kind of decision.</param>
public sealed record ReferralDecisionMade(Guid ReferralId, string BoroughCode, DateTimeOffset DecidedAt, string How) : IntegrationEvent;

/// <summary>A referral passed its decision target without a decision and was escalated to the brokerage team.</summary>
/// <param name="ReferralId">The referral.</param>
/// <param name="BoroughCode">The referring borough's GSS code.</param>
/// <param name="DecisionDueAt">The target it missed.</param>
/// <param name="EscalatedAt">When it was escalated.</param>
public sealed record ReferralEscalated(Guid ReferralId, string BoroughCode, DateTimeOffset DecisionDueAt, DateTimeOffset EscalatedAt) : IntegrationEvent;

/// <summary>A referral was closed: <see cref="Reason"/> <c>withdrawn</c>, <c>no-longer-needed</c> or <c>placed-outside-brokerage</c>.</summary>
/// <param name="ReferralId">The referral.</param>
/// <param name="BoroughCode">The referring borough's GSS code.</param>
/// <param name="Reason">Why.</param>
/// <param name="ClosedAt">When.</param>
public sealed record ReferralClosed(Guid ReferralId, string BoroughCode, string Reason, DateTimeOffset ClosedAt) : IntegrationEvent;
