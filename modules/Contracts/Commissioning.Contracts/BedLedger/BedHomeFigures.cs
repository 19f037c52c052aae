using System.Globalization;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Web;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commissioning.Contracts.BedLedger;

/// <summary>
/// The home page's bed figures, worked out exactly as the beds page works them out (<see cref="BedStatusRules"/>):
/// the whole block for those who run it, a provider's own beds and the ones it still has to confirm.
/// </summary>
internal sealed class BedHomeFigures(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<BedLedgerOptions> options) : IHomeFigures
{
    public async Task<IReadOnlyList<HomeFigure>> ForAsync(RequestContext context, CancellationToken cancellationToken)
    {
        if (!BedLedgerAccess.ReaderRoles.Contains(context.Role))
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var beds = await BedLedgerReader.ReadAsync(dataSource, BedStatusRules.Today(now), BedLedgerAccess.ProviderScope(context), null, cancellationToken);
        var states = beds.Select(b => BedStatusRules.StateOf(b, now, options.Value.VacancyConfirmationWindow)).ToList();
        var occupied = states.Count(s => s.Status == BedStatus.Occupied);
        var available = states.Count(s => s.CountsAsAvailable);
        var unconfirmed = states.Count(s => s.Unconfirmed);
        var share = beds.Count == 0 ? "" : $"{occupied * 100.0 / beds.Count:0}% of {Text(beds.Count)} contracted beds";
        return context.Role == Roles.Provider
            ? [new("Your beds occupied", Text(occupied), "/beds/confirm", share), new("Beds to confirm", Text(unconfirmed), "/beds/confirm", "Unconfirmed beds are not offered")]
            : [new("Block beds occupied", Text(occupied), "/beds", share), new("Beds free to offer", Text(available), "/beds?status=available"),
               new("Beds not confirmed by their provider", Text(unconfirmed), "/beds?status=unconfirmed")];
    }

    private static string Text(int count) => count.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));
}
