using System.Globalization;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commissioning.Contracts.BedLedger;

internal sealed record BedHoldView(Guid OfferId, string ReferralReference, string BoroughCode, DateTimeOffset HeldFrom, DateTimeOffset RespondBy);

internal sealed record BedPlacementView(Guid PlacementId, string BoroughCode, string Band, DateOnly StartDate, DateOnly? EndDate);

internal sealed record BedConfirmationView(string Status, DateOnly? AvailableFrom, string? Reason, DateTimeOffset ConfirmedAt, bool Lapsed);

/// <summary>One contracted bed as the ledger shows it. <c>unconfirmed</c> beds never count as available.</summary>
internal sealed record BedView(
    string BedId,
    string HomeCode,
    string ProviderCode,
    Guid ContractId,
    string ContractReference,
    string Band,
    string Status,
    bool Unconfirmed,
    DateOnly? AvailableFrom,
    DateOnly ContractedFrom,
    DateOnly? ContractedUntil,
    BedHoldView? Hold,
    BedPlacementView? Placement,
    BedConfirmationView? Confirmation,
    string? Inconsistency)
{
    public static BedView Of(BedFacts bed, BedState state) => new(
        bed.BedId, bed.HomeCode, bed.ProviderCode, bed.ContractId, bed.ContractReference, Codes.Of(bed.Band), Codes.Of(state.Status), state.Unconfirmed,
        state.AvailableFrom, bed.ContractedFrom, bed.ContractedUntil,
        bed.Hold is { } h ? new BedHoldView(h.OfferId, h.ReferralReference, h.BoroughCode, h.HeldFrom, h.RespondBy) : null,
        bed.Placement is { } p ? new BedPlacementView(p.PlacementId, p.BoroughCode, Codes.Of(p.Band), p.StartDate, p.EndDate) : null,
        bed.Confirmation is { } c ? new BedConfirmationView(Codes.Of(c.Status), c.AvailableFrom, c.Reason, c.ConfirmedAt, c.Lapsed) : null,
        bed.LastInconsistency);
}

/// <summary>The bed ledger's roles: who may see beds, and who confirms vacancies (providers, for their own homes).</summary>
internal static class BedLedgerAccess
{
    public const string Readers = Roles.ContractManager + "," + Roles.Brokerage + "," + Roles.Provider + "," + Roles.Finance + "," + Roles.PartnershipAdmin;

    public static readonly string[] ReaderRoles = [Roles.ContractManager, Roles.Brokerage, Roles.Provider, Roles.Finance, Roles.PartnershipAdmin];

    /// <summary>A provider sees its own beds only; everyone else who may read sees all.</summary>
    public static string? ProviderScope(RequestContext context) => context.Role == Roles.Provider ? context.Organisation ?? "" : null;
}

/// <summary>The contracted beds, filtered; a provider's list holds only its own. <c>status</c> may also be <c>unconfirmed</c>.</summary>
[AllowedRoles(Roles.ContractManager, Roles.Brokerage, Roles.Provider, Roles.Finance, Roles.PartnershipAdmin)]
internal sealed record ListBeds(string? Status, string? Band, string? HomeCode, PageRequest Page) : IQuery<Paged<BedView>>;

/// <summary>One home's beds, for the confirmation form: a provider may only ask for its own homes (404 otherwise).</summary>
[AllowedRoles(Roles.ContractManager, Roles.Brokerage, Roles.Provider, Roles.Finance, Roles.PartnershipAdmin)]
internal sealed record GetHomeBeds(string HomeCode) : IQuery<IReadOnlyList<BedView>>;

/// <summary>One line of a vacancy confirmation, as the API and the form send it (strings, so each wrong field gets its own message).</summary>
internal sealed record VacancyConfirmationLine(string? BedId, string? Status, string? AvailableFrom, string? Reason);

/// <summary>A provider confirms beds of one of its own homes: each available (from a date, today by default) or unavailable (with a reason).</summary>
[AllowedRoles(Roles.Provider)]
internal sealed record ConfirmVacancies(string HomeCode, IReadOnlyList<VacancyConfirmationLine>? Beds) : ICommand<int>;

/// <summary>The lapse job: every confirmation older than the window is flagged, so its bed no longer counts as available.</summary>
[SystemOnly]
internal sealed record FlagLapsedVacancyConfirmations : ICommand<int>;

internal sealed class BedLedgerHandlers(
    [FromKeyedServices(ContractsModule.SchemaName)] EventStore store,
    NpgsqlDataSource dataSource,
    UnitOfWork unitOfWork,
    RequestContext context,
    TimeProvider clock,
    IOptions<BedLedgerOptions> options) :
    IRequestHandler<ListBeds, Paged<BedView>>,
    IRequestHandler<GetHomeBeds, IReadOnlyList<BedView>>,
    IRequestHandler<ConfirmVacancies, int>,
    IRequestHandler<FlagLapsedVacancyConfirmations, int>
{
    private const int MaxReasonLength = 500;

    public async Task<Paged<BedView>> Handle(ListBeds request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        BedStatus? status = null;
        var unconfirmedOnly = request.Status == "unconfirmed";
        if (!string.IsNullOrEmpty(request.Status) && !unconfirmedOnly)
        {
            if (Codes.TryParse<BedStatus>(request.Status, out var s))
            {
                status = s;
            }
            else
            {
                errors["status"] = ["Give the status as available, held, occupied, unavailable, void or unconfirmed, or leave it out for every bed"];
            }
        }

        NeedBand? band = null;
        if (!string.IsNullOrEmpty(request.Band))
        {
            if (Codes.TryParse<NeedBand>(request.Band, out var b))
            {
                band = b;
            }
            else
            {
                errors["band"] = ["Give the band as low, medium, high or specialist, or leave it out for every band"];
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var beds = (await ViewsAsync(string.IsNullOrEmpty(request.HomeCode) ? null : request.HomeCode, cancellationToken))
            .Where(v => status is null || v.Status == Codes.Of(status.Value))
            .Where(v => !unconfirmedOnly || v.Unconfirmed)
            .Where(v => band is null || v.Band == Codes.Of(band.Value))
            .ToList();
        return request.Page.Of(beds);
    }

    public async Task<IReadOnlyList<BedView>> Handle(GetHomeBeds request, CancellationToken cancellationToken)
    {
        var beds = await ViewsAsync(request.HomeCode, cancellationToken);
        return beds.Count > 0 ? beds : throw new NotFoundException($"There is no home {request.HomeCode} with contracted beds that you can see.");
    }

    public async Task<int> Handle(ConfirmVacancies request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = BedStatusRules.Today(now);
        var home = await BedLedgerReader.ReadAsync(dataSource, today, BedLedgerAccess.ProviderScope(context), request.HomeCode, cancellationToken);
        if (home.Count == 0)
        {
            // Another provider's home answers exactly as a home that does not exist.
            throw new NotFoundException($"There is no home {request.HomeCode} of yours with contracted beds.");
        }

        var bedIds = home.Select(b => b.BedId).ToHashSet(StringComparer.Ordinal);
        var lines = request.Beds ?? [];
        var errors = new Dictionary<string, string[]>();
        if (lines.Count == 0)
        {
            errors["beds"] = ["Confirm at least one bed: give its bedId and status"];
        }

        var events = new List<object>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var prefix = $"beds[{i}].";
            if (string.IsNullOrWhiteSpace(line.BedId))
            {
                errors[prefix + "bedId"] = ["Enter the bed's id"];
            }
            else if (!bedIds.Contains(line.BedId))
            {
                errors[prefix + "bedId"] = [$"Bed {line.BedId} is not a contracted bed of home {request.HomeCode}"];
            }
            else if (!seen.Add(line.BedId))
            {
                errors[prefix + "bedId"] = [$"Bed {line.BedId} is confirmed twice: confirm each bed once"];
            }

            if (!Codes.TryParse<VacancyStatus>(line.Status, out var status))
            {
                errors[prefix + "status"] = ["Choose whether the bed is available or unavailable"];
            }

            DateOnly? from = null;
            if (!string.IsNullOrWhiteSpace(line.AvailableFrom))
            {
                if (!DateOnly.TryParseExact(line.AvailableFrom.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    errors[prefix + "availableFrom"] = ["Enter the date the bed is available from as year-month-day, for example 2027-03-03"];
                }
                else if (date < today)
                {
                    errors[prefix + "availableFrom"] = ["The date the bed is available from must be today or later"];
                }
                else if (date > today.AddYears(2))
                {
                    errors[prefix + "availableFrom"] = ["The date the bed is available from must be within two years"];
                }
                else
                {
                    from = date;
                }
            }

            var reason = string.IsNullOrWhiteSpace(line.Reason) ? null : line.Reason.Trim();
            if (status == VacancyStatus.Unavailable && reason is null && Codes.TryParse<VacancyStatus>(line.Status, out _))
            {
                errors[prefix + "reason"] = ["Say why the bed is unavailable, for example repairs after a fire"];
            }
            else if (reason is { Length: > MaxReasonLength })
            {
                errors[prefix + "reason"] = [$"The reason must be {MaxReasonLength} characters or fewer"];
            }

            if (line.BedId is not null && bedIds.Contains(line.BedId))
            {
                events.Add(new VacancyConfirmed(request.HomeCode, line.BedId, status,
                    status == VacancyStatus.Available ? from ?? today : from, reason, now, context.UserId ?? "unknown"));
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        unitOfWork.For(store).Append(BedLedgerStreams.HomeVacancies(request.HomeCode), BedLedgerStreams.HomeVacanciesStreamType, ExpectedVersion.Any, events,
            home[0].ProviderCode);
        return events.Count;
    }

    public async Task<int> Handle(FlagLapsedVacancyConfirmations request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand("""
            SELECT home_code, bed_id, confirmed_at FROM contracts.ledger_confirmations
            WHERE lapsed_at IS NULL AND confirmed_at <= $1 ORDER BY home_code, bed_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now - options.Value.VacancyConfirmationWindow });
        var due = new List<(string Home, string Bed, DateTimeOffset ConfirmedAt)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        // One save per home: each is whole, and a rerun after a failure only finds what is left.
        foreach (var home in due.GroupBy(d => d.Home))
        {
            await store.OpenSession(context.ToEventMetadata())
                .Append(BedLedgerStreams.HomeVacancies(home.Key), BedLedgerStreams.HomeVacanciesStreamType, ExpectedVersion.Any,
                    home.Select(d => (object)new VacancyConfirmationLapsed(home.Key, d.Bed, d.ConfirmedAt, now)).ToList())
                .SaveChangesAsync(cancellationToken);
        }

        return due.Count;
    }

    private async Task<IReadOnlyList<BedView>> ViewsAsync(string? homeCode, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var beds = await BedLedgerReader.ReadAsync(dataSource, BedStatusRules.Today(now), BedLedgerAccess.ProviderScope(context), homeCode, cancellationToken);
        return beds.Select(b => BedView.Of(b, BedStatusRules.StateOf(b, now, options.Value.VacancyConfirmationWindow))).ToList();
    }
}
