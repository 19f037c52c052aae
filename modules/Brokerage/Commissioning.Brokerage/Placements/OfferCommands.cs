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

/// <summary>Brokerage offers a contracted bed for a waiting referral; the provider must answer by <see cref="RespondBy"/>. Answers the offer's id.</summary>
[AllowedRoles(Roles.Brokerage)]
internal sealed record MakeOffer(Guid ReferralId, string? BedId, DateTimeOffset? RespondBy) : ICommand<Guid>;

/// <summary>The provider accepts an offer made to it: the placement is agreed (status <c>confirmed</c>). Answers the placement's id.</summary>
[AllowedRoles(Roles.Provider)]
internal sealed record AcceptOffer(Guid OfferId, DateOnly? PlannedStartDate, DateOnly? PrePlacementVisitDate) : ICommand<Guid>;

/// <summary>The provider declines an offer made to it with a coded reason: the bed is free again.</summary>
[AllowedRoles(Roles.Provider)]
internal sealed record DeclineOffer(Guid OfferId, string? ReasonCode, string? Comment) : ICommand<Unit>;

/// <summary>Brokerage withdraws an open offer: the bed is free again and the referral waits.</summary>
[AllowedRoles(Roles.Brokerage)]
internal sealed record WithdrawOffer(Guid OfferId, string? Reason) : ICommand<Unit>;

/// <summary>The lapse job (every minute): every open offer past its deadline lapses and frees its bed. Answers how many lapsed.</summary>
[SystemOnly]
internal sealed record LapseOverdueOffers : ICommand<int>;

internal sealed class OfferCommandHandlers(
    [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store,
    IPlacementReferrals referrals,
    IContractedBeds beds,
    RequestContext context,
    TimeProvider clock,
    INotifier notifier,
    ILogger<OfferCommandHandlers> logger) :
    IRequestHandler<MakeOffer, Guid>,
    IRequestHandler<AcceptOffer, Guid>,
    IRequestHandler<DeclineOffer, Unit>,
    IRequestHandler<WithdrawOffer, Unit>,
    IRequestHandler<LapseOverdueOffers, int>
{
    private string Actor => context.UserId ?? "system";

    public async Task<Guid> Handle(MakeOffer request, CancellationToken cancellationToken)
    {
        var bedId = request.BedId?.Trim() ?? "";
        var offerId = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var today = PartnershipCalendar.Today(clock);
        var bed = bedId.Length == 0 ? null : await beds.FindAsync(bedId, today, cancellationToken);
        OfferMade? made = null;
        await Writes.RetryAsync(async () =>
        {
            // Each state is read with its stream's version: anything that changes after this read fails the append.
            var (bedState, bedVersion) = bedId.Length == 0 ? (BedHoldState.Initial, 0) : await store.LoadAsync<BedHoldState>(PlacementStreams.Bed(bedId), cancellationToken);
            var referral = await referrals.FindAsync(request.ReferralId, cancellationToken)
                           ?? throw new NotFoundException("There is no referral with that id.");
            var hasOpenOffer = (await ReadModels.QueryAsync(store,
                $"SELECT 1 FROM {PlacementsSchema.Offers} WHERE referral_id = $1 AND status = 'open'", r => 1, cancellationToken, request.ReferralId)).Count > 0;
            OfferRules.CheckOffer(referral, hasOpenOffer, bed, bedId, bedState, request.RespondBy, now);

            made = new OfferMade(offerId, referral.ReferralId, referral.Reference, bedId, bed!.HomeCode, bed.ProviderCode, referral.BoroughCode,
                SummaryOf(referral), request.RespondBy!.Value, now, Actor, context.Organisation);
            await PlacementsWriter.SaveAsync(store, context.ToEventMetadata(), clock,
            [
                new(ReferralStreams.For(referral.ReferralId), ReferralStreams.StreamType, referral.Version,
                    [new ReferralOfferMade(referral.ReferralId, offerId, bedId, bed.ProviderCode, now)], referral.BoroughCode),
                new(PlacementStreams.Offer(offerId), PlacementStreams.OfferStreamType, ExpectedVersion.NoStream, [made], referral.BoroughCode),
                new(PlacementStreams.Bed(bedId), PlacementStreams.BedStreamType, bedVersion,
                    [new BedOffered(bedId, offerId, referral.ReferralId, referral.Reference, referral.BoroughCode, bed.ProviderCode, bed.HomeCode, now,
                        request.RespondBy.Value)], null),
            ], cancellationToken);
        }, () => $"Bed {bedId} was taken by another offer at the same moment; it is no longer free.", cancellationToken);

        await TellAsync(new Notification("offer-made", NotificationAudience.InOrganisation(made!.ProviderCode, Roles.Provider),
            $"New offer {made.ReferralReference}: please answer by {made.RespondBy.UtcDateTime:d MMM yyyy HH:mm} UTC",
            $"Brokerage has offered bed {made.BedId} at {made.HomeCode} for referral {made.ReferralReference}. Sign in to accept or decline it.",
            $"/offers/{offerId}", $"offer-made-{offerId:N}", made.ReferralReference), cancellationToken);
        return offerId;
    }

    public async Task<Guid> Handle(AcceptOffer request, CancellationToken cancellationToken)
    {
        var placementId = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var today = PartnershipCalendar.Today(clock);
        OfferMade? answered = null;
        await Writes.RetryAsync(async () =>
        {
            var (offer, offerVersion) = await LoadVisibleOfferAsync(request.OfferId, cancellationToken);
            var made = answered = offer.Made!;
            var referralVersion = await store.CurrentVersionAsync(ReferralStreams.For(made.ReferralId), cancellationToken) ?? 0;
            var (_, bedVersion) = await store.LoadAsync<BedHoldState>(PlacementStreams.Bed(made.BedId), cancellationToken);
            OfferRules.CheckAccept(offer, request.PlannedStartDate, request.PrePlacementVisitDate, now, today);

            await PlacementsWriter.SaveAsync(store, context.ToEventMetadata(), clock,
            [
                new(ReferralStreams.For(made.ReferralId), ReferralStreams.StreamType, referralVersion,
                    [new ReferralPlacementAgreed(made.ReferralId, placementId, now)], made.BoroughCode),
                new(PlacementStreams.Offer(made.OfferId), PlacementStreams.OfferStreamType, offerVersion,
                    [new OfferAccepted(made.OfferId, placementId, request.PlannedStartDate!.Value, request.PrePlacementVisitDate, now, Actor)], made.BoroughCode),
                new(PlacementStreams.Placement(placementId), PlacementStreams.PlacementStreamType, ExpectedVersion.NoStream,
                    [new PlacementAgreed(placementId, made.ReferralId, made.ReferralReference, made.OfferId, null, made.BedId, made.HomeCode, made.ProviderCode,
                        made.BoroughCode, made.Summary.Band, made.Summary.DateOfBirth, request.PlannedStartDate.Value, request.PrePlacementVisitDate,
                        now, Actor, made.BrokerageOrganisation)], made.BoroughCode),
                new(PlacementStreams.Bed(made.BedId), PlacementStreams.BedStreamType, bedVersion,
                    [new BedReservedForPlacement(made.BedId, made.OfferId, placementId, made.BoroughCode, now)], null),
            ], cancellationToken);
        }, () => "The offer changed while it was being accepted; look at it again.", cancellationToken);
        await TellBrokerageAsync(answered!, "accepted", $"/placements/{placementId}", cancellationToken);
        return placementId;
    }

    public async Task<Unit> Handle(DeclineOffer request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        OfferMade? answered = null;
        await Writes.RetryAsync(async () =>
        {
            var (offer, offerVersion) = await LoadVisibleOfferAsync(request.OfferId, cancellationToken);
            answered = offer.Made;
            var (code, comment) = OfferRules.CheckDecline(offer, request.ReasonCode, request.Comment, now);
            await EndOfferAsync(offer, offerVersion, new OfferDeclined(request.OfferId, code, comment, now, Actor), "declined", "declined", now, cancellationToken);
        }, () => "The offer changed while it was being declined; look at it again.", cancellationToken);
        await TellBrokerageAsync(answered!, "declined", $"/offers/{request.OfferId}", cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(WithdrawOffer request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (reason is { Length: > OfferRules.MaxCommentLength })
        {
            throw RequestValidationException.For("reason", $"The reason must be {OfferRules.MaxCommentLength} characters or fewer");
        }

        await Writes.RetryAsync(async () =>
        {
            var (offer, offerVersion) = await LoadVisibleOfferAsync(request.OfferId, cancellationToken);
            if (offer.Status != OfferStatuses.Open)
            {
                throw new ConflictException($"This offer has already been {offer.Status}: it cannot be withdrawn.");
            }

            await EndOfferAsync(offer, offerVersion, new OfferWithdrawn(request.OfferId, reason, now, Actor), "withdrawn", "withdrawn", now, cancellationToken);
        }, () => "The offer changed while it was being withdrawn; look at it again.", cancellationToken);
        return Unit.Value;
    }

    public async Task<int> Handle(LapseOverdueOffers request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await ReadModels.QueryAsync(store,
            $"SELECT offer_id FROM {PlacementsSchema.Offers} WHERE status = 'open' AND respond_by <= $1 ORDER BY respond_by", r => r.GetGuid(0),
            cancellationToken, now);
        var lapsed = 0;
        foreach (var offerId in due)
        {
            try
            {
                await Writes.RetryAsync(async () =>
                {
                    var (offer, offerVersion) = await store.LoadAsync<OfferState>(PlacementStreams.Offer(offerId), cancellationToken);
                    // Answered (or lapsed by another host) since the list was read: nothing to do.
                    if (offer.Status != OfferStatuses.Open || offer.Made!.RespondBy > now)
                    {
                        return;
                    }

                    await EndOfferAsync(offer, offerVersion, new OfferLapsed(offerId, now), "lapsed", "expired", now, cancellationToken);
                    await TellBrokerageAsync(offer.Made!, "lapsed", $"/offers/{offerId}", cancellationToken);
                    lapsed++;
                }, () => "The offer changed while it was lapsing.", cancellationToken);
            }
            catch (ConflictException e)
            {
                // Another host got there first; the next run sees the result.
                logger.LogInformation("Offer {OfferId} did not lapse this time: {Reason}", offerId, e.Message);
            }
        }

        return lapsed;
    }

    /// <summary>Ends an open offer (declined, withdrawn, lapsed): the bed is free and the referral waits again, in one transaction.</summary>
    private async Task EndOfferAsync(OfferState offer, long offerVersion, object offerEvent, string outcome, string releaseReason, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var made = offer.Made!;
        var referralVersion = await store.CurrentVersionAsync(ReferralStreams.For(made.ReferralId), cancellationToken) ?? 0;
        var (_, bedVersion) = await store.LoadAsync<BedHoldState>(PlacementStreams.Bed(made.BedId), cancellationToken);
        await PlacementsWriter.SaveAsync(store, context.ToEventMetadata(), clock,
        [
            new(ReferralStreams.For(made.ReferralId), ReferralStreams.StreamType, referralVersion,
                [new ReferralOfferEnded(made.ReferralId, made.OfferId, outcome, now)], made.BoroughCode),
            new(PlacementStreams.Offer(made.OfferId), PlacementStreams.OfferStreamType, offerVersion, [offerEvent], made.BoroughCode),
            new(PlacementStreams.Bed(made.BedId), PlacementStreams.BedStreamType, bedVersion,
                [new BedOfferReleased(made.BedId, made.OfferId, releaseReason, now)], null),
        ], cancellationToken);
    }

    /// <summary>The offer, or 404 when it does not exist or lies outside the caller's scope (another provider's offer).</summary>
    private async Task<(OfferState Offer, long Version)> LoadVisibleOfferAsync(Guid offerId, CancellationToken cancellationToken)
    {
        var (offer, version) = await store.LoadAsync<OfferState>(PlacementStreams.Offer(offerId), cancellationToken);
        if (!offer.Exists || !ChildDataScope.For(context).Allows(new ChildRecordKey("offer", offerId.ToString(), offer.Made!.BoroughCode, [offer.Made.ProviderCode])))
        {
            throw new NotFoundException("There is no offer with that id.");
        }

        return (offer, version);
    }

    /// <summary>Tells the brokerage team that made the offer what became of it (once per offer: the key is the offer's).</summary>
    private Task TellBrokerageAsync(OfferMade made, string outcome, string link, CancellationToken cancellationToken) =>
        made.BrokerageOrganisation is not { } brokerage
            ? Task.CompletedTask
            : TellAsync(new Notification($"offer-{outcome}", NotificationAudience.InOrganisation(brokerage, Roles.Brokerage),
                $"Offer for {made.ReferralReference} {outcome}",
                $"The offer of bed {made.BedId} at {made.HomeCode} ({made.ProviderCode}) for referral {made.ReferralReference} was {outcome}.",
                link, $"offer-{outcome}-{made.OfferId:N}", made.ReferralReference), cancellationToken);

    private async Task TellAsync(Notification notification, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.NotifyAsync(notification, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The offer is stored; a notice that failed is logged, not a reason to report the offer as failed.
            logger.LogWarning(e, "Could not send the {Category} notice {Key}", notification.Category, notification.Key);
        }
    }

    /// <summary>The minimum a provider needs to decide (domain.md), taken from the referral when the offer is made.</summary>
    internal static OfferSummary SummaryOf(PlacementReferral referral)
    {
        var d = referral.Details;
        var needs = new Dictionary<string, string>(StringComparer.Ordinal);
        void Need(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                needs[name] = value.Trim();
            }
        }

        Need("communicationNeeds", d.CommunicationNeeds);
        Need("specificCommunicationRequirements", d.SpecificCommunicationRequirements is { Count: > 0 } s ? string.Join(", ", s) : null);
        Need("homeAdaptation", d.HomeAdaptation is { } h ? (h ? "Yes" : "No") : null);
        Need("culturalNeeds", d.CulturalNeeds);
        Need("livingCompanions", d.LivingCompanions);
        Need("pets", d.Pets);
        Need("additionalSupport", d.AdditionalSupport);
        Need("deprivationOfLiberty", d.DeprivationOfLiberty is { } l ? (l ? "Yes" : "No") : null);
        Need("specialismsWanted", d.SpecialismsWanted is { Count: > 0 } w ? string.Join(", ", w) : null);
        Need("siblingCount", d.SiblingCount?.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var risks = new (string Name, string? Value)[]
        {
            ("riskSelfHarm", d.RiskSelfHarm), ("riskSexualExploitation", d.RiskSexualExploitation), ("riskCriminalExploitation", d.RiskCriminalExploitation),
            ("riskDrugAlcohol", d.RiskDrugAlcohol), ("riskEatingDisorder", d.RiskEatingDisorder), ("riskMissing", d.RiskMissing), ("riskOther", d.RiskOther),
            ("riskToOthersPhysical", d.RiskToOthersPhysical), ("riskToOthersSexual", d.RiskToOthersSexual), ("riskToOthersFire", d.RiskToOthersFire),
            ("riskToOthersAnimals", d.RiskToOthersAnimals), ("riskToOthersCriminal", d.RiskToOthersCriminal), ("riskToOthersOther", d.RiskToOthersOther),
        };
        return new OfferSummary(
            d.NeedBand ?? "", d.NeedBandRationale, d.Sex, d.DateOfBirth, d.RequiredByDate, d.NeededBy, needs,
            [.. risks.Where(r => string.Equals(r.Value, "Risk Present", StringComparison.OrdinalIgnoreCase)).Select(r => r.Name)], d.ChildsViews);
    }
}

/// <summary>Saving a decision that lost a race: reload and decide again, a few times, then refuse plainly.</summary>
internal static class Writes
{
    public static async Task RetryAsync(Func<Task> decideAndSave, Func<string> lostRace, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await decideAndSave();
                return;
            }
            catch (Exception e) when (e is StreamVersionConflictException or BedHoldConflict)
            {
                if (attempt >= 8)
                {
                    throw new ConflictException(lostRace());
                }

                // A little jitter so two hosts retrying together do not collide again in step.
                await Task.Delay(Random.Shared.Next(5, 25) * attempt, cancellationToken);
            }
        }
    }
}
