using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Identity;

namespace Commissioning.Brokerage.SpotPurchases;

/// <summary>
/// Who may use this part. Outside placements are child data: the recording borough and brokerage. Fairness is
/// partnership-level figures with no child in them, so the roles that oversee the partnership (and borough managers)
/// read it. Spot requests are child data too: brokerage, the referring borough, and only the providers a request was
/// sent to. Requests repeat these roles in their [AllowedRoles] (attributes need literals).
/// </summary>
internal static class SpotPurchasesAccess
{
    public const string OutsidePlacementWriters = Roles.BoroughReferrer + "," + Roles.BoroughManager;

    public const string OutsidePlacementReaders = Roles.Brokerage + "," + Roles.BoroughReferrer + "," + Roles.BoroughManager;

    public const string FairnessReaders =
        Roles.Brokerage + "," + Roles.PartnershipAdmin + "," + Roles.BoardMember + "," + Roles.ContractManager + "," + Roles.BoroughManager;

    public const string SpotRequestReaders = Roles.Brokerage + "," + Roles.Provider + "," + Roles.BoroughReferrer + "," + Roles.BoroughManager;

    public static string[] Split(string roles) => roles.Split(',');
}

/// <summary>The partnership's boroughs by GSS code (api.md), for the pages.</summary>
internal static class Boroughs
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["E09000016"] = "Havering",
        ["E09000002"] = "Barking and Dagenham",
        ["E09000030"] = "Tower Hamlets",
        ["E09000025"] = "Newham",
        ["E09000031"] = "Waltham Forest",
        ["E09000026"] = "Redbridge",
        ["E09000012"] = "Hackney",
        ["E09000001"] = "City of London",
    };

    public static string Name(string code) => All.TryGetValue(code, out var name) ? name : code;
}

internal static partial class PostcodeDistricts
{
    /// <summary>An outward code such as RM7, E17 or EC1A.</summary>
    public static bool IsDistrict(string? value) => value is not null && Pattern().IsMatch(value.Trim().ToUpperInvariant());

    public static string Normalise(string value) => value.Trim().ToUpperInvariant();

    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]?$")]
    private static partial Regex Pattern();
}

/// <summary>A page of child records, as every list endpoint returns it (<c>items</c>, <c>page</c>, <c>pageSize</c>, <c>total</c>), that the child-data gate can see into.</summary>
internal sealed record ChildPage<T>(
    [property: JsonPropertyName("items")] IReadOnlyList<T> Items,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("pageSize")] int PageSize,
    [property: JsonPropertyName("total")] long Total) : IChildRecordContainer
    where T : IChildRecord
{
    [JsonIgnore]
    public IEnumerable<IChildRecord> ChildRecords => Items.Cast<IChildRecord>();

    public static ChildPage<T> Of(BuildingBlocks.Web.Paged<T> page) => new(page.Items, page.Page, page.PageSize, page.Total);
}
