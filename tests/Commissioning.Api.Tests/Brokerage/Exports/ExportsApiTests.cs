using System.Globalization;
using System.Net;
using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;
using static Commissioning.Api.Tests.Brokerage.Placements.PlacementsApiSetup;

namespace Commissioning.Api.Tests.Brokerage.Exports;

/// <summary>
/// The two standard exports through /api/v1, checked against the standards' own files: every Placements Data Standard
/// record has the six entities with exactly the standard's fields, types, cardinalities and options; the SSDA903 CSV has
/// the Episodes columns in order with valid codes. Each borough gets only its own children.
/// </summary>
public sealed class ExportsApiTests : RunningHost
{
    private HttpClient _newham = null!;
    private HttpClient _hackney = null!;
    private HttpClient _brokerage = null!;
    private HttpClient _provider = null!;
    private Guid _placedReferral;

    [OneTimeSetUp]
    public async Task APlacedReferralAndTwoWaiting()
    {
        var beds = await ProviderWithConfirmedBedsAsync(Keys, "PRV-X1", "HOME-X1", "SC930001");
        _newham = await Keys.ClientAsync(Newham, Roles.BoroughReferrer);
        _hackney = await Keys.ClientAsync(Hackney, Roles.BoroughReferrer);
        _brokerage = await Keys.ClientAsync(Havering, Roles.Brokerage);
        _provider = await Keys.ClientAsync("PRV-X1", Roles.Provider);

        _placedReferral = await SubmitReferralAsync(_newham, "NEW-EXPORT-1");
        await SubmitReferralAsync(_newham, "NEW-EXPORT-2");
        await SubmitReferralAsync(_hackney, "HAC-EXPORT-1");
        await WaitUntilShortlistedAsync(_brokerage, _placedReferral, beds[0]);
        var (_, offer) = await PostAsync(_brokerage, $"/api/v1/referrals/{_placedReferral}/offers", new { bedId = beds[0], respondBy = Instant(TimeSpan.FromDays(2)) });
        var (_, placement) = await PostAsync(_provider, $"/api/v1/offers/{offer.GetProperty("offerId").GetGuid()}/accept", new { plannedStartDate = Date(0) });
        var (started, body) = await PostAsync(_provider, $"/api/v1/placements/{placement.GetProperty("placementId").GetGuid()}/start", new { startDate = Date(0) });
        Assert.That(started, Is.EqualTo(HttpStatusCode.OK), body.ToString());
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        foreach (var client in new[] { _newham, _hackney, _brokerage, _provider })
        {
            client?.Dispose();
        }
    }

    [Test]
    public async Task Every_placements_standard_record_has_the_standards_entities_fields_types_cardinalities_and_options()
    {
        var (status, records) = await GetAsync(_newham, "/api/v1/exports/placements-standard");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), records.ToString());
        var all = records.EnumerateArray().ToList();
        var entities = StandardsFiles.PlacementsDataStandard().GetProperty("entities").EnumerateArray().ToList();

        var problems = new List<string>();
        foreach (var record in all)
        {
            var placed = record.GetProperty("ActualPlacement").ValueKind != JsonValueKind.Null;
            Assert.That(record.EnumerateObject().Select(p => p.Name), Is.EqualTo(entities.Select(e => e.GetProperty("name").GetString())),
                "one property per entity, named as the entity, in the standard's order");
            foreach (var entity in entities)
            {
                var name = entity.GetProperty("name").GetString()!;
                var value = record.GetProperty(name);
                if (name == "ActualPlacement" && !placed)
                {
                    continue;
                }

                var fields = entity.GetProperty("fields").EnumerateArray().ToList();
                Assert.That(value.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(fields.Select(f => f.GetProperty("name").GetString())), name);
                foreach (var field in fields)
                {
                    CheckField(name, field, value.GetProperty(field.GetProperty("name").GetString()!), placed, problems);
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty);
            Assert.That(all.Select(r => r.GetProperty("PlacementAvailability").GetProperty("childId").GetString()),
                Is.EquivalentTo(new[] { "NEW-EXPORT-1", "NEW-EXPORT-2" }), "Newham's referrals, and not Hackney's");
            var placedRecord = all.Single(r => r.GetProperty("ActualPlacement").ValueKind != JsonValueKind.Null);
            var actual = placedRecord.GetProperty("ActualPlacement");
            Assert.That(placedRecord.GetProperty("PlacementAvailability").GetProperty("childId").GetString(), Is.EqualTo("NEW-EXPORT-1"));
            Assert.That(actual.GetProperty("totalWeeklyCost").GetInt32(), Is.EqualTo(4200), "the contract's medium price");
            Assert.That(actual.GetProperty("providerURN").GetString(), Is.EqualTo("SC930001"));
            Assert.That(actual.GetProperty("placementLocation").GetString(), Is.EqualTo("RM7"));
            Assert.That(actual.GetProperty("preferabilityLocation").GetBoolean(), Is.True, "the home is in the child's own district");
            Assert.That(placedRecord.GetProperty("QualityAssurance").GetProperty("placementDate").GetString(), Is.EqualTo(Date(0)));
        });
    }

    [Test]
    public async Task The_episodes_csv_has_the_returns_columns_in_order_and_valid_codes_for_the_callers_borough_only()
    {
        var ssda903 = StandardsFiles.Ssda903();
        var columns = ssda903.GetProperty("episodes_columns").EnumerateArray().OrderBy(c => c.GetProperty("position").GetInt32())
            .Select(c => c.GetProperty("name").GetString()!).ToList();
        string[] Codes(string list) => [.. ssda903.GetProperty("codes").GetProperty(list).EnumerateObject().Select(p => p.Name)];

        using var response = await _newham.GetAsync("/api/v1/exports/ssda903-episodes");
        var csv = await response.Content.ReadAsStringAsync();
        using var hackneyResponse = await _hackney.GetAsync("/api/v1/exports/ssda903-episodes");
        var hackneyCsv = await hackneyResponse.Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var rows = lines.Skip(1).Select(l => columns.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(lines[0].Split(','), Is.EqualTo(columns), "the Episodes columns, in the standard's order");
            Assert.That(rows, Has.Count.EqualTo(1), csv);
            var row = rows[0];
            Assert.That(row["CHILD"], Is.EqualTo("NEW-EXPORT-1"));
            Assert.That(row["DECOM"], Is.EqualTo(DateOnly.FromDateTime(DateTime.UtcNow).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));
            Assert.That(Codes("PLACE"), Does.Contain(row["PLACE"]));
            Assert.That(Codes("PLACE_PROVIDER"), Does.Contain(row["PLACE_PROVIDER"]));
            Assert.That(row["DEC"] == "" && row["REC"] == "", Is.True, "an open episode has neither DEC nor REC (rule 148)");
            Assert.That(row["URN"], Is.EqualTo("SC930001"));
            Assert.That(hackneyCsv, Does.Not.Contain("NEW-EXPORT"), "another borough's children are not in Hackney's file");
        });
    }

    [Test]
    public async Task A_wrong_date_is_refused_naming_the_field_and_a_provider_may_not_export()
    {
        var (badFrom, body) = await GetAsync(_newham, "/api/v1/exports/placements-standard?from=23/11/2026");
        var (backwards, backwardsBody) = await GetAsync(_newham, "/api/v1/exports/ssda903-episodes?from=2026-05-01&to=2026-04-01");
        using var provider = await _provider.GetAsync("/api/v1/exports/placements-standard");
        var (later, none) = await GetAsync(_newham, $"/api/v1/exports/placements-standard?from={Date(1)}");

        Assert.Multiple(() =>
        {
            Assert.That(badFrom, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("errors").GetProperty("from")[0].GetString(), Does.Contain("2026-04-01"));
            Assert.That(backwards, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(backwardsBody.GetProperty("errors").TryGetProperty("to", out _), Is.True, backwardsBody.ToString());
            Assert.That(provider.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(later, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(none.GetArrayLength(), Is.Zero, "nothing was submitted after today");
        });
    }

    private static void CheckField(string entity, JsonElement field, JsonElement value, bool placed, List<string> problems)
    {
        var name = field.GetProperty("name").GetString()!;
        var type = field.GetProperty("type").GetString();
        var cardinality = field.GetProperty("cardinality").GetString();
        var where = $"{entity}.{name}";
        if (value.ValueKind == JsonValueKind.Null)
        {
            // The placement's quality-assurance dates exist once there is a placement, like ActualPlacement itself.
            var waitsForPlacement = entity == "QualityAssurance" && name.StartsWith("placement", StringComparison.Ordinal) || name == "costDate";
            if (cardinality!.StartsWith('1') && !(waitsForPlacement && !placed))
            {
                problems.Add($"{where} is required ({cardinality}) but null");
            }

            return;
        }

        var options = field.TryGetProperty("options", out var o) ? o.EnumerateArray().Select(x => x.GetString()).ToHashSet() : null;
        var ok = type switch
        {
            // api.md makes childId the borough's own reference, a string; the standard types it Integer (docs/brokerage.md).
            "Integer" when name == "childId" => value.ValueKind == JsonValueKind.String,
            "Integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "Boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "Date" => value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", out _),
            "String" => value.ValueKind == JsonValueKind.String,
            "Categorical" when cardinality!.EndsWith('*') =>
                value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value.EnumerateArray().All(v => options!.Contains(v.GetString())),
            "Categorical" => value.ValueKind == JsonValueKind.String && options!.Contains(value.GetString()),
            _ => false,
        };
        if (!ok)
        {
            problems.Add($"{where} = {value} is not a valid {type} ({cardinality})");
        }
    }
}
