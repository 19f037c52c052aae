using System.Text.Json.Serialization;
using Commissioning.Brokerage.Beds;
using Commissioning.Brokerage.Matching;
using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Brokerage.SpotPurchases.SpotRequests;

// ---- views ----

internal static class SpotRecords
{
    public const string SpotRequest = "spot-request";

    public static ChildRecordKey Key(Guid id, string borough, IReadOnlyCollection<string> sentTo) => new(SpotRequest, id.ToString(), borough, sentTo);
}

/// <summary>What a spot purchase would be sent to for a referral, and why each provider is in or out (brokerage, before sending).</summary>
/// <param name="CannotStart">Why a spot purchase cannot start for the referral now, or null when it can.</param>
internal sealed record SpotPreview(
    Guid ReferralId, string? ReferralReference, string BoroughCode, string ReferralStatus, string? CannotStart, SpotNeeds? Needs,
    IReadOnlyList<ProviderConsidered> Providers) : IChildRecord
{
    [JsonIgnore]
    public ChildRecordKey ChildRecord => new("referral", ReferralId.ToString(), BoroughCode, []);
}

/// <param name="Status"><c>made</c>, <c>awarded</c> or <c>not-awarded</c>.</param>
internal sealed record SpotBidView(Guid Id, string ProviderCode, string HomeCode, decimal WeeklyPrice, DateOnly AvailableFrom, string? Note, DateTimeOffset BidAt, string Status);

internal sealed record SpotAwardView(Guid BidId, string ProviderCode, string HomeCode, decimal WeeklyPrice, Guid SpotContractId, Guid PlacementId, DateOnly StartDate,
    DateOnly? PlacementStartedOn, DateOnly? PlacementEndedOn = null, string? ReasonEpisodeCeased = null);

/// <summary>
/// A spot-purchase request. Brokerage and the child's borough see all of it; a provider it was sent to sees the
/// pseudonymous reference, the minimum needs, the homes it may bid with and only its own bids (never who else was
/// asked, nor their prices).
/// </summary>
/// <param name="Status"><c>open</c> for bids, <c>awarded</c>, or <c>placed</c>.</param>
/// <param name="SentTo">The providers it went to (null for a provider).</param>
/// <param name="Considered">Every provider considered and why it was included or left out (null for a provider).</param>
/// <param name="HomesYouMayBid">For a provider: its homes that pass the home-level hard constraints.</param>
internal sealed record SpotRequestView(
    Guid Id,
    string Reference,
    Guid? ReferralId,
    string ReferralReference,
    string BoroughCode,
    string Status,
    DateOnly BidsBy,
    string? Note,
    SpotNeeds Needs,
    IReadOnlyList<string>? SentTo,
    IReadOnlyList<ProviderConsidered>? Considered,
    IReadOnlyList<string>? HomesYouMayBid,
    IReadOnlyList<SpotBidView> Bids,
    SpotAwardView? Award,
    DateTimeOffset StartedAt,
    long Version,
    [property: JsonIgnore] IReadOnlyList<string> SharedWith) : IChildRecord
{
    [JsonIgnore]
    public ChildRecordKey ChildRecord => SpotRecords.Key(Id, BoroughCode, SharedWith);
}

internal sealed record SpotRequestSummary(
    Guid Id, string Reference, string ReferralReference, string BoroughCode, string Status, DateOnly BidsBy, string NeedBand, int? Bids,
    string? AwardedProviderCode, DateTimeOffset StartedAt, [property: JsonIgnore] IReadOnlyList<string> SharedWith) : IChildRecord
{
    [JsonIgnore]
    public ChildRecordKey ChildRecord => SpotRecords.Key(Id, BoroughCode, SharedWith);
}

/// <summary>Which spot request a change was made to: what the child-data gate audits for a command.</summary>
internal sealed record SpotRequestChanged(Guid Id, [property: JsonIgnore] string BoroughCode, [property: JsonIgnore] IReadOnlyList<string> SharedWith, Guid? BidId = null)
    : IChildRecord
{
    [JsonIgnore]
    public ChildRecordKey ChildRecord => SpotRecords.Key(Id, BoroughCode, SharedWith);
}

// ---- preview and start ----

[AllowedRoles(Roles.Brokerage)]
[ChildData]
internal sealed record PreviewSpotRequest(Guid ReferralId) : IQuery<SpotPreview>;

/// <summary>Brokerage starts a spot purchase for a referral no block bed fits, sent only to the eligible providers.</summary>
[AllowedRoles(Roles.Brokerage)]
[ChildData]
internal sealed record StartSpotRequest(Guid ReferralId, DateOnly? BidsBy, string? Note) : ICommand<SpotRequestChanged>;

internal sealed class StartSpotRequestValidator : AbstractValidator<StartSpotRequest>
{
    public StartSpotRequestValidator()
    {
        RuleFor(c => c.BidsBy).NotNull().WithMessage("Enter the date by which providers must bid");
        RuleFor(c => c.Note).MaximumLength(1000).WithMessage("The note must be 1,000 characters or fewer");
    }
}

/// <summary>Works out who a referral's spot purchase goes to: the one place both the preview and the start ask.</summary>
internal sealed class SpotRecipients(
    [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, MatchingReader matching, SpotHomesReader homes, TimeProvider clock)
{
    public async Task<(Referral Referral, long Version, SpotPreview Preview)> ForAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var (referral, version) = await store.LoadAsync<Referral>(ReferralStreams.For(referralId), cancellationToken);
        referral.EnsureExists();
        var toMatch = await matching.ReferralAsync(referralId, cancellationToken);
        string? cannot = referral.Status == ReferralStatus.Submitted
            ? toMatch?.NotMatchable
            : $"The referral is {ReferralStatuses.Describe(referral.Status).ToLowerInvariant()}: a spot purchase can only start for a submitted referral waiting for a bed.";
        if (toMatch?.Matching is not { } child)
        {
            return (referral, version, new SpotPreview(referralId, referral.Reference, referral.BoroughCode, ReferralStatuses.Code(referral.Status),
                cannot ?? "The referral cannot be matched yet.", null, []));
        }

        var today = PartnershipCalendar.Today(clock);
        var providers = SpotEligibility.Decide(child, await homes.HomesAsync(cancellationToken), await homes.ChecksAsync(cancellationToken), today);
        if (cannot is null && !providers.Any(p => p.Included))
        {
            cannot = "No accredited provider has a home that passes the home-level hard constraints for this child, so there is nobody to send it to.";
        }

        return (referral, version, new SpotPreview(referralId, referral.Reference, referral.BoroughCode, ReferralStatuses.Code(referral.Status), cannot,
            NeedsOf(referral.Details, child), providers));
    }

    private static SpotNeeds NeedsOf(ReferralDetails d, MatchingReferral child) => new(
        NeedBands.Code(child.Band), d.NeedBandRationale, child.AgeOn(child.RequiredBy), d.Sex ?? "", child.RequiredBy, d.NeededBy, d.HomePostcodeDistrict,
        [.. child.AreasToAvoid], child.SoloPlacementNeeded, [.. RiskFields.In(child.Risks).Select(f => f.FieldName)], [.. child.WantedSpecialisms], d.ChildsViews);
}

internal sealed class PreviewSpotRequestHandler(SpotRecipients recipients) : IRequestHandler<PreviewSpotRequest, SpotPreview>
{
    public async Task<SpotPreview> Handle(PreviewSpotRequest request, CancellationToken cancellationToken) =>
        (await recipients.ForAsync(request.ReferralId, cancellationToken)).Preview;
}

internal sealed class StartSpotRequestHandler(
    [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, SpotRecipients recipients, UnitOfWork unitOfWork, RequestContext context, TimeProvider clock)
    : IRequestHandler<StartSpotRequest, SpotRequestChanged>
{
    public async Task<SpotRequestChanged> Handle(StartSpotRequest request, CancellationToken cancellationToken)
    {
        var (referral, version, preview) = await recipients.ForAsync(request.ReferralId, cancellationToken);
        var today = PartnershipCalendar.Today(clock);
        if (request.BidsBy < today)
        {
            throw RequestValidationException.For("bidsBy", $"The date by which providers must bid must be today or later, {today:yyyy-MM-dd} or after");
        }

        referral.EnsureCanStartSpotPurchase();
        if (preview.CannotStart is { } why || preview.Needs is not { } needs)
        {
            throw new ConflictException(preview.CannotStart ?? "The referral cannot be matched yet.");
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var by = context.UserId ?? "unknown";
        var started = new SpotRequestStarted(id, $"SP-{now:yy}-{id.ToString("N")[^6..].ToUpperInvariant()}", referral.Id, referral.Reference!, referral.BoroughCode,
            request.BidsBy!.Value, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), needs, preview.Providers, now, by);

        // The referral's status event and the request are stored together or not at all.
        var session = unitOfWork.For(store);
        session.Append(ReferralStreams.For(referral.Id), ReferralStreams.StreamType, version, [new ReferralSpotPurchaseStarted(referral.Id, id, now)], referral.BoroughCode);
        session.Append(SpotRequestStreams.For(id), SpotRequestStreams.StreamType, ExpectedVersion.NoStream, [started], referral.BoroughCode);
        return new SpotRequestChanged(id, referral.BoroughCode, started.SentTo);
    }
}

// ---- bids ----

/// <summary>A provider the request was sent to bids one of its own homes that passes the home-level constraints.</summary>
[AllowedRoles(Roles.Provider)]
[ChildData]
internal sealed record MakeSpotBid(Guid SpotRequestId, string? HomeCode, decimal? WeeklyPrice, DateOnly? AvailableFrom, string? Note) : ICommand<SpotRequestChanged>;

internal sealed class MakeSpotBidValidator : AbstractValidator<MakeSpotBid>
{
    public MakeSpotBidValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.HomeCode).NotEmpty().WithMessage("Enter the code of the home you are bidding with, for example HOME-01");
        RuleFor(c => c.WeeklyPrice).NotNull().WithMessage("Enter the weekly price in pounds, for example 6250.00")
            .Must(p => p > 0 && decimal.Round(p!.Value, 2) == p.Value && p < 100_000m)
            .WithMessage("The weekly price must be more than £0 and less than £100,000, with at most 2 decimal places, for example 6250.00");
        RuleFor(c => c.AvailableFrom).NotNull().WithMessage("Enter the date the place is available from");
        RuleFor(c => c.Note).MaximumLength(1000).WithMessage("The note must be 1,000 characters or fewer");
    }
}

internal sealed class MakeSpotBidHandler([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, RequestContext context, TimeProvider clock)
    : IRequestHandler<MakeSpotBid, SpotRequestChanged>
{
    public async Task<SpotRequestChanged> Handle(MakeSpotBid request, CancellationToken cancellationToken)
    {
        // Providers bid at the same time on the same request: a bid that lost the race to another provider's is decided
        // again on the request as it now is, rather than refused. (Saved here, not by the unit of work, so it can retry.)
        for (var attempt = 1; ; attempt++)
        {
            var (spot, version) = await store.LoadAsync<SpotRequest>(SpotRequestStreams.For(request.SpotRequestId), cancellationToken);
            var (started, bid) = Decide(spot, request);
            try
            {
                await store.OpenSession(context.ToEventMetadata())
                    .Append(SpotRequestStreams.For(request.SpotRequestId), SpotRequestStreams.StreamType, version, [bid], started.BoroughCode)
                    .SaveChangesAsync(cancellationToken);
                return new SpotRequestChanged(request.SpotRequestId, started.BoroughCode, started.SentTo, bid.BidId);
            }
            catch (StreamVersionConflictException) when (attempt < 5)
            {
            }
        }
    }

    private (SpotRequestStarted Started, SpotBidMade Bid) Decide(SpotRequest spot, MakeSpotBid request)
    {
        var provider = context.Organisation ?? "";
        if (spot.Started is not { } started || !started.SentTo.Contains(provider))
        {
            throw new NotFoundException("There is no spot request with that id.");
        }

        if (spot.Status != "open")
        {
            throw new ConflictException($"Spot request {started.Reference} has been awarded: it takes no more bids.");
        }

        var today = PartnershipCalendar.Today(clock);
        if (today > started.BidsBy)
        {
            throw new ConflictException($"Bids for spot request {started.Reference} closed on {PartnershipCalendar.Display(started.BidsBy)}.");
        }

        var homeCode = request.HomeCode!.Trim().ToUpperInvariant();
        var considered = started.Considered.Single(p => p.ProviderCode == provider);
        var eligible = considered.EligibleHomes.ToList();
        if (considered.Homes.FirstOrDefault(h => h.HomeCode == homeCode) is not { } home)
        {
            throw RequestValidationException.For("homeCode", $"{homeCode} is not one of your homes: bid with {string.Join(" or ", eligible)}");
        }

        if (!home.Passes)
        {
            throw RequestValidationException.For("homeCode", $"{homeCode} does not suit this child ({string.Join(" ", home.Reasons)}): bid with {string.Join(" or ", eligible)}");
        }

        if (spot.Bids.Any(b => b.HomeCode == homeCode))
        {
            throw new ConflictException($"You have already bid {homeCode} for this request.");
        }

        if (request.AvailableFrom < today)
        {
            throw RequestValidationException.For("availableFrom", $"The date the place is available from must be today or later, {today:yyyy-MM-dd} or after");
        }

        var now = clock.GetUtcNow();
        return (started, new SpotBidMade(request.SpotRequestId, Guid.CreateVersion7(now), provider, homeCode, request.WeeklyPrice!.Value, request.AvailableFrom!.Value,
            string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), now, context.UserId ?? "unknown"));
    }
}

// ---- award and start ----

/// <summary>
/// Brokerage awards one bid: a spot contract (its id chosen here; Contracts agrees it from the integration event) and a
/// placement under it, agreed from the start date. The referral's placement is agreed in the same transaction.
/// </summary>
[AllowedRoles(Roles.Brokerage)]
[ChildData]
internal sealed record AwardSpotBid(Guid SpotRequestId, Guid? BidId, DateOnly? StartDate) : ICommand<SpotRequestChanged>;

internal sealed class AwardSpotBidValidator : AbstractValidator<AwardSpotBid>
{
    public AwardSpotBidValidator()
    {
        RuleFor(c => c.BidId).NotNull().WithMessage("Choose the bid to award");
        RuleFor(c => c.StartDate).NotNull().WithMessage("Enter the date the placement starts");
    }
}

internal sealed class AwardSpotBidHandler(
    [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, RequestContext context, TimeProvider clock)
    : IRequestHandler<AwardSpotBid, SpotRequestChanged>
{
    public async Task<SpotRequestChanged> Handle(AwardSpotBid request, CancellationToken cancellationToken)
    {
        var streamId = SpotRequestStreams.For(request.SpotRequestId);
        var (spot, spotVersion) = await store.LoadAsync<SpotRequest>(streamId, cancellationToken);
        var started = spot.Started ?? throw new NotFoundException("There is no spot request with that id.");
        if (spot.Status != "open")
        {
            throw new ConflictException($"Spot request {started.Reference} has already been awarded.");
        }

        if (spot.Bids.FirstOrDefault(b => b.BidId == request.BidId) is not { } bid)
        {
            throw RequestValidationException.For("bidId", "There is no bid with that id on this spot request: choose one of its bids");
        }

        if (request.StartDate < bid.AvailableFrom)
        {
            throw RequestValidationException.For("startDate", $"The start date must be on or after the date the place is available, {bid.AvailableFrom:yyyy-MM-dd}");
        }

        var (referral, referralVersion) = await store.LoadAsync<Referral>(ReferralStreams.For(started.ReferralId), cancellationToken);
        if (referral.Status != ReferralStatus.SpotPurchase)
        {
            throw new ConflictException($"Referral {referral.Reference} is {ReferralStatuses.Describe(referral.Status).ToLowerInvariant()}: its spot purchase can no longer be awarded.");
        }

        var now = clock.GetUtcNow();
        var placementId = Guid.CreateVersion7(now);
        var awarded = new SpotBidAwarded(started.SpotRequestId, bid.BidId, Guid.CreateVersion7(now), placementId, bid.ProviderCode, bid.HomeCode, started.Needs.Band,
            bid.WeeklyPrice, request.StartDate!.Value, now, context.UserId ?? "unknown");
        var session = unitOfWork.For(store);
        session.Append(ReferralStreams.For(referral.Id), ReferralStreams.StreamType, referralVersion, [new ReferralPlacementAgreed(referral.Id, placementId, now)], referral.BoroughCode);
        session.Append(streamId, SpotRequestStreams.StreamType, spotVersion, [awarded], started.BoroughCode);
        return new SpotRequestChanged(started.SpotRequestId, started.BoroughCode, started.SentTo, bid.BidId);
    }
}

/// <summary>The child moved in to the awarded spot placement: it starts against the spot contract (the bed ledger is told).</summary>
[AllowedRoles(Roles.Brokerage)]
[ChildData]
internal sealed record StartSpotPlacement(Guid SpotRequestId, DateOnly? StartDate) : ICommand<SpotRequestChanged>;

internal sealed class StartSpotPlacementValidator : AbstractValidator<StartSpotPlacement>
{
    public StartSpotPlacementValidator() => RuleFor(c => c.StartDate).NotNull().WithMessage("Enter the date the child moved in");
}

internal sealed class StartSpotPlacementHandler(
    [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, RequestContext context, TimeProvider clock)
    : IRequestHandler<StartSpotPlacement, SpotRequestChanged>
{
    public async Task<SpotRequestChanged> Handle(StartSpotPlacement request, CancellationToken cancellationToken)
    {
        var streamId = SpotRequestStreams.For(request.SpotRequestId);
        var (spot, spotVersion) = await store.LoadAsync<SpotRequest>(streamId, cancellationToken);
        var started = spot.Started ?? throw new NotFoundException("There is no spot request with that id.");
        if (spot.Award is not { } award || spot.PlacementStarted is not null)
        {
            throw new ConflictException(spot.Award is null
                ? $"Spot request {started.Reference} has not been awarded yet: award a bid first."
                : $"The placement from spot request {started.Reference} has already started.");
        }

        if (request.StartDate < award.StartDate.AddDays(-28) || request.StartDate > PartnershipCalendar.Today(clock))
        {
            throw RequestValidationException.For("startDate",
                $"The date the child moved in must not be in the future, nor more than 4 weeks before the agreed start date, {award.StartDate:yyyy-MM-dd}");
        }

        var (referral, referralVersion) = await store.LoadAsync<Referral>(ReferralStreams.For(started.ReferralId), cancellationToken);
        var now = clock.GetUtcNow();
        var session = unitOfWork.For(store);
        session.Append(ReferralStreams.For(referral.Id), ReferralStreams.StreamType, referralVersion,
            [new ReferralPlaced(referral.Id, award.PlacementId, request.StartDate!.Value, now)], referral.BoroughCode);
        session.Append(streamId, SpotRequestStreams.StreamType, spotVersion,
            [new SpotPlacementStarted(started.SpotRequestId, award.PlacementId, award.SpotContractId, started.BoroughCode, award.Band, request.StartDate!.Value, now,
                context.UserId ?? "unknown")],
            started.BoroughCode);
        return new SpotRequestChanged(started.SpotRequestId, started.BoroughCode, started.SentTo);
    }
}

/// <summary>The spot placement ended, with SSDA903 codes: the bed ledger stops charging its spot contract from the end date.</summary>
[AllowedRoles(Roles.Brokerage)]
[ChildData]
internal sealed record EndSpotPlacement(Guid SpotRequestId, DateOnly? EndDate, string? ReasonEpisodeCeased, string? ReasonPlaceChange, bool? Planned)
    : ICommand<SpotRequestChanged>;

internal sealed class EndSpotPlacementValidator : AbstractValidator<EndSpotPlacement>
{
    public EndSpotPlacementValidator()
    {
        // The same SSDA903 rules as a placement made outside brokerage.
        var outside = new OutsideBrokerage.EndOutsidePlacementValidator();
        RuleFor(c => new OutsideBrokerage.EndOutsidePlacement(c.SpotRequestId, c.EndDate, c.ReasonEpisodeCeased, c.ReasonPlaceChange, c.Planned))
            .Custom((end, context) =>
            {
                foreach (var failure in outside.Validate(end).Errors)
                {
                    context.AddFailure(failure.PropertyName, failure.ErrorMessage);
                }
            });
    }
}

internal sealed class EndSpotPlacementHandler(
    [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, RequestContext context, TimeProvider clock)
    : IRequestHandler<EndSpotPlacement, SpotRequestChanged>
{
    public async Task<SpotRequestChanged> Handle(EndSpotPlacement request, CancellationToken cancellationToken)
    {
        var streamId = SpotRequestStreams.For(request.SpotRequestId);
        var (spot, version) = await store.LoadAsync<SpotRequest>(streamId, cancellationToken);
        var started = spot.Started ?? throw new NotFoundException("There is no spot request with that id.");
        if (spot.PlacementStarted is not { } placement || spot.PlacementEnded is not null)
        {
            throw new ConflictException(spot.PlacementStarted is null
                ? $"The placement from spot request {started.Reference} has not started: record its start first."
                : $"The placement from spot request {started.Reference} has already ended.");
        }

        if (request.EndDate < placement.StartDate)
        {
            throw RequestValidationException.For("endDate", $"The end date must be on or after the start date, {placement.StartDate:yyyy-MM-dd}");
        }

        var change = string.IsNullOrWhiteSpace(request.ReasonPlaceChange) ? null : request.ReasonPlaceChange.Trim().ToUpperInvariant();
        unitOfWork.For(store).Append(streamId, SpotRequestStreams.StreamType, version,
            [new SpotPlacementEnded(started.SpotRequestId, placement.PlacementId, request.EndDate!.Value, request.ReasonEpisodeCeased!.Trim().ToUpperInvariant(), change,
                request.Planned!.Value, clock.GetUtcNow(), context.UserId ?? "unknown")],
            started.BoroughCode);
        return new SpotRequestChanged(started.SpotRequestId, started.BoroughCode, started.SentTo);
    }
}

// ---- reading ----

/// <param name="Status"><c>open</c>, <c>awarded</c> or <c>placed</c>, or null for all.</param>
[AllowedRoles(Roles.Brokerage, Roles.Provider, Roles.BoroughReferrer, Roles.BoroughManager)]
[ChildData]
internal sealed record ListSpotRequests(PageRequest Page, string? Status = null) : IQuery<ChildPage<SpotRequestSummary>>;

[AllowedRoles(Roles.Brokerage, Roles.Provider, Roles.BoroughReferrer, Roles.BoroughManager)]
[ChildData]
internal sealed record GetSpotRequest(Guid SpotRequestId) : IQuery<SpotRequestView>;

internal sealed class SpotRequestQueries([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, RequestContext context)
    : IRequestHandler<ListSpotRequests, ChildPage<SpotRequestSummary>>,
      IRequestHandler<GetSpotRequest, SpotRequestView>
{
    private bool IsProvider => context.Role == Roles.Provider;

    public async Task<ChildPage<SpotRequestSummary>> Handle(ListSpotRequests request, CancellationToken cancellationToken)
    {
        if (request.Status is not (null or "open" or "awarded" or "placed" or "ended"))
        {
            throw RequestValidationException.For("status", "Status must be open, awarded, placed or ended, or left out for all");
        }

        var (scope, parameter) = ChildDataScope.For(context).SqlFilter("borough_code", "sent_to", 1);
        var where = $"WHERE {scope} AND ($2::text IS NULL OR status = $2)";
        var page = await PagedQuery.ReadAsync(store.DataSource, request.Page,
            $"SELECT count(*) FROM {SpotTables.SpotRequests} {where}",
            $"""
            SELECT spot_request_id, reference, referral_reference, borough_code, status, bids_by, need_band, bids, awarded_provider_code, started_at, sent_to
            FROM {SpotTables.SpotRequests} {where} ORDER BY started_at DESC, spot_request_id
            """,
            [parameter ?? "", request.Status],
            r => new SpotRequestSummary(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetFieldValue<DateOnly>(5), r.GetString(6),
                IsProvider ? null : r.GetInt32(7), IsProvider && r.IsDBNull(8) is false && r.GetString(8) != context.Organisation ? null : r.IsDBNull(8) ? null : r.GetString(8),
                r.GetFieldValue<DateTimeOffset>(9), r.GetFieldValue<string[]>(10)),
            cancellationToken);
        return ChildPage<SpotRequestSummary>.Of(page);
    }

    public async Task<SpotRequestView> Handle(GetSpotRequest request, CancellationToken cancellationToken)
    {
        var events = await store.ReadStreamAsync(SpotRequestStreams.For(request.SpotRequestId), cancellationToken);
        var spot = events.Aggregate(SpotRequest.Initial, (s, e) => s.Apply(e.Data));
        var started = spot.Started ?? throw new NotFoundException("There is no spot request with that id.");

        // A provider sees only its own bids and homes, never who else was asked or at what price. A provider it was
        // not sent to gets a view the child-data gate refuses (404), exactly as for a request that does not exist.
        var provider = IsProvider ? context.Organisation ?? "" : null;
        var bids = spot.Bids.Where(b => provider is null || b.ProviderCode == provider)
            .OrderBy(b => b.WeeklyPrice).ThenBy(b => b.At)
            .Select(b => new SpotBidView(b.BidId, b.ProviderCode, b.HomeCode, b.WeeklyPrice, b.AvailableFrom, b.Note, b.At,
                spot.Award is null ? "made" : spot.Award.BidId == b.BidId ? "awarded" : "not-awarded"))
            .ToList();
        var award = spot.Award is { } a && (provider is null || a.ProviderCode == provider)
            ? new SpotAwardView(a.BidId, a.ProviderCode, a.HomeCode, a.WeeklyPrice, a.SpotContractId, a.PlacementId, a.StartDate, spot.PlacementStarted?.StartDate,
                spot.PlacementEnded?.EndDate, spot.PlacementEnded?.ReasonEpisodeCeased)
            : null;
        return new SpotRequestView(
            started.SpotRequestId, started.Reference, provider is null ? started.ReferralId : null, started.ReferralReference, started.BoroughCode,
            spot.Status, started.BidsBy, started.Note, started.Needs,
            provider is null ? started.SentTo : null,
            provider is null ? started.Considered : null,
            provider is null ? null : [.. started.Considered.FirstOrDefault(p => p.ProviderCode == provider)?.EligibleHomes ?? []],
            bids, award, started.At, events[^1].Version, started.SentTo);
    }
}
