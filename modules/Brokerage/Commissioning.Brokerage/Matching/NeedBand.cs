namespace Commissioning.Brokerage.Matching;

/// <summary>
/// The level of need that sets a placement's fee (domain.md). Brokerage keeps its own copy of the bands: it never
/// references the Contracts module, and reads bands from integration events by their codes.
/// </summary>
internal enum NeedBand
{
    Low,
    Medium,
    High,
    Specialist,
}

internal static class NeedBands
{
    public static string Code(NeedBand band) => band switch
    {
        NeedBand.Low => "low",
        NeedBand.Medium => "medium",
        NeedBand.High => "high",
        NeedBand.Specialist => "specialist",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Unknown need band."),
    };

    public static NeedBand? TryParse(string? code) =>
        Enum.GetValues<NeedBand>().Cast<NeedBand?>().FirstOrDefault(b => Code(b!.Value) == code?.Trim().ToLowerInvariant());

    /// <summary>The bands a home's mix limit counts (domain.md: "at most a configured number of high or specialist children").</summary>
    public static bool CountsTowardsHomeMix(NeedBand band) => band is NeedBand.High or NeedBand.Specialist;
}
