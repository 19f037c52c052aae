using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Brokerage.Referrals;

/// <summary>
/// A referral's state rebuilt from its stream (every event on it, the other parts' status events included), with the
/// decisions it makes. Pure: the caller supplies the time, the reference and the due time.
/// </summary>
internal sealed record Referral(
    bool Exists,
    Guid Id,
    string BoroughCode,
    string? Reference,
    ReferralStatus Status,
    ReferralDetails Details,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? ClockStartedAt,
    DateTimeOffset? DecisionDueAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? EscalatedAt,
    string? AssigneePersonId,
    string? ReturnedQuestion,
    IReadOnlyList<string> OfferedTo) : IAggregateState<Referral>
{
    public static Referral Initial => new(false, Guid.Empty, "", null, ReferralStatus.Draft, new ReferralDetails(), null, null, null, null, null, null, null, []);

    /// <summary>Whether the referral is decided on its current clock (an offer, a spot purchase, a return or a close).</summary>
    public bool Decided => DecidedAt is not null;

    public bool IsOpen => ReferralStatuses.Open.Contains(Status);

    /// <summary>The owner and sharing for the child-data gate.</summary>
    public ChildRecordKey ChildRecord => new("referral", Id.ToString(), BoroughCode, OfferedTo);

    public Referral Apply(object @event) => @event switch
    {
        ReferralDraftSaved e => this with { Exists = true, Id = e.ReferralId, BoroughCode = e.BoroughCode, Details = e.Details },
        ReferralSubmitted e => this with
        {
            Exists = true, Id = e.ReferralId, BoroughCode = e.BoroughCode, Reference = e.Reference, Status = ReferralStatus.Submitted,
            Details = e.Details, SubmittedAt = e.At, ClockStartedAt = e.At, DecisionDueAt = e.DecisionDueAt,
        },
        ReferralAmended e => this with { Details = e.Details },
        ReferralReturned e => this with { Status = ReferralStatus.Returned, ReturnedQuestion = e.Question, DecidedAt = DecidedAt ?? e.At },
        ReferralResubmitted e => this with
        {
            Status = ReferralStatus.Submitted, Details = e.Details, ReturnedQuestion = null, ClockStartedAt = e.At, DecisionDueAt = e.DecisionDueAt,
            DecidedAt = null, EscalatedAt = null,
        },
        ReferralAssigned e => this with { AssigneePersonId = e.PersonId },
        ReferralEscalated e => this with { EscalatedAt = e.At },
        ReferralOfferMade e => this with
        {
            Status = ReferralStatus.Offered, DecidedAt = DecidedAt ?? e.At,
            OfferedTo = OfferedTo.Contains(e.ProviderCode) ? OfferedTo : [.. OfferedTo, e.ProviderCode],
        },
        // The clock keeps running from the first submission (docs/brokerage.md): the referral stays decided.
        ReferralOfferEnded => this with { Status = ReferralStatus.Submitted },
        ReferralPlacementAgreed => this with { Status = ReferralStatus.PlacementAgreed },
        ReferralPlaced => this with { Status = ReferralStatus.Placed },
        ReferralSpotPurchaseStarted e => this with { Status = ReferralStatus.SpotPurchase, DecidedAt = DecidedAt ?? e.At },
        ReferralClosed e => this with { Status = ReferralStatus.Closed, DecidedAt = DecidedAt ?? e.At },
        _ => this,
    };

    /// <summary>
    /// Saves the details as they now stand: a draft's, or a returned referral's while the borough works on its answer
    /// (then it is an amendment, and the resubmission checks everything). Once submitted and not returned, the
    /// details are brokerage's to decide on and cannot change.
    /// </summary>
    public object SaveDraft(Guid id, string boroughCode, ReferralDetails details, DateTimeOffset at, string by)
    {
        if (Exists && Status == ReferralStatus.Returned)
        {
            return new ReferralAmended(Id, details, at, by);
        }

        if (Exists && Status != ReferralStatus.Draft)
        {
            throw new ConflictException($"Referral {Reference} has been submitted, so its details cannot be changed unless brokerage returns it for more information.");
        }

        return new ReferralDraftSaved(Exists ? Id : id, Exists ? BoroughCode : boroughCode, details, at, by);
    }

    /// <summary>
    /// Submits the referral (a draft, or a new one straight from the API) with details that passed
    /// <see cref="ReferralRules.Check"/>; the caller has validated them, so this only guards the status.
    /// </summary>
    public ReferralSubmitted Submit(Guid id, string boroughCode, ReferralDetails details, string reference, DateTimeOffset at, string by)
    {
        if (Exists && Status != ReferralStatus.Draft)
        {
            throw new ConflictException($"Referral {Reference} has already been submitted.");
        }

        EnsureValid(details, at);
        return new ReferralSubmitted(Exists ? Id : id, reference, Exists ? BoroughCode : boroughCode, details, at, DecisionClock.DueAt(at, details.NeededBy), by);
    }

    /// <summary>Brokerage asks the borough for more information. Only a submitted referral waiting for a bed can be returned.</summary>
    public ReferralReturned Return(string question, DateTimeOffset at, string by)
    {
        EnsureExists();
        if (Status != ReferralStatus.Submitted)
        {
            throw new ConflictException($"Referral {Reference} is {ReferralStatuses.Describe(Status).ToLowerInvariant()}: only a submitted referral can be returned for more information.");
        }

        return new ReferralReturned(Id, question.Trim(), at, by);
    }

    /// <summary>The borough answers the question and resubmits with the (possibly changed) details; a new clock starts.</summary>
    public ReferralResubmitted Resubmit(string answer, ReferralDetails details, DateTimeOffset at, string by)
    {
        EnsureExists();
        if (Status != ReferralStatus.Returned)
        {
            throw new ConflictException($"Referral {Reference} has not been returned for more information, so there is nothing to answer.");
        }

        EnsureValid(details, at);
        return new ReferralResubmitted(Id, answer.Trim(), details, at, DecisionClock.DueAt(at, details.NeededBy), by);
    }

    /// <summary>A brokerage person takes the referral on. No event when it is already theirs.</summary>
    public IReadOnlyList<object> Assign(string personId, string? personName, DateTimeOffset at, string by)
    {
        EnsureExists();
        if (!IsOpen)
        {
            throw new ConflictException($"Referral {Reference ?? "(draft)"} is {ReferralStatuses.Describe(Status).ToLowerInvariant()}: only an open referral can be assigned.");
        }

        return AssigneePersonId == personId ? [] : [new ReferralAssigned(Id, personId, personName, at, by)];
    }

    /// <summary>
    /// Either side closes the referral (withdrawn, no longer needed). Not while an offer or an agreed placement is
    /// live: that is withdrawn or ended first, so a bed is never left held by a closed referral.
    /// </summary>
    public ReferralClosed Close(string reason, string? note, DateTimeOffset at, string by)
    {
        EnsureExists();
        if (Status is ReferralStatus.Closed or ReferralStatus.Placed)
        {
            throw new ConflictException($"Referral {Reference ?? "(draft)"} is already {ReferralStatuses.Describe(Status).ToLowerInvariant()}.");
        }

        if (Status is ReferralStatus.Offered or ReferralStatus.PlacementAgreed or ReferralStatus.SpotPurchase)
        {
            throw new ConflictException($"Referral {Reference} has a live {(Status == ReferralStatus.SpotPurchase ? "spot purchase" : "offer or agreed placement")}: withdraw it first, then close the referral.");
        }

        return new ReferralClosed(Id, reason, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), at, by);
    }

    /// <summary>Marks an undecided referral past its target as escalated, once per clock. Nothing otherwise.</summary>
    public IReadOnlyList<object> Escalate(DateTimeOffset now) =>
        Exists && Status == ReferralStatus.Submitted && !Decided && EscalatedAt is null && DecisionDueAt is { } due && now > due
            ? [new ReferralEscalated(Id, due, now)]
            : [];

    /// <summary>For the Placements part: only a submitted referral waiting for a bed can be offered one.</summary>
    public void EnsureCanBeOffered()
    {
        EnsureExists();
        if (Status != ReferralStatus.Submitted)
        {
            throw new ConflictException($"Referral {Reference} is {ReferralStatuses.Describe(Status).ToLowerInvariant()}: only a submitted referral waiting for a bed can be offered one.");
        }
    }

    /// <summary>For the Spot purchases part: a spot purchase starts for a submitted referral that no block bed fits.</summary>
    public void EnsureCanStartSpotPurchase()
    {
        EnsureExists();
        if (Status != ReferralStatus.Submitted)
        {
            throw new ConflictException($"Referral {Reference} is {ReferralStatuses.Describe(Status).ToLowerInvariant()}: a spot purchase can only start for a submitted referral waiting for a bed.");
        }
    }

    public void EnsureExists()
    {
        if (!Exists)
        {
            throw new NotFoundException("There is no referral with that id.");
        }
    }

    private static void EnsureValid(ReferralDetails details, DateTimeOffset at)
    {
        var errors = ReferralRules.Check(details, DecisionClock.LondonDate(at));
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }
}
