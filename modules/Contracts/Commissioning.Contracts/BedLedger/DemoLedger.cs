using Commissioning.BuildingBlocks.Web;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts.BedLedger;

/// <summary>
/// The demo's vacancy confirmations: every bed confirmed available when the contracts began, then, after Brokerage's
/// year of placements, the beds still empty confirmed today: available, except the first of them (unavailable for ten
/// days, for redecoration). HOME-06 never confirms, so the ledger shows the flag. Placements arrive from Brokerage.
/// </summary>
internal static class DemoLedger
{
    private const string UnconfirmedHome = "HOME-06";

    /// <summary>
    /// The providers' first confirmations, when the block contracts began (14 months ago; HOME-06 never confirms), so
    /// Brokerage's year of placements finds beds confirmed free. Today's confirmations follow the history (<see cref="SeedAsync"/>).
    /// </summary>
    public static async Task ConfirmAtContractStartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var mediator = services.GetRequiredService<IMediator>();
        var clock = services.GetRequiredService<TimeProvider>() as Commissioning.BuildingBlocks.Calendar.DemoClock;
        var today = BedStatusRules.Today(services.GetRequiredService<TimeProvider>().GetUtcNow());
        var month = today.AddMonths(-14);
        clock?.TravelTo(new DateTimeOffset(new DateOnly(month.Year, month.Month, 1).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
        try
        {
            var beds = await mediator.Send(new ListBeds(null, null, null, new PageRequest(1, PageRequest.MaxPageSize)), cancellationToken);
            foreach (var home in beds.Items.Where(b => b.HomeCode != UnconfirmedHome).GroupBy(b => b.HomeCode))
            {
                await mediator.Send(new ConfirmVacancies(home.Key, [.. home.Select(bed => new VacancyConfirmationLine(bed.BedId, "available", null, null))]), cancellationToken);
            }
        }
        finally
        {
            clock?.ReturnToPresent();
        }
    }

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var mediator = services.GetRequiredService<IMediator>();
        var today = BedStatusRules.Today(services.GetRequiredService<TimeProvider>().GetUtcNow());
        var beds = await mediator.Send(new ListBeds(null, null, null, new PageRequest(1, PageRequest.MaxPageSize)), cancellationToken);
        var empty = beds.Items.Where(b => b.HomeCode != UnconfirmedHome && b.Status is "void" or "available").ToList();
        var redecorating = empty.FirstOrDefault()?.BedId;
        foreach (var home in empty.GroupBy(b => b.HomeCode))
        {
            var lines = home.Select(bed => bed.BedId == redecorating
                    ? new VacancyConfirmationLine(bed.BedId, "unavailable", today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        "Redecoration after a leak")
                    : new VacancyConfirmationLine(bed.BedId, "available", null, null))
                .ToList();
            await mediator.Send(new ConfirmVacancies(home.Key, lines), cancellationToken);
        }
    }
}
