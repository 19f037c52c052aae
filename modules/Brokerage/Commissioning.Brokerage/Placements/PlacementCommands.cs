using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Notifications;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commissioning.Brokerage.Placements;

/// <summary>The child moved in: the agreed placement starts (the referral is <c>placed</c>).</summary>
[AllowedRoles(Roles.Brokerage, Roles.Provider)]
internal sealed record StartPlacement(Guid PlacementId, DateOnly? StartDate) : ICommand<Unit>;

/// <summary>The placement ended, with SSDA903 codes and whether the ending was planned: the bed is free.</summary>
[AllowedRoles(Roles.Brokerage, Roles.Provider)]
internal sealed record EndPlacement(Guid PlacementId, DateOnly? EndDate, string? ReasonEpisodeCeased, string? ReasonPlaceChange, bool? Planned) : ICommand<Unit>;

/// <summary>The provider asks for the child's band to change, with its rationale. Answers the request's id.</summary>
[AllowedRoles(Roles.Provider)]
internal sealed record RequestRebanding(Guid PlacementId, string? Band, string? Rationale) : ICommand<Guid>;

/// <summary>Brokerage approves a re-banding request from an effective date, or rejects it with a reason.</summary>
[AllowedRoles(Roles.Brokerage)]
internal sealed record DecideRebanding(Guid PlacementId, Guid RequestId, bool? Approve, DateOnly? EffectiveFrom, string? Reason) : ICommand<Unit>;

/// <summary>Changes the planned step-down date (6 to 9 months after the start unless a reason is given).</summary>
[AllowedRoles(Roles.Brokerage)]
internal sealed record SetStepDownDate(Guid PlacementId, DateOnly? StepDownDate, string? Reason) : ICommand<Unit>;

/// <summary>Records a staying-put agreement: the young person stays past 18, until at most the 21st birthday.</summary>
[AllowedRoles(Roles.Brokerage)]
internal sealed record AgreeStayingPut(Guid PlacementId, DateOnly? Until, string? Note) : ICommand<Unit>;

/// <summary>
/// Brokerage moves a child to another free bed: the placement ends with REC <c>X1</c> and the reason for the change, and a
/// new one starts in the new bed the same day, in one transaction. Answers the new placement's id.
/// </summary>
[AllowedRoles(Roles.Brokerage)]
internal sealed record MovePlacement(Guid PlacementId, string? BedId, DateOnly? MoveDate, string? ReasonPlaceChange, bool? Planned) : ICommand<Guid>;

/// <summary>
/// Brokerage calls off an agreed placement that will not start (the child's plan changed, the provider cannot take the
/// child after all): the bed is free again and the referral waits for another bed.
/// </summary>
[AllowedRoles(Roles.Brokerage)]
internal sealed record CallOffPlacement(Guid PlacementId, string? Reason) : ICommand<Unit>;

/// <summary>The reminder job: 28 days before a planned step-down date, tell the borough and brokerage (once per date).</summary>
[SystemOnly]
internal sealed record SendStepDownReminders : ICommand<int>;

internal sealed class PlacementCommandHandlers(
    [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store,
    IContractedBeds beds,
    RequestContext context,
    TimeProvider clock,
    INotifier notifier,
    ILogger<PlacementCommandHandlers> logger) :
    IRequestHandler<StartPlacement, Unit>,
    IRequestHandler<EndPlacement, Unit>,
    IRequestHandler<RequestRebanding, Guid>,
    IRequestHandler<DecideRebanding, Unit>,
    IRequestHandler<SetStepDownDate, Unit>,
    IRequestHandler<AgreeStayingPut, Unit>,
    IRequestHandler<MovePlacement, Guid>,
    IRequestHandler<CallOffPlacement, Unit>,
    IRequestHandler<SendStepDownReminders, int>
{
    /// <summary>How long before the step-down date the reminder goes.</summary>
    public const int ReminderDays = 28;

    private string Actor => context.UserId ?? "system";

    public async Task<Unit> Handle(StartPlacement request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = PartnershipCalendar.Today(clock);
        await Writes.RetryAsync(async () =>
        {
            var (placement, version) = await LoadVisibleAsync(request.PlacementId, cancellationToken);
            PlacementRules.CheckStart(placement, request.StartDate, today);
            var agreed = placement.Agreed!;
            var start = request.StartDate!.Value;
            var referralVersion = await store.CurrentVersionAsync(ReferralStreams.For(agreed.ReferralId), cancellationToken) ?? 0;
            var (_, bedVersion) = await store.LoadAsync<BedHoldState>(PlacementStreams.Bed(agreed.BedId), cancellationToken);
            await PlacementsWriter.SaveAsync(store, context.ToEventMetadata(), clock,
            [
                new(ReferralStreams.For(agreed.ReferralId), ReferralStreams.StreamType, referralVersion,
                    [new ReferralPlaced(agreed.ReferralId, agreed.PlacementId, start, now)], agreed.BoroughCode),
                new(PlacementStreams.Placement(agreed.PlacementId), PlacementStreams.PlacementStreamType, version,
                    [new PlacementStartRecorded(agreed.PlacementId, agreed.BedId, agreed.OfferId, agreed.BoroughCode, placement.Band, start,
                        PlacementRules.DefaultStepDown(start), now, Actor)], agreed.BoroughCode),
                new(PlacementStreams.Bed(agreed.BedId), PlacementStreams.BedStreamType, bedVersion,
                    [new BedOccupiedByPlacement(agreed.BedId, agreed.PlacementId, agreed.BoroughCode, start, now)], null),
            ], cancellationToken);
        }, () => "The placement changed while its start was being recorded; look at it again.", cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(EndPlacement request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = PartnershipCalendar.Today(clock);
        await Writes.RetryAsync(async () =>
        {
            var (placement, version) = await LoadVisibleAsync(request.PlacementId, cancellationToken);
            var (rec, change) = PlacementRules.CheckEnd(placement, request.EndDate, request.ReasonEpisodeCeased, request.ReasonPlaceChange, request.Planned, today);
            var agreed = placement.Agreed!;
            var (_, bedVersion) = await store.LoadAsync<BedHoldState>(PlacementStreams.Bed(agreed.BedId), cancellationToken);
            await PlacementsWriter.SaveAsync(store, context.ToEventMetadata(), clock,
            [
                new(PlacementStreams.Placement(agreed.PlacementId), PlacementStreams.PlacementStreamType, version,
                    [new PlacementEndRecorded(agreed.PlacementId, agreed.BedId, request.EndDate!.Value, rec, change, request.Planned!.Value, null, now, Actor)],
                    agreed.BoroughCode),
                new(PlacementStreams.Bed(agreed.BedId), PlacementStreams.BedStreamType, bedVersion,
                    [new BedVacatedByPlacement(agreed.BedId, agreed.PlacementId, request.EndDate.Value, now)], null),
            ], cancellationToken);
        }, () => "The placement changed while its ending was being recorded; look at it again.", cancellationToken);
        return Unit.Value;
    }

    public async Task<Guid> Handle(RequestRebanding request, CancellationToken cancellationToken)
    {
        var requestId = Guid.NewGuid();
        var now = clock.GetUtcNow();
        await Writes.RetryAsync(async () =>
        {
            var (placement, version) = await LoadVisibleAsync(request.PlacementId, cancellationToken);
            var (band, rationale) = PlacementRules.CheckRebandingRequest(placement, request.Band, request.Rationale);
            await SaveOneAsync(placement, version, new RebandingRequested(request.PlacementId, requestId, band, rationale, now, Actor), cancellationToken);
        }, () => "The placement changed while the re-banding was being asked for; look at it again.", cancellationToken);
        return requestId;
    }

    public async Task<Unit> Handle(DecideRebanding request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = PartnershipCalendar.Today(clock);
        await Writes.RetryAsync(async () =>
        {
            var (placement, version) = await LoadVisibleAsync(request.PlacementId, cancellationToken);
            PlacementRules.CheckRebandingDecision(placement, request.RequestId, request.Approve, request.EffectiveFrom, request.Reason, today);
            object decision = request.Approve!.Value
                ? new RebandingApproved(request.PlacementId, request.RequestId, placement.Pending!.Band, request.EffectiveFrom!.Value, now, Actor)
                : new RebandingRejected(request.PlacementId, request.RequestId, request.Reason!.Trim(), now, Actor);
            await SaveOneAsync(placement, version, decision, cancellationToken);
        }, () => "The placement changed while the re-banding was being decided; look at it again.", cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(SetStepDownDate request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await Writes.RetryAsync(async () =>
        {
            var (placement, version) = await LoadVisibleAsync(request.PlacementId, cancellationToken);
            var reason = PlacementRules.CheckStepDown(placement, request.StepDownDate, request.Reason);
            await SaveOneAsync(placement, version, new StepDownDateSet(request.PlacementId, request.StepDownDate!.Value, reason, now, Actor), cancellationToken);
        }, () => "The placement changed while its step-down date was being set; look at it again.", cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(AgreeStayingPut request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = PartnershipCalendar.Today(clock);
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > PlacementRules.MaxTextLength })
        {
            throw RequestValidationException.For("note", $"The note must be {PlacementRules.MaxTextLength} characters or fewer");
        }

        await Writes.RetryAsync(async () =>
        {
            var (placement, version) = await LoadVisibleAsync(request.PlacementId, cancellationToken);
            PlacementRules.CheckStayingPut(placement, request.Until, today);
            await SaveOneAsync(placement, version, new StayingPutAgreed(request.PlacementId, request.Until!.Value, note, now, Actor), cancellationToken);
        }, () => "The placement changed while staying put was being recorded; look at it again.", cancellationToken);
        return Unit.Value;
    }

    public async Task<Guid> Handle(MovePlacement request, CancellationToken cancellationToken)
    {
        var newPlacementId = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var today = PartnershipCalendar.Today(clock);
        var newBedId = request.BedId?.Trim() ?? "";
        var newBed = newBedId.Length == 0 ? null : await beds.FindAsync(newBedId, today, cancellationToken);
        await Writes.RetryAsync(async () =>
        {
            var (placement, version) = await LoadVisibleAsync(request.PlacementId, cancellationToken);
            var change = PlacementRules.CheckMove(placement, newBedId, request.MoveDate, request.ReasonPlaceChange, today);
            if (request.Planned is null)
            {
                throw RequestValidationException.For("planned", "Say whether the move was planned (true) or not (false)");
            }

            if (newBed is null || !newBed.InContract)
            {
                throw RequestValidationException.For("bedId", $"Bed {newBedId} is not a contracted bed: choose a contracted bed that is free");
            }

            var agreed = placement.Agreed!;
            var moveDate = request.MoveDate!.Value;
            var referralVersion = await store.CurrentVersionAsync(ReferralStreams.For(agreed.ReferralId), cancellationToken) ?? 0;
            var (_, oldBedVersion) = await store.LoadAsync<BedHoldState>(PlacementStreams.Bed(agreed.BedId), cancellationToken);
            var (newBedState, newBedVersion) = await store.LoadAsync<BedHoldState>(PlacementStreams.Bed(newBedId), cancellationToken);
            if (newBedState.WhyNotFree(newBedId, now) is { } why)
            {
                throw new ConflictException(why);
            }

            if (newBed.ConfirmationLapsed || newBed.VacancyStatus != "available")
            {
                throw new ConflictException($"Bed {newBedId} is not confirmed available by its provider: ask {newBed.ProviderCode} to confirm its vacancies first.");
            }

            var band = placement.Band;
            // Order matters for the projection: the new placement's row exists before its bed's hold is written.
            await PlacementsWriter.SaveAsync(store, context.ToEventMetadata(), clock,
            [
                new(ReferralStreams.For(agreed.ReferralId), ReferralStreams.StreamType, referralVersion,
                    [new ReferralPlaced(agreed.ReferralId, newPlacementId, moveDate, now)], agreed.BoroughCode),
                new(PlacementStreams.Placement(agreed.PlacementId), PlacementStreams.PlacementStreamType, version,
                [
                    new PlacementEndRecorded(agreed.PlacementId, agreed.BedId, moveDate, Ssda903.Moved, change, request.Planned.Value, newPlacementId, now, Actor),
                    new PlacementMoveRecorded(agreed.PlacementId, newPlacementId, agreed.ReferralReference, agreed.BoroughCode, agreed.BedId, newBedId,
                        moveDate, change, request.Planned.Value, now, Actor),
                ], agreed.BoroughCode),
                new(PlacementStreams.Bed(agreed.BedId), PlacementStreams.BedStreamType, oldBedVersion,
                    [new BedVacatedByPlacement(agreed.BedId, agreed.PlacementId, moveDate, now)], null),
                new(PlacementStreams.Placement(newPlacementId), PlacementStreams.PlacementStreamType, ExpectedVersion.NoStream,
                [
                    new PlacementAgreed(newPlacementId, agreed.ReferralId, agreed.ReferralReference, null, agreed.PlacementId, newBedId, newBed.HomeCode,
                        newBed.ProviderCode, agreed.BoroughCode, band, agreed.DateOfBirth, moveDate, null, now, Actor,
                        agreed.BrokerageOrganisation ?? context.Organisation),
                    new PlacementStartRecorded(newPlacementId, newBedId, null, agreed.BoroughCode, band, moveDate, placement.StepDownDate is { } s && s > moveDate
                        ? s : PlacementRules.DefaultStepDown(moveDate), now, Actor),
                ], agreed.BoroughCode),
                new(PlacementStreams.Bed(newBedId), PlacementStreams.BedStreamType, newBedVersion,
                    [new BedOccupiedByPlacement(newBedId, newPlacementId, agreed.BoroughCode, moveDate, now)], null),
            ], cancellationToken);
        }, () => $"Bed {newBedId} was taken at the same moment; it is no longer free.", cancellationToken);
        return newPlacementId;
    }

    public async Task<Unit> Handle(CallOffPlacement request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = PartnershipCalendar.Today(clock);
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (reason is null or { Length: > PlacementRules.MaxTextLength })
        {
            throw RequestValidationException.For("reason", $"Say why the placement will not start, in {PlacementRules.MaxTextLength} characters or fewer");
        }

        await Writes.RetryAsync(async () =>
        {
            var (placement, version) = await LoadVisibleAsync(request.PlacementId, cancellationToken);
            if (placement.Status != PlacementStatuses.Confirmed)
            {
                throw new ConflictException($"This placement is {placement.Status}: only an agreed placement that has not started can be called off.");
            }

            var agreed = placement.Agreed!;
            var referralVersion = await store.CurrentVersionAsync(ReferralStreams.For(agreed.ReferralId), cancellationToken) ?? 0;
            var (_, bedVersion) = await store.LoadAsync<BedHoldState>(PlacementStreams.Bed(agreed.BedId), cancellationToken);
            // The referral waits again, as after a withdrawn offer (its clock keeps running from the first submission).
            object[] referralEvents = agreed.OfferId is { } offerId ? [new ReferralOfferEnded(agreed.ReferralId, offerId, "withdrawn", now)] : [];
            await PlacementsWriter.SaveAsync(store, context.ToEventMetadata(), clock,
            [
                new(ReferralStreams.For(agreed.ReferralId), ReferralStreams.StreamType, referralVersion, referralEvents, agreed.BoroughCode),
                new(PlacementStreams.Placement(agreed.PlacementId), PlacementStreams.PlacementStreamType, version,
                    [new PlacementCalledOff(agreed.PlacementId, agreed.BedId, reason, now, Actor, agreed.OfferId)], agreed.BoroughCode),
                new(PlacementStreams.Bed(agreed.BedId), PlacementStreams.BedStreamType, bedVersion,
                    [new BedVacatedByPlacement(agreed.BedId, agreed.PlacementId, today, now)], null),
            ], cancellationToken);
        }, () => "The placement changed while it was being called off; look at it again.", cancellationToken);
        return Unit.Value;
    }

    public async Task<int> Handle(SendStepDownReminders request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = PartnershipCalendar.Today(clock);
        var due = await ReadModels.QueryAsync(store,
            $"""
            SELECT placement_id FROM {PlacementsSchema.Placements}
            WHERE status = 'started' AND step_down_date IS NOT NULL AND step_down_date <= $1
              AND step_down_reminded_for IS DISTINCT FROM step_down_date
            ORDER BY step_down_date, placement_id
            """, r => r.GetGuid(0), cancellationToken, today.AddDays(ReminderDays));
        var sent = 0;
        foreach (var placementId in due)
        {
            var (placement, version) = await store.LoadAsync<PlacementState>(PlacementStreams.Placement(placementId), cancellationToken);
            if (placement.Status != PlacementStatuses.Started || placement.StepDownDate is not { } date || placement.StepDownRemindedFor == date)
            {
                continue;
            }

            var agreed = placement.Agreed!;
            // Keyed by placement and date: a rerun (or a second host) stores each notice once; the event then stops the next run.
            var subject = $"Step-down for {agreed.ReferralReference} is planned for {PartnershipCalendar.Display(date)}";
            var body = $"The placement of {agreed.ReferralReference} at {agreed.HomeCode} is planned to step down on {PartnershipCalendar.Display(date)}. " +
                       "Plan the move to fostering or semi-independent care, or change the date with a reason.";
            var key = $"step-down-{placementId:N}-{date:yyyyMMdd}";
            await notifier.NotifyAsync(new Notification("placement-step-down-due",
                NotificationAudience.InOrganisation(agreed.BoroughCode, Roles.BoroughReferrer, Roles.BoroughManager), subject, body,
                $"/placements/{placementId}", key + "-borough", agreed.ReferralReference), cancellationToken);
            if (agreed.BrokerageOrganisation is { } brokerage)
            {
                await notifier.NotifyAsync(new Notification("placement-step-down-due", NotificationAudience.InOrganisation(brokerage, Roles.Brokerage),
                    subject, body, $"/placements/{placementId}", key + "-brokerage", agreed.ReferralReference), cancellationToken);
            }

            try
            {
                await SaveOneAsync(placement, version, new StepDownReminderSent(placementId, date, now), cancellationToken);
                sent++;
            }
            catch (StreamVersionConflictException)
            {
                logger.LogInformation("Placement {PlacementId} changed while its step-down reminder was sent; the next run looks again.", placementId);
            }
        }

        return sent;
    }

    private Task SaveOneAsync(PlacementState placement, long version, object @event, CancellationToken cancellationToken) =>
        PlacementsWriter.SaveAsync(store, context.ToEventMetadata(), clock,
            [new(PlacementStreams.Placement(placement.Agreed!.PlacementId), PlacementStreams.PlacementStreamType, version, [@event], placement.Agreed.BoroughCode)],
            cancellationToken);

    /// <summary>The placement, or 404 when it does not exist or lies outside the caller's scope.</summary>
    private async Task<(PlacementState Placement, long Version)> LoadVisibleAsync(Guid placementId, CancellationToken cancellationToken)
    {
        var (placement, version) = await store.LoadAsync<PlacementState>(PlacementStreams.Placement(placementId), cancellationToken);
        if (!placement.Exists || !ChildDataScope.For(context).Allows(
                new ChildRecordKey("placement", placementId.ToString(), placement.Agreed!.BoroughCode, [placement.Agreed.ProviderCode])))
        {
            throw new NotFoundException("There is no placement with that id.");
        }

        return (placement, version);
    }
}
