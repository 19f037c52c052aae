using System.Globalization;
using Commissioning.Contracts.BlockContracts;

namespace Commissioning.Contracts.Money;

/// <summary>A calendar month, the period of recharge statements and fee schedules, written "2026-10".</summary>
internal readonly record struct MoneyMonth(int Year, int Month)
{
    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public int Days => DateTime.DaysInMonth(Year, Month);

    /// <summary>UK public-sector financial year (April to March) holding the month, "2026-27": a month never spans two.</summary>
    public string FinancialYear
    {
        get
        {
            var start = Month >= 4 ? Year : Year - 1;
            return string.Create(CultureInfo.InvariantCulture, $"{start}-{(start + 1) % 100:00}");
        }
    }

    public IEnumerable<DateOnly> Dates => Enumerable.Range(0, Days).Select(FirstDay.AddDays);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");

    public static bool TryParse(string? text, out MoneyMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || year < 2000 || year > 2100 || m < 1 || m > 12)
        {
            return false;
        }

        month = new MoneyMonth(year, m);
        return true;
    }

    public static MoneyMonth Of(DateOnly date) => new(date.Year, date.Month);
}

/// <summary>
/// A child's time in a block bed, from Brokerage's placement events: charged from <see cref="Start"/> up to, not
/// including, <see cref="End"/> (the day the child left, as SSDA903 dates an episode's end), at the band in force on
/// each day.
/// </summary>
internal sealed record BedOccupancy(
    Guid PlacementId, string BedId, string BoroughCode, DateOnly Start, DateOnly? End, IReadOnlyList<(DateOnly From, NeedBand Band)> Bands)
{
    public bool Covers(DateOnly date) => Start <= date && (End is null || date < End);

    /// <summary>The band on a day: the latest re-banding effective on or before it, else the band at the start.</summary>
    public NeedBand BandOn(DateOnly date) =>
        Bands.Where(b => b.From <= date).OrderBy(b => b.From).Select(b => (NeedBand?)b.Band).LastOrDefault()
        ?? Bands.OrderBy(b => b.From).First().Band;
}

/// <summary>A spot contract, charged wholly to its borough from <see cref="From"/> up to, not including, <see cref="Until"/>.</summary>
internal sealed record SpotCharge(
    Guid SpotContractId, string Reference, string ProviderCode, string HomeCode, string BoroughCode, NeedBand Band, decimal WeeklyPrice,
    DateOnly From, DateOnly? Until)
{
    public bool Covers(DateOnly date) => From <= date && (Until is null || date < Until);
}

/// <summary>Everything the money needs for one month: pure data, read by <see cref="MoneyReader"/> or made by tests.</summary>
internal sealed record MoneyInputs(
    MoneyMonth Month,
    IReadOnlyList<ContractTerms> Contracts,
    IReadOnlyList<BedOccupancy> Occupancies,
    IReadOnlyList<SpotCharge> SpotContracts,
    IReadOnlyDictionary<string, decimal> Contributions);
