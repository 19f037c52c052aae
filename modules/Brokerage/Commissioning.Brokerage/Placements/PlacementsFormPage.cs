using System.Globalization;
using Commissioning.BuildingBlocks.Calendar;
using Commissioning.BuildingBlocks.Web;
using MediatR;

namespace Commissioning.Brokerage.Placements;

/// <summary>The offer and placement pages: the shared form behaviour (<see cref="FormPage"/>) and how they show an instant.</summary>
internal abstract class PlacementsFormPage(IMediator mediator) : FormPage(mediator)
{
    /// <summary>A placement's status as people say it.</summary>
    public static IReadOnlyList<(string Code, string Text)> Statuses { get; } =
        [("confirmed", "Agreed, not started"), ("started", "Started"), ("ended", "Ended"), ("called-off", "Called off")];

    public static string StatusText(string code) => Statuses.FirstOrDefault(s => s.Code == code).Text ?? code;

    public static string Display(DateTimeOffset at) =>
        PartnershipCalendar.WallClock(at).ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.GetCultureInfo("en-GB"));
}
