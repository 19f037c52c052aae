namespace Commissioning.Contracts.Core;

/// <summary>The codes the API and the read models use for need bands (low, medium, high, specialist).</summary>
internal static class NeedBands
{
    public static IReadOnlyList<NeedBand> All { get; } = Enum.GetValues<NeedBand>();

    public static string Code(NeedBand band) => band switch
    {
        NeedBand.Low => "low",
        NeedBand.Medium => "medium",
        NeedBand.High => "high",
        NeedBand.Specialist => "specialist",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Unknown need band."),
    };

    public static NeedBand Parse(string code) => TryParse(code) ?? throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown need band code.");

    public static NeedBand? TryParse(string? code) => All.Cast<NeedBand?>().FirstOrDefault(b => Code(b!.Value) == code?.Trim().ToLowerInvariant());

    public static string Describe(NeedBand band) => band switch
    {
        NeedBand.Low => "Low",
        NeedBand.Medium => "Medium",
        NeedBand.High => "High",
        NeedBand.Specialist => "Specialist",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Unknown need band."),
    };

    public const string Choices = "low, medium, high or specialist";
}
