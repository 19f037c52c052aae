using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Commissioning.BuildingBlocks.Geography;

/// <summary>
/// Where the postcode districts of north-east London and its edges lie (approximate centroids, latitude and
/// longitude), so a home's distance from a child's home district can be worked out without a postcode service.
/// A district not listed is refused: the partnership places within reach of its boroughs, and a typo should not
/// put a home at the wrong end of the country. Add a district here when a home outside these opens. One reference
/// table for every module: Contracts places homes with it, Brokerage places children's home and school districts.
/// </summary>
public static partial class PostcodeDistricts
{
    private const double EarthRadiusMiles = 3958.8;

    private static readonly FrozenDictionary<string, (double Latitude, double Longitude)> Centroids = new Dictionary<string, (double, double)>
    {
        ["RM1"] = (51.5790, 0.1830), ["RM2"] = (51.5830, 0.2050), ["RM3"] = (51.6000, 0.2320), ["RM4"] = (51.6450, 0.1500),
        ["RM5"] = (51.5980, 0.1640), ["RM6"] = (51.5720, 0.1290), ["RM7"] = (51.5690, 0.1690), ["RM8"] = (51.5530, 0.1240),
        ["RM9"] = (51.5380, 0.1320), ["RM10"] = (51.5460, 0.1620), ["RM11"] = (51.5640, 0.2180), ["RM12"] = (51.5470, 0.2040),
        ["RM13"] = (51.5200, 0.1960), ["RM14"] = (51.5590, 0.2600),
        ["IG1"] = (51.5590, 0.0740), ["IG2"] = (51.5760, 0.0830), ["IG3"] = (51.5650, 0.0990), ["IG4"] = (51.5760, 0.0530),
        ["IG5"] = (51.5890, 0.0720), ["IG6"] = (51.5910, 0.0950), ["IG7"] = (51.6170, 0.0870), ["IG8"] = (51.6080, 0.0320),
        ["IG9"] = (51.6260, 0.0480), ["IG10"] = (51.6470, 0.0720), ["IG11"] = (51.5360, 0.0860),
        ["E1"] = (51.5170, -0.0580), ["E2"] = (51.5290, -0.0610), ["E3"] = (51.5280, -0.0240), ["E4"] = (51.6300, -0.0040),
        ["E5"] = (51.5590, -0.0530), ["E6"] = (51.5240, 0.0520), ["E7"] = (51.5480, 0.0270), ["E8"] = (51.5430, -0.0640),
        ["E9"] = (51.5430, -0.0400), ["E10"] = (51.5670, -0.0150), ["E11"] = (51.5690, 0.0100), ["E12"] = (51.5500, 0.0520),
        ["E13"] = (51.5270, 0.0270), ["E14"] = (51.5080, -0.0180), ["E15"] = (51.5410, 0.0030), ["E16"] = (51.5090, 0.0270),
        ["E17"] = (51.5860, -0.0210), ["E18"] = (51.5910, 0.0260), ["E20"] = (51.5450, -0.0160),
        ["EC1"] = (51.5240, -0.1000), ["EC2"] = (51.5190, -0.0870), ["EC3"] = (51.5120, -0.0800), ["EC4"] = (51.5130, -0.1030),
        ["N1"] = (51.5380, -0.0970), ["N4"] = (51.5700, -0.1020), ["N9"] = (51.6270, -0.0580), ["N15"] = (51.5810, -0.0800),
        ["N16"] = (51.5620, -0.0760), ["N17"] = (51.5970, -0.0710), ["N18"] = (51.6150, -0.0660),
        ["EN1"] = (51.6540, -0.0670), ["EN3"] = (51.6560, -0.0350),
        ["CM13"] = (51.6050, 0.3230), ["CM14"] = (51.6180, 0.2950), ["CM15"] = (51.6320, 0.3110), ["CM16"] = (51.6990, 0.1150),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every district with a centroid, in order.</summary>
    public static IEnumerable<string> Known => Centroids.Keys.Order(StringComparer.Ordinal);

    /// <summary>The postcode tidied (upper case, one space) and its district, or null when it is not a UK postcode.</summary>
    public static (string Postcode, string District)? Parse(string? postcode)
    {
        var match = PostcodePattern().Match((postcode ?? "").Trim().ToUpperInvariant());
        return match.Success ? ($"{match.Groups[1].Value} {match.Groups[2].Value}", match.Groups[1].Value) : null;
    }

    /// <summary>The centroid of a district (EC1A is found as EC1), or null when it is not one we know.</summary>
    public static (double Latitude, double Longitude)? Locate(string district)
    {
        var key = district.Trim().ToUpperInvariant();
        if (Centroids.TryGetValue(key, out var point))
        {
            return point;
        }

        return key.Length > 2 && char.IsLetter(key[^1]) && Centroids.TryGetValue(key[..^1], out point) ? point : null;
    }

    /// <summary>Straight-line distance in miles between two points (haversine), to one decimal place.</summary>
    public static double DistanceMiles((double Latitude, double Longitude) from, (double Latitude, double Longitude) to)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(to.Latitude - from.Latitude);
        var dLon = Radians(to.Longitude - from.Longitude);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(from.Latitude)) * Math.Cos(Radians(to.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return Math.Round(2 * EarthRadiusMiles * Math.Asin(Math.Sqrt(a)), 1);
    }

    [GeneratedRegex(@"^([A-Z]{1,2}[0-9][0-9A-Z]?)\s*([0-9][A-Z]{2})$")]
    private static partial Regex PostcodePattern();
}
