using System.Text.Json.Serialization;
using Commissioning.Brokerage.Matching;
using Commissioning.Brokerage.Referrals;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Database;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commissioning.Brokerage.SpotPurchases.OutsideBrokerage;

/// <summary>An outside placement as the API and pages show it. Child data: the recording borough and brokerage only.</summary>
/// <param name="Status"><c>open</c>, or <c>ended</c> once its end is recorded.</param>
internal sealed record OutsidePlacementView(
    Guid Id,
    string BoroughCode,
    string ChildReference,
    Guid? ReferralId,
    string ReasonCode,
    string? ReasonNote,
    string ProviderName,
    string PlacementType,
    string PostcodeDistrict,
    DateOnly StartDate,
    decimal WeeklyCost,
    string NeedBand,
    string Status,
    DateOnly? EndDate,
    string? ReasonEpisodeCeased,
    string? ReasonPlaceChange,
    bool? Planned,
    DateTimeOffset RecordedAt,
    long Version) : IChildRecord
{
    public const string RecordType = "outside-placement";

    [JsonIgnore]
    public ChildRecordKey ChildRecord => new(RecordType, Id.ToString(), BoroughCode, []);
}

/// <summary>Which outside placement a change was made to: what the child-data gate audits for a command.</summary>
internal sealed record OutsidePlacementChanged(Guid Id, [property: JsonIgnore] string BoroughCode) : IChildRecord
{
    [JsonIgnore]
    public ChildRecordKey ChildRecord => new(OutsidePlacementView.RecordType, Id.ToString(), BoroughCode, []);
}

/// <summary>A borough records a placement its own team made outside brokerage. Optionally it answers one of the borough's open referrals, which is then closed.</summary>
[AllowedRoles(Roles.BoroughReferrer, Roles.BoroughManager)]
[ChildData]
internal sealed record RecordOutsidePlacement(
    string? ChildReference,
    Guid? ReferralId,
    string? ReasonCode,
    string? ReasonNote,
    string? ProviderName,
    string? PlacementType,
    string? PostcodeDistrict,
    DateOnly? StartDate,
    decimal? WeeklyCost,
    string? NeedBand) : ICommand<OutsidePlacementChanged>;

internal sealed class RecordOutsidePlacementValidator : AbstractValidator<RecordOutsidePlacement>
{
    public RecordOutsidePlacementValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.ChildReference).NotEmpty().WithMessage("Enter your borough's own reference for the child")
            .MaximumLength(50).WithMessage("The child's reference must be 50 characters or fewer");
        RuleFor(c => c.ReasonCode).NotEmpty().WithMessage($"Select why the placement was made outside brokerage: {OutsidePlacementCodes.ReasonChoices}")
            .Must(r => OutsidePlacementCodes.Reasons.ContainsKey(r!.Trim())).WithMessage($"Select why the placement was made outside brokerage: {OutsidePlacementCodes.ReasonChoices}");
        RuleFor(c => c.ReasonNote).NotEmpty().When(c => c.ReasonCode?.Trim() == OutsidePlacementCodes.Other)
            .WithMessage("Explain the reason in the note when the reason is 'other'");
        RuleFor(c => c.ReasonNote).MaximumLength(1000).WithMessage("The note must be 1,000 characters or fewer");
        RuleFor(c => c.ProviderName).NotEmpty().WithMessage("Enter the name of the provider the child was placed with")
            .MaximumLength(200).WithMessage("The provider's name must be 200 characters or fewer");
        RuleFor(c => c.PlacementType).NotEmpty().WithMessage($"Select the placement type: {string.Join(", ", OutsidePlacementCodes.PlacementTypes)}")
            .Must(t => OutsidePlacementCodes.PlacementTypes.Contains(t!.Trim()))
            .WithMessage($"Select the placement type, written exactly as one of: {string.Join(", ", OutsidePlacementCodes.PlacementTypes)}");
        RuleFor(c => c.PostcodeDistrict).NotEmpty().WithMessage("Enter the postcode district of the placement, for example RM7")
            .Must(PostcodeDistricts.IsDistrict).WithMessage("Enter the postcode district as its first half only, for example RM7 or E17");
        RuleFor(c => c.StartDate).NotNull().WithMessage("Enter the date the placement started");
        RuleFor(c => c.WeeklyCost).NotNull().WithMessage("Enter the weekly cost in pounds, for example 5200.00")
            .Must(p => p > 0 && decimal.Round(p!.Value, 2) == p.Value && p < 100_000m)
            .WithMessage("The weekly cost must be more than £0 and less than £100,000, with at most 2 decimal places, for example 5200.00");
        RuleFor(c => c.NeedBand).NotEmpty().WithMessage("Select the child's need band: low, medium, high or specialist")
            .Must(b => NeedBands.TryParse(b) is not null).WithMessage("Select the child's need band: low, medium, high or specialist");
    }
}

internal sealed class RecordOutsidePlacementHandler(
    [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, RequestContext context, TimeProvider clock)
    : IRequestHandler<RecordOutsidePlacement, OutsidePlacementChanged>
{
    public const string ClosureReason = "placed-outside-brokerage";

    public async Task<OutsidePlacementChanged> Handle(RecordOutsidePlacement request, CancellationToken cancellationToken)
    {
        var borough = context.Organisation ?? throw new ForbiddenException("Only a borough's staff record placements made outside brokerage.");
        var now = clock.GetUtcNow();
        if (request.StartDate > PartnershipCalendar.Today(clock))
        {
            throw RequestValidationException.For("startDate", "The start date must be today or earlier: record a placement once the child has moved in");
        }

        var id = Guid.CreateVersion7(now);
        var recorded = new OutsidePlacementRecorded(
            id, borough, request.ChildReference!.Trim(), request.ReferralId, request.ReasonCode!.Trim(),
            string.IsNullOrWhiteSpace(request.ReasonNote) ? null : request.ReasonNote.Trim(), request.ProviderName!.Trim(), request.PlacementType!.Trim(),
            PostcodeDistricts.Normalise(request.PostcodeDistrict!), request.StartDate!.Value, request.WeeklyCost!.Value,
            NeedBands.Code(NeedBands.TryParse(request.NeedBand)!.Value), now, context.UserId ?? "unknown");
        var session = unitOfWork.For(store);
        if (request.ReferralId is not { } referralId)
        {
            session.Append(OutsidePlacementStreams.For(id), OutsidePlacementStreams.StreamType, ExpectedVersion.NoStream, [recorded], borough);
            return new OutsidePlacementChanged(id, borough);
        }

        // Another borough's referral is answered exactly as one that does not exist: its existence is not revealed.
        var (referral, version) = await store.LoadAsync<Referral>(ReferralStreams.For(referralId), cancellationToken);
        if (!referral.Exists || referral.BoroughCode != borough)
        {
            throw RequestValidationException.For("referralId", "There is no referral of your borough with that id: leave it blank, or enter the id of one of your borough's open referrals");
        }

        // The referral's own rules decide (a live offer or spot purchase is withdrawn first); its closing and the
        // outside placement are stored together or not at all.
        var closed = referral.Close(ClosureReason, $"Placed by the borough outside brokerage: {OutsidePlacementCodes.Describe(recorded.ReasonCode)}.", now, context.UserId ?? "unknown");
        session.Append(ReferralStreams.For(referralId), ReferralStreams.StreamType, version, [closed], borough);
        session.Append(OutsidePlacementStreams.For(id), OutsidePlacementStreams.StreamType, ExpectedVersion.NoStream, [recorded], borough);
        return new OutsidePlacementChanged(id, borough);
    }
}

/// <summary>The borough records the end of a placement it made outside brokerage, with SSDA903 codes.</summary>
[AllowedRoles(Roles.BoroughReferrer, Roles.BoroughManager)]
[ChildData]
internal sealed record EndOutsidePlacement(Guid OutsidePlacementId, DateOnly? EndDate, string? ReasonEpisodeCeased, string? ReasonPlaceChange, bool? Planned)
    : ICommand<OutsidePlacementChanged>;

internal sealed class EndOutsidePlacementValidator : AbstractValidator<EndOutsidePlacement>
{
    public EndOutsidePlacementValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.EndDate).NotNull().WithMessage("Enter the date the placement ended");
        RuleFor(c => c.ReasonEpisodeCeased).NotEmpty().WithMessage("Enter the SSDA903 reason the episode ceased, for example E8, or X1 when the child moved to another placement")
            .Must(r => Ssda903.ReasonEpisodeCeased.ContainsKey(r!.Trim().ToUpperInvariant()))
            .WithMessage("Enter an SSDA903 reason-episode-ceased code, for example E8, E4A or X1 when the child moved to another placement");
        RuleFor(c => c.ReasonPlaceChange).NotEmpty().When(c => IsMove(c.ReasonEpisodeCeased))
            .WithMessage("Enter the SSDA903 reason for the change of placement, for example CARPL: it is needed when the reason the episode ceased is X1");
        RuleFor(c => c.ReasonPlaceChange).Must(r => Ssda903.ReasonPlaceChange.ContainsKey(r!.Trim().ToUpperInvariant())).When(c => !string.IsNullOrWhiteSpace(c.ReasonPlaceChange))
            .WithMessage($"Enter an SSDA903 reason for the change of placement: {string.Join(", ", Ssda903.ReasonPlaceChange.Keys)}");
        RuleFor(c => c.ReasonPlaceChange).Empty().When(c => c.ReasonEpisodeCeased is not null && !IsMove(c.ReasonEpisodeCeased))
            .WithMessage("Leave the reason for the change of placement blank unless the reason the episode ceased is X1");
        RuleFor(c => c.Planned).NotNull().WithMessage("Say whether the ending was planned (true or false)");
    }

    private static bool IsMove(string? reason) => string.Equals(reason?.Trim(), Ssda903.Moved, StringComparison.OrdinalIgnoreCase);
}

internal sealed class EndOutsidePlacementHandler(
    [FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, RequestContext context, TimeProvider clock)
    : IRequestHandler<EndOutsidePlacement, OutsidePlacementChanged>
{
    public async Task<OutsidePlacementChanged> Handle(EndOutsidePlacement request, CancellationToken cancellationToken)
    {
        var streamId = OutsidePlacementStreams.For(request.OutsidePlacementId);
        var (placement, version) = await store.LoadAsync<OutsidePlacement>(streamId, cancellationToken);
        if (placement.Recorded is not { } recorded || recorded.BoroughCode != context.Organisation)
        {
            throw new NotFoundException("There is no outside placement with that id.");
        }

        if (placement.Ended is not null)
        {
            throw new ConflictException("The end of this placement has already been recorded.");
        }

        if (request.EndDate < recorded.StartDate)
        {
            throw RequestValidationException.For("endDate", $"The end date must be on or after the start date, {recorded.StartDate:yyyy-MM-dd}");
        }

        var change = string.IsNullOrWhiteSpace(request.ReasonPlaceChange) ? null : request.ReasonPlaceChange.Trim().ToUpperInvariant();
        unitOfWork.For(store).Append(streamId, OutsidePlacementStreams.StreamType, version,
            [new OutsidePlacementEnded(request.OutsidePlacementId, request.EndDate!.Value, request.ReasonEpisodeCeased!.Trim().ToUpperInvariant(), change,
                request.Planned!.Value, clock.GetUtcNow(), context.UserId ?? "unknown")],
            recorded.BoroughCode);
        return new OutsidePlacementChanged(request.OutsidePlacementId, recorded.BoroughCode);
    }
}

/// <summary>Outside placements, latest start first: a borough's own; brokerage sees every borough's (optionally one).</summary>
/// <param name="Status"><c>open</c> or <c>ended</c>, or null for both.</param>
[AllowedRoles(Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager)]
[ChildData]
internal sealed record ListOutsidePlacements(PageRequest Page, string? Borough = null, string? Status = null) : IQuery<ChildPage<OutsidePlacementView>>;

[AllowedRoles(Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager)]
[ChildData]
internal sealed record GetOutsidePlacement(Guid OutsidePlacementId) : IQuery<OutsidePlacementView>;

internal sealed class OutsidePlacementQueries([FromKeyedServices(BrokerageModule.SchemaName)] EventStore store, RequestContext context)
    : IRequestHandler<ListOutsidePlacements, ChildPage<OutsidePlacementView>>,
      IRequestHandler<GetOutsidePlacement, OutsidePlacementView>
{
    private const string Columns =
        "outside_placement_id, borough_code, child_reference, referral_id, reason_code, reason_note, provider_name, placement_type, postcode_district, " +
        "start_date, weekly_cost, need_band, end_date, reason_episode_ceased, reason_place_change, planned, recorded_at, version";

    public async Task<ChildPage<OutsidePlacementView>> Handle(ListOutsidePlacements request, CancellationToken cancellationToken)
    {
        if (request.Status is not (null or "open" or "ended"))
        {
            throw RequestValidationException.For("status", "Status must be open or ended, or left out for both");
        }

        var (scope, scopeParameter) = ChildDataScope.For(context).SqlFilter("borough_code", "ARRAY[]::text[]", 1);
        var where = $"WHERE {scope} AND ($2::text IS NULL OR borough_code = $2) AND ($3::text IS NULL OR ($3 = 'ended') = (end_date IS NOT NULL))";
        var page = await PagedQuery.ReadAsync(store.DataSource, request.Page,
            $"SELECT count(*) FROM {SpotTables.OutsidePlacements} {where}",
            $"SELECT {Columns} FROM {SpotTables.OutsidePlacements} {where} ORDER BY start_date DESC, outside_placement_id",
            [scopeParameter ?? "", request.Borough?.Trim().ToUpperInvariant(), request.Status], Read, cancellationToken);
        return ChildPage<OutsidePlacementView>.Of(page);
    }

    public async Task<OutsidePlacementView> Handle(GetOutsidePlacement request, CancellationToken cancellationToken)
    {
        // Read whatever the id names: the child-data gate answers 404 for another borough's record, exactly as for none.
        var rows = await ReadModels.QueryAsync(store, $"SELECT {Columns} FROM {SpotTables.OutsidePlacements} WHERE outside_placement_id = $1",
            Read, cancellationToken, request.OutsidePlacementId);
        return rows.Count > 0 ? rows[0] : throw new NotFoundException("There is no outside placement with that id.");
    }

    private static OutsidePlacementView Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetGuid(3), r.GetString(4), r.NullableString(5), r.GetString(6), r.GetString(7),
        r.GetString(8), r.GetFieldValue<DateOnly>(9), r.GetDecimal(10), r.GetString(11), r.IsDBNull(12) ? "open" : "ended", r.NullableDate(12),
        r.NullableString(13), r.NullableString(14), r.IsDBNull(15) ? null : r.GetBoolean(15), r.GetFieldValue<DateTimeOffset>(16), r.GetInt64(17));
}
