using Commissioning.BuildingBlocks.EventStore;

namespace Commissioning.Brokerage.Referrals;

// The Referrals part's own events on the referral stream: intake (drafts, submission, return for more information),
// assignment and escalation. The status events other parts append are in ReferralEvents.cs.

/// <summary>
/// A borough saved a draft: the whole of <see cref="Details"/> as it now stands (a draft is saved page by page, and
/// each save replaces what was there). The first draft event creates the referral.
/// </summary>
[EventType("brokerage.referral-draft-saved.v1")]
internal sealed record ReferralDraftSaved(Guid ReferralId, string BoroughCode, ReferralDetails Details, DateTimeOffset At, string By);

/// <summary>
/// The borough submitted the referral. <see cref="Reference"/> is pseudonymous (R-26-7KX3M2: the year and random
/// letters, never derived from the child) and is what providers and reports see. The decision clock starts
/// <see cref="At"/> and is due <see cref="DecisionDueAt"/>.
/// </summary>
[EventType("brokerage.referral-submitted.v1")]
internal sealed record ReferralSubmitted(
    Guid ReferralId, string Reference, string BoroughCode, ReferralDetails Details, DateTimeOffset At, DateTimeOffset DecisionDueAt, string By);

/// <summary>Brokerage returned the referral to the borough asking for more information. This decides the current clock.</summary>
[EventType("brokerage.referral-returned.v1")]
internal sealed record ReferralReturned(Guid ReferralId, string Question, DateTimeOffset At, string By);

/// <summary>
/// While the referral was returned, the borough changed its details (the whole set as it now stands), before
/// answering and resubmitting. Nothing is decided until the resubmission.
/// </summary>
[EventType("brokerage.referral-amended.v1")]
internal sealed record ReferralAmended(Guid ReferralId, ReferralDetails Details, DateTimeOffset At, string By);

/// <summary>The borough answered the question and resubmitted, with the details as they now stand: a new clock starts.</summary>
[EventType("brokerage.referral-resubmitted.v1")]
internal sealed record ReferralResubmitted(
    Guid ReferralId, string Answer, ReferralDetails Details, DateTimeOffset At, DateTimeOffset DecisionDueAt, string By);

/// <summary>A member of the brokerage team took the referral on (or was given it).</summary>
[EventType("brokerage.referral-assigned.v1")]
internal sealed record ReferralAssigned(Guid ReferralId, string PersonId, string? PersonName, DateTimeOffset At, string By);

/// <summary>The referral passed its decision target undecided; the brokerage team was told. Once per clock.</summary>
[EventType("brokerage.referral-escalated.v1")]
internal sealed record ReferralEscalated(Guid ReferralId, DateTimeOffset DecisionDueAt, DateTimeOffset At);
