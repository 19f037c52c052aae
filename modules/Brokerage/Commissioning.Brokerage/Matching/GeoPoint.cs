namespace Commissioning.Brokerage.Matching;

/// <summary>A postcode district's centroid (latitude and longitude in degrees).</summary>
internal readonly record struct GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusMiles = 3958.8;

    /// <summary>
    /// Great-circle miles to <paramref name="other"/> (haversine), rounded to one decimal place so that the miles
    /// shown and the points worked out from them agree.
    /// </summary>
    public double MilesTo(GeoPoint other)
    {
        const double ToRadians = Math.PI / 180;
        var dLat = (other.Latitude - Latitude) * ToRadians;
        var dLon = (other.Longitude - Longitude) * ToRadians;
        var sinLat = Math.Sin(dLat / 2);
        var sinLon = Math.Sin(dLon / 2);
        var a = (sinLat * sinLat) + (Math.Cos(Latitude * ToRadians) * Math.Cos(other.Latitude * ToRadians) * sinLon * sinLon);
        return Math.Round(2 * EarthRadiusMiles * Math.Asin(Math.Min(1, Math.Sqrt(a))), 1, MidpointRounding.AwayFromZero);
    }
}
