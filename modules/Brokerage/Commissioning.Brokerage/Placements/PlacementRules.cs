using Commissioning.Brokerage.Matching;
using Commissioning.BuildingBlocks.Messaging;

namespace Commissioning.Brokerage.Placements;

/// <summary>
/// The decisions about placements, as pure functions that return quietly or throw the refusal the caller gets
/// (400 <see cref="RequestValidationException"/>, 409 <see cref="ConflictException"/>).
/// </summary>
internal static class PlacementRules
{
    public const int MaxTextLength = 2000;

    /// <summary>The planned step-down date by default: six months after the start (domain.md: 6 to 9 months).</summary>
    public static DateOnly DefaultStepDown(DateOnly start) => start.AddMonths(6);

    public static void CheckStart(PlacementState placement, DateOnly? startDate, DateOnly today)
    {
        if (startDate is null)
        {
            throw RequestValidationException.For("startDate", "Enter the date the child moved in, for example 2026-12-01");
        }

        if (startDate > today)
        {
            throw RequestValidationException.For("startDate", "The start date cannot be in the future: record the start on or after the day the child moves in");
        }

        var agreedOn = DateOnly.FromDateTime(placement.Agreed!.At.UtcDateTime);
        if (startDate < agreedOn.AddDays(-1))
        {
            throw RequestValidationException.For("startDate", "The start date cannot be before the placement was agreed");
        }

        if (placement.Status != PlacementStatuses.Confirmed)
        {
            throw new ConflictException($"This placement is {placement.Status}: only a confirmed placement can start.");
        }
    }

    /// <summary>Checks an ending and answers the codes as stored (upper case).</summary>
    public static (string Rec, string? PlaceChange) CheckEnd(
        PlacementState placement, DateOnly? endDate, string? reasonEpisodeCeased, string? reasonPlaceChange, bool? planned, DateOnly today)
    {
        var rec = reasonEpisodeCeased?.Trim().ToUpperInvariant() ?? "";
        var change = string.IsNullOrWhiteSpace(reasonPlaceChange) ? null : reasonPlaceChange.Trim().ToUpperInvariant();
        var errors = new Dictionary<string, string[]>();
        if (endDate is null)
        {
            errors["endDate"] = ["Enter the date the child left, for example 2027-05-31"];
        }
        else if (endDate > today)
        {
            errors["endDate"] = ["The end date cannot be in the future: record the ending on or after the day the child leaves"];
        }
        else if (placement.StartDate is { } start && endDate < start)
        {
            errors["endDate"] = ["The end date cannot be before the placement started"];
        }

        if (!Ssda903.ReasonEpisodeCeased.ContainsKey(rec))
        {
            errors["reasonEpisodeCeased"] = ["Give the reason the episode ceased as an SSDA903 REC code, for example E13, E17 or X1 for a move to another placement"];
        }

        if (change is not null && !Ssda903.ReasonPlaceChange.ContainsKey(change))
        {
            errors["reasonPlaceChange"] = [$"Give the reason for the change of placement as an SSDA903 code: one of {string.Join(", ", Ssda903.ReasonPlaceChange.Keys)}"];
        }
        else if (change is null && rec == Ssda903.Moved)
        {
            errors["reasonPlaceChange"] = ["Give the reason for the change of placement: it is required when the episode ceased with X1 (a move)"];
        }

        if (planned is null)
        {
            errors["planned"] = ["Say whether the ending was planned (true) or not (false)"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        if (placement.Status != PlacementStatuses.Started)
        {
            throw new ConflictException($"This placement is {placement.Status}: only a started placement can end.");
        }

        return (rec, change);
    }

    /// <summary>
    /// Staying put: after the 18th birthday the young person may stay until at most the 21st. Answers the date agreed.
    /// </summary>
    public static void CheckStayingPut(PlacementState placement, DateOnly? until, DateOnly today)
    {
        if (placement.Status != PlacementStatuses.Started)
        {
            throw new ConflictException($"This placement is {placement.Status}: staying put is agreed for a placement that has started.");
        }

        if (placement.Agreed!.DateOfBirth is not { } born)
        {
            throw new ConflictException("The referral has no date of birth, so staying put past 18 cannot be worked out: ask the borough to complete it.");
        }

        if (until is null)
        {
            throw RequestValidationException.For("until", "Enter the date the young person will stay until, for example 2028-06-30");
        }

        var eighteenth = born.AddYears(18);
        var twentyFirst = born.AddYears(21);
        if (until <= eighteenth)
        {
            throw RequestValidationException.For("until",
                $"Staying put runs past the 18th birthday ({eighteenth:yyyy-MM-dd}): enter a date after it");
        }

        if (until > twentyFirst)
        {
            throw RequestValidationException.For("until",
                $"Staying put can last until the 21st birthday at most ({twentyFirst:yyyy-MM-dd}): enter that date or an earlier one");
        }

        if (until < today)
        {
            throw RequestValidationException.For("until", "The date to stay until cannot be in the past");
        }
    }

    /// <summary>The step-down date must fall 6 to 9 months after the start unless a reason is given.</summary>
    public static string? CheckStepDown(PlacementState placement, DateOnly? date, string? reason)
    {
        if (placement.Status != PlacementStatuses.Started || placement.StartDate is not { } start)
        {
            throw new ConflictException($"This placement is {placement.Status}: a step-down date is planned for a placement that has started.");
        }

        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (date is null)
        {
            throw RequestValidationException.For("stepDownDate", "Enter the planned step-down date, for example 2027-06-01");
        }

        if (date <= start)
        {
            throw RequestValidationException.For("stepDownDate", "The step-down date must be after the placement's start");
        }

        if ((date < start.AddMonths(6) || date > start.AddMonths(9)) && why is null)
        {
            throw RequestValidationException.For("reason",
                $"The step-down date is usually 6 to 9 months after the start ({start.AddMonths(6):yyyy-MM-dd} to {start.AddMonths(9):yyyy-MM-dd}): say why this placement's differs");
        }

        if (why is { Length: > MaxTextLength })
        {
            throw RequestValidationException.For("reason", $"The reason must be {MaxTextLength} characters or fewer");
        }

        return why;
    }

    public static (string Band, string Rationale) CheckRebandingRequest(PlacementState placement, string? band, string? rationale)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = NeedBands.TryParse(band);
        if (parsed is null)
        {
            errors["band"] = ["Choose the band asked for: low, medium, high or specialist"];
        }
        else if (NeedBands.Code(parsed.Value) == placement.Band)
        {
            errors["band"] = [$"The placement is already banded {placement.Band}: choose a different band"];
        }

        if (string.IsNullOrWhiteSpace(rationale))
        {
            errors["rationale"] = ["Explain why the child's needs now match the band asked for"];
        }
        else if (rationale.Trim().Length > MaxTextLength)
        {
            errors["rationale"] = [$"The rationale must be {MaxTextLength} characters or fewer"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        if (placement.Status != PlacementStatuses.Started)
        {
            throw new ConflictException($"This placement is {placement.Status}: re-banding is asked for a placement that has started.");
        }

        if (placement.Pending is not null)
        {
            throw new ConflictException("A re-banding request for this placement is already waiting for brokerage's decision.");
        }

        return (NeedBands.Code(parsed!.Value), rationale!.Trim());
    }

    /// <summary>
    /// An approval takes effect from a date on or after the start (and before the end, if ended), at most 3 months
    /// ahead; it may be back-dated to when the needs changed: the fee follows from that date.
    /// </summary>
    public static void CheckRebandingDecision(PlacementState placement, Guid requestId, bool? approve, DateOnly? effectiveFrom, string? reason, DateOnly today)
    {
        if (placement.Pending is not { } pending || pending.RequestId != requestId)
        {
            throw new ConflictException("There is no re-banding request waiting for a decision with that id: it may have been decided already.");
        }

        if (approve is null)
        {
            throw RequestValidationException.For("approve", "Say whether the re-banding is approved (true) or rejected (false)");
        }

        if (approve.Value)
        {
            if (effectiveFrom is null)
            {
                throw RequestValidationException.For("effectiveFrom", "Enter the date the new band takes effect from, for example 2026-12-01");
            }

            if (effectiveFrom < placement.StartDate)
            {
                throw RequestValidationException.For("effectiveFrom", "The new band cannot take effect before the placement started");
            }

            if (placement.EndDate is { } end && effectiveFrom >= end)
            {
                throw RequestValidationException.For("effectiveFrom", "The new band must take effect before the placement ended");
            }

            if (effectiveFrom > today.AddMonths(3))
            {
                throw RequestValidationException.For("effectiveFrom", "The new band must take effect within 3 months from today");
            }
        }
        else if (string.IsNullOrWhiteSpace(reason))
        {
            throw RequestValidationException.For("reason", "Say why the re-banding is rejected");
        }
        else if (reason.Trim().Length > MaxTextLength)
        {
            throw RequestValidationException.For("reason", $"The reason must be {MaxTextLength} characters or fewer");
        }
    }

    /// <summary>Checks a move of a started placement to another bed, from <paramref name="moveDate"/>.</summary>
    public static string CheckMove(PlacementState placement, string? newBedId, DateOnly? moveDate, string? reasonPlaceChange, DateOnly today)
    {
        var change = reasonPlaceChange?.Trim().ToUpperInvariant() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(newBedId))
        {
            errors["bedId"] = ["Enter the id of the contracted bed the child moves to"];
        }
        else if (newBedId == placement.Agreed!.BedId)
        {
            errors["bedId"] = ["The child is already in that bed: choose another bed"];
        }

        if (moveDate is null)
        {
            errors["moveDate"] = ["Enter the date of the move, for example 2027-01-15"];
        }
        else if (moveDate > today)
        {
            errors["moveDate"] = ["The move date cannot be in the future: record the move on or after the day it happens"];
        }
        else if (placement.StartDate is { } start && moveDate < start)
        {
            errors["moveDate"] = ["The move date cannot be before the placement started"];
        }

        if (!Ssda903.ReasonPlaceChange.ContainsKey(change))
        {
            errors["reasonPlaceChange"] = [$"Give the reason for the change of placement as an SSDA903 code: one of {string.Join(", ", Ssda903.ReasonPlaceChange.Keys)}"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        if (placement.Status != PlacementStatuses.Started)
        {
            throw new ConflictException($"This placement is {placement.Status}: only a started placement can move.");
        }

        return change;
    }
}
