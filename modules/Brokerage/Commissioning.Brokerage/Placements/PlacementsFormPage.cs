using System.Globalization;
using Commissioning.BuildingBlocks.Web;
using MediatR;

namespace Commissioning.Brokerage.Placements;

/// <summary>The offer and placement pages: the shared form behaviour (<see cref="FormPage"/>) and how they show an instant.</summary>
internal abstract class PlacementsFormPage(IMediator mediator) : FormPage(mediator)
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static string Display(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, London).ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.GetCultureInfo("en-GB"));
}
