using System.Globalization;
using System.Text;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Contracts.BedLedger;
using MediatR;

namespace Commissioning.Contracts.Money;

/// <summary>
/// A fee line as finance sees it. <c>amount</c> is exact to the penny; <c>weeklyPrice</c> is shown to the penny, but
/// the amount was worked out from the exact price (an annual uplift can give more decimal places).
/// </summary>
internal sealed record FeeLineView(
    string ProviderCode, string ContractReference, Guid ContractId, string? BedId, string HomeCode, string Kind, string Band, string? BoroughCode,
    Guid? PlacementId, DateOnly From, DateOnly To, int Days, decimal WeeklyPrice, decimal Amount)
{
    public static FeeLineView Of(FeeLine l) => new(l.ProviderCode, l.ContractReference, l.ContractId, l.BedId, l.HomeCode, Codes.Of(l.Kind), Codes.Of(l.Band),
        l.BoroughCode, l.PlacementId, l.From, l.To, l.Days, decimal.Round(l.WeeklyPrice, 2, MidpointRounding.AwayFromZero), l.Amount);
}

/// <summary>A borough's monthly recharge statement.</summary>
internal sealed record RechargeStatement(
    string BoroughCode, string Month, string FinancialYear, string VoidSharingRule, decimal Occupied, decimal Spot, decimal VoidShare,
    decimal VoidSharePercent, decimal Total, IReadOnlyList<FeeLineView> Lines);

/// <summary>A provider's fee schedule for a month.</summary>
internal sealed record FeeSchedule(string ProviderCode, string Month, decimal Occupied, decimal Void, decimal Spot, decimal Total, IReadOnlyList<FeeLineView> Lines);

/// <summary>The month as a whole, for finance and contract managers: what must add up, and what the inputs got wrong.</summary>
internal sealed record MoneySummary(
    string Month, string FinancialYear, string VoidSharingRule, string VoidSharingRuleDescription, decimal FeesPayable, decimal VoidCost, decimal Recharged,
    decimal UnallocatedVoid, IReadOnlyList<string> Anomalies);

/// <summary>Recharge statements for a month (default: this month). A borough manager gets its own borough's only.</summary>
[AllowedRoles(Roles.Finance, Roles.ContractManager, Roles.BoroughManager, Roles.PartnershipAdmin)]
internal sealed record GetRecharges(string? Borough, string? Month) : IQuery<IReadOnlyList<RechargeStatement>>;

/// <summary>Provider fee schedules for a month (default: this month). A provider gets its own only.</summary>
[AllowedRoles(Roles.Finance, Roles.ContractManager, Roles.Provider, Roles.PartnershipAdmin)]
internal sealed record GetFeeSchedules(string? ProviderCode, string? Month) : IQuery<IReadOnlyList<FeeSchedule>>;

[AllowedRoles(Roles.Finance, Roles.ContractManager, Roles.PartnershipAdmin)]
internal sealed record GetMoneySummary(string? Month) : IQuery<MoneySummary>;

internal sealed class MoneyHandlers(MoneyReader reader, RequestContext context, TimeProvider clock) :
    IRequestHandler<GetRecharges, IReadOnlyList<RechargeStatement>>,
    IRequestHandler<GetFeeSchedules, IReadOnlyList<FeeSchedule>>,
    IRequestHandler<GetMoneySummary, MoneySummary>
{
    public async Task<IReadOnlyList<RechargeStatement>> Handle(GetRecharges request, CancellationToken cancellationToken)
    {
        var month = MonthOf(request.Month);
        var borough = string.IsNullOrEmpty(request.Borough) ? null : request.Borough;
        if (context.Role == Roles.BoroughManager)
        {
            if (borough is not null && borough != context.Organisation)
            {
                throw new NotFoundException($"There is no recharge statement for {borough} that you can see.");
            }

            borough = context.Organisation;
        }

        var money = await reader.ComputeAsync(month, cancellationToken);
        var statements = money.Recharges.Where(r => borough is null || r.BoroughCode == borough).ToList();
        if (borough is not null && statements.Count == 0)
        {
            statements.Add(new BoroughRecharge(borough, month, [], 0m, 0m, 0m));
        }

        return statements.Select(r => new RechargeStatement(r.BoroughCode, month.ToString(), month.FinancialYear, money.VoidSharingRule, r.Occupied, r.Spot,
            r.VoidShare, r.VoidSharePercent, r.Total, r.Lines.Select(FeeLineView.Of).ToList())).ToList();
    }

    public async Task<IReadOnlyList<FeeSchedule>> Handle(GetFeeSchedules request, CancellationToken cancellationToken)
    {
        var month = MonthOf(request.Month);
        var provider = string.IsNullOrEmpty(request.ProviderCode) ? null : request.ProviderCode;
        if (context.Role == Roles.Provider)
        {
            if (provider is not null && provider != context.Organisation)
            {
                throw new NotFoundException($"There is no fee schedule for {provider} that you can see.");
            }

            provider = context.Organisation;
        }

        var money = await reader.ComputeAsync(month, cancellationToken);
        var schedules = money.FeeSchedules.Where(s => provider is null || s.ProviderCode == provider).ToList();
        if (provider is not null && schedules.Count == 0)
        {
            schedules.Add(new ProviderFeeSchedule(provider, month, []));
        }

        return schedules.Select(s => new FeeSchedule(s.ProviderCode, month.ToString(), s.Occupied, s.Void, s.Spot, s.Total,
            s.Lines.Select(FeeLineView.Of).ToList())).ToList();
    }

    public async Task<MoneySummary> Handle(GetMoneySummary request, CancellationToken cancellationToken)
    {
        var month = MonthOf(request.Month);
        var money = await reader.ComputeAsync(month, cancellationToken);
        return new MoneySummary(month.ToString(), month.FinancialYear, money.VoidSharingRule, reader.Rule.Description, money.FeesPayable, money.VoidCost,
            money.Recharged, money.UnallocatedVoid, money.Anomalies);
    }

    private MoneyMonth MonthOf(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return MoneyMonth.Of(BedStatusRules.Today(clock.GetUtcNow()));
        }

        return MoneyMonth.TryParse(text, out var month)
            ? month
            : throw RequestValidationException.For("month", "Give the month as year and month, for example 2026-10");
    }
}

/// <summary>CSV for finance: one row per line, plain RFC 4180, invariant culture, amounts in pounds to two decimals.</summary>
internal static class MoneyCsv
{
    private static readonly string[] LineColumns =
        ["month", "providerCode", "contractReference", "bedId", "homeCode", "kind", "band", "boroughCode", "placementId", "from", "to", "days", "weeklyPrice", "amount"];

    /// <summary>Each borough's lines, then its void share as a line of kind <c>void-share</c>.</summary>
    public static string Recharges(IEnumerable<RechargeStatement> statements)
    {
        var csv = new StringBuilder();
        Row(csv, ["month", "boroughCode", .. LineColumns[1..]]);
        foreach (var s in statements)
        {
            foreach (var l in s.Lines)
            {
                Row(csv, [s.Month, s.BoroughCode, l.ProviderCode, l.ContractReference, l.BedId, l.HomeCode, l.Kind, l.Band, l.BoroughCode,
                    l.PlacementId?.ToString(), Date(l.From), Date(l.To), l.Days.ToString(CultureInfo.InvariantCulture), Money(l.WeeklyPrice), Money(l.Amount)]);
            }

            Row(csv, [s.Month, s.BoroughCode, "", "", "", "", "void-share", "", s.BoroughCode, "", "", "", "", "", Money(s.VoidShare)]);
        }

        return csv.ToString();
    }

    public static string FeeSchedules(IEnumerable<FeeSchedule> schedules)
    {
        var csv = new StringBuilder();
        Row(csv, LineColumns);
        foreach (var s in schedules)
        {
            foreach (var l in s.Lines)
            {
                Row(csv, [s.Month, l.ProviderCode, l.ContractReference, l.BedId, l.HomeCode, l.Kind, l.Band, l.BoroughCode, l.PlacementId?.ToString(),
                    Date(l.From), Date(l.To), l.Days.ToString(CultureInfo.InvariantCulture), Money(l.WeeklyPrice), Money(l.Amount)]);
            }
        }

        return csv.ToString();
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder csv, string?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            var field = fields[i] ?? "";
            // A leading =, +, - or @ would be a formula in a spreadsheet: quote it with an apostrophe first.
            if (field.Length > 0 && "=+-@".Contains(field[0], StringComparison.Ordinal) && !decimal.TryParse(field, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            {
                field = "'" + field;
            }

            csv.Append(field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field);
        }

        csv.Append("\r\n");
    }
}
