using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Brokerage.Placements;

/// <summary>The coded reasons a provider may give when it declines an offer (<c>comment</c> is required with <c>other</c>).</summary>
internal static class DeclineReasons
{
    public const string Other = "other";

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cannot-meet-needs"] = "The home cannot meet the child's needs",
        ["impact-on-current-residents"] = "The placement would affect the children already living in the home",
        ["no-staffing"] = "The home does not have the staff to take the child",
        ["bed-not-available"] = "The bed is not available after all",
        ["location-unsuitable"] = "The home's location does not suit the child",
        [Other] = "Another reason (explained in the comment)",
    };

    public static string Choices => string.Join(", ", All.Keys);
}

/// <summary>
/// The decisions about offers, as pure functions: each either returns quietly or throws the refusal the caller gets
/// (<see cref="RequestValidationException"/> 400, <see cref="ConflictException"/> 409, <see cref="NotFoundException"/> 404).
/// </summary>
internal static class OfferRules
{
    public const int MaxCommentLength = 1000;

    /// <summary>How long a provider may be given to answer, at most.</summary>
    public static readonly TimeSpan LongestDeadline = TimeSpan.FromDays(14);

    /// <summary>
    /// Whether brokerage may offer <paramref name="bed"/> (null when it is not a contracted bed) for
    /// <paramref name="referral"/>, answering by <paramref name="respondBy"/>.
    /// </summary>
    public static void CheckOffer(
        PlacementReferral referral, bool referralHasOpenOffer, ContractedBed? bed, string bedId, BedHoldState bedState, DateTimeOffset? respondBy,
        DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (respondBy is null)
        {
            errors["respondBy"] = ["Enter the date and time the provider must answer by, for example 2026-11-25T17:00:00Z"];
        }
        else if (respondBy <= now)
        {
            errors["respondBy"] = ["The date and time to answer by must be in the future"];
        }
        else if (respondBy - now > LongestDeadline)
        {
            errors["respondBy"] = ["Give the provider at most 14 days to answer"];
        }

        if (string.IsNullOrWhiteSpace(bedId))
        {
            errors["bedId"] = ["Enter the id of the contracted bed to offer"];
        }
        else if (bed is null)
        {
            errors["bedId"] = [$"Bed {bedId} is not a contracted bed: choose a bed from the referral's shortlist"];
        }
        else if (!bed.InContract)
        {
            errors["bedId"] = [$"Bed {bedId} is not contracted today: choose a bed from the referral's shortlist"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        if (bedState.WhyNotFree(bedId, now) is { } why)
        {
            throw new ConflictException(why);
        }

        if (bed!.ConfirmationLapsed || bed.VacancyStatus != "available")
        {
            throw new ConflictException(
                $"Bed {bedId} is not confirmed available by its provider: ask {bed.ProviderCode} to confirm its vacancies, then offer it.");
        }

        if (referralHasOpenOffer)
        {
            throw new ConflictException($"Referral {referral.Reference} already has an open offer: wait for its answer or withdraw it first.");
        }

        if (referral.Status != "submitted")
        {
            throw new ConflictException($"Referral {referral.Reference} is not waiting for a bed (it is {referral.Status}), so no offer can be made for it.");
        }
    }

    /// <summary>Whether an offer can still be answered (accepted, declined or withdrawn) at <paramref name="now"/>.</summary>
    public static void CheckOpen(OfferState offer, DateTimeOffset now)
    {
        if (offer.Status != OfferStatuses.Open)
        {
            throw new ConflictException($"This offer has already been {offer.Status}: it cannot be answered again.");
        }

        if (now >= offer.Made!.RespondBy)
        {
            throw new ConflictException("The deadline to answer this offer has passed: it has lapsed and the bed is free again.");
        }
    }

    public static void CheckAccept(OfferState offer, DateOnly? plannedStartDate, DateOnly? visitDate, DateTimeOffset now, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (plannedStartDate is null)
        {
            errors["plannedStartDate"] = ["Enter the planned start date, for example 2026-12-01"];
        }
        else if (plannedStartDate < today)
        {
            errors["plannedStartDate"] = ["The planned start date must be today or later"];
        }
        else if (plannedStartDate > today.AddMonths(6))
        {
            errors["plannedStartDate"] = ["The planned start date must be within 6 months"];
        }

        if (visitDate is { } visit && (visit < today.AddDays(-14) || (plannedStartDate is { } start && visit > start)))
        {
            errors["prePlacementVisitDate"] = ["The pre-placement visit date must be on or before the planned start date, and not more than 14 days ago"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        CheckOpen(offer, now);
    }

    public static (string Code, string? Comment) CheckDecline(OfferState offer, string? reasonCode, string? comment, DateTimeOffset now)
    {
        var code = reasonCode?.Trim().ToLowerInvariant() ?? "";
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        var errors = new Dictionary<string, string[]>();
        if (!DeclineReasons.All.ContainsKey(code))
        {
            errors["reasonCode"] = [$"Choose the reason for declining: one of {DeclineReasons.Choices}"];
        }
        else if (code == DeclineReasons.Other && text is null)
        {
            errors["comment"] = ["Explain the reason for declining when it is 'other'"];
        }

        if (text is { Length: > MaxCommentLength })
        {
            errors["comment"] = [$"The comment must be {MaxCommentLength} characters or fewer"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        CheckOpen(offer, now);
        return (code, text);
    }

    /// <summary>
    /// The default deadline for an answer: 4 hours for a referral needed "Today", otherwise 2 working days (the
    /// decision clock's: Monday to Friday in London, bank holidays excluded) at the same time of day.
    /// </summary>
    public static DateTimeOffset DefaultRespondBy(string? neededBy, DateTimeOffset now)
    {
        if (DecisionClock.IsEmergency(neededBy))
        {
            return now.AddHours(4);
        }

        return DecisionClock.AddWorkingDays(now, 2);
    }
}
