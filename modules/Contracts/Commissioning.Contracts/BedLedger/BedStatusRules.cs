using Commissioning.BuildingBlocks.Calendar;

namespace Commissioning.Contracts.BedLedger;

/// <summary>A contracted bed's status at a moment. Stored and sent as kebab-case codes (<c>available</c>, <c>held</c>, …).</summary>
internal enum BedStatus
{
    /// <summary>Empty, and confirmed available by its provider within the confirmation window (possibly from a later date).</summary>
    Available,

    /// <summary>An open offer holds it.</summary>
    Held,

    /// <summary>A child is in it.</summary>
    Occupied,

    /// <summary>Empty, and its provider says it cannot take a child (with a reason).</summary>
    Unavailable,

    /// <summary>Empty and not confirmed available (never confirmed, or the confirmation lapsed): paid for, not offered.</summary>
    Void,
}

/// <summary>What the ledger knows of one contracted bed, as its read model keeps it.</summary>
internal sealed record BedFacts(
    string BedId,
    string HomeCode,
    string ProviderCode,
    Guid ContractId,
    string ContractReference,
    NeedBand Band,
    DateOnly ContractedFrom,
    DateOnly? ContractedUntil,
    CurrentHold? Hold,
    CurrentPlacement? Placement,
    BedConfirmation? Confirmation,
    string? LastInconsistency);

/// <summary>The provider's latest word on a bed.</summary>
internal sealed record BedConfirmation(VacancyStatus Status, DateOnly? AvailableFrom, string? Reason, DateTimeOffset ConfirmedAt, bool Lapsed);

/// <summary>A bed's status at a moment, with whether its confirmation is missing or out of date and when it is free.</summary>
internal sealed record BedState(BedStatus Status, bool Unconfirmed, DateOnly? AvailableFrom)
{
    /// <summary>Only a confirmed, empty bed counts as available (the lesson of stale vacancy data).</summary>
    public bool CountsAsAvailable => Status == BedStatus.Available;
}

/// <summary>
/// The status rules, pure. Precedence: a child in the bed, then an open offer, then the provider's confirmation. A
/// confirmation counts for the confirmation window after it was given (7 days by default), and not at all once the
/// lapse job has flagged it; one given before the bed's latest child moved in says nothing about the bed after that
/// child leaves. An empty bed without a confirmation that counts is void and flagged unconfirmed.
/// </summary>
internal static class BedStatusRules
{
    public static BedState StateOf(BedFacts bed, DateTimeOffset now, TimeSpan window)
    {
        var today = Today(now);
        var placement = bed.Placement;
        var confirmation = bed.Confirmation;
        var fresh = confirmation is { Lapsed: false } c
            && now < c.ConfirmedAt + window
            && (placement is null || DateOnly.FromDateTime(c.ConfirmedAt.UtcDateTime) >= placement.StartDate);

        if (placement is not null && placement.StartDate <= today && (placement.EndDate is null || placement.EndDate > today))
        {
            // Free from the child's end date, or from the date the provider gave, whichever is later.
            DateOnly? from = placement.EndDate is { } end && fresh && confirmation!.Status == VacancyStatus.Available
                ? Later(end, confirmation.AvailableFrom)
                : placement.EndDate;
            return new BedState(BedStatus.Occupied, false, from);
        }

        if (bed.Hold is not null)
        {
            return new BedState(BedStatus.Held, false, null);
        }

        if (confirmation is { Status: VacancyStatus.Unavailable })
        {
            return new BedState(BedStatus.Unavailable, !fresh, confirmation.AvailableFrom);
        }

        if (fresh && confirmation!.Status == VacancyStatus.Available)
        {
            return new BedState(BedStatus.Available, false, Later(today, confirmation.AvailableFrom));
        }

        return new BedState(BedStatus.Void, true, null);
    }

    /// <summary>The calendar date in the UK at <paramref name="now"/>: beds, placements and fees run on UK days.</summary>
    public static DateOnly Today(DateTimeOffset now) => PartnershipCalendar.DateOf(now);

    private static DateOnly Later(DateOnly a, DateOnly? b) => b is { } x && x > a ? x : a;
}

/// <summary>The confirmation window, <c>Commissioning:Contracts:VacancyConfirmationWindow</c> (a TimeSpan, 7 days by default).</summary>
internal sealed class BedLedgerOptions
{
    public TimeSpan VacancyConfirmationWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The void-sharing rule's code: <c>pooled-budget</c> (default) or <c>use</c>.</summary>
    public string VoidSharingRule { get; set; } = Money.PooledBudgetShareRule.RuleCode;
}
