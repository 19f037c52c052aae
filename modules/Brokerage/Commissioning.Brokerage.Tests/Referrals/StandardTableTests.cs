using System.Text.Json;
using Commissioning.Brokerage.Referrals;

namespace Commissioning.Brokerage.Tests.Referrals;

/// <summary>The referral's one table of Placements Data Standard v2 fields agrees with the standard's own JSON.</summary>
public sealed class StandardTableTests
{
    private static readonly string[] Entities = ["PlacementAvailability", "PlacementRequirements", "PlacementRecommendation", "Risks"];

    private static JsonElement Standard() => Commissioning.TestKit.StandardsFiles.PlacementsDataStandard();

    [Test]
    public void Every_field_of_the_four_entities_is_in_the_table_with_its_cardinality_and_options_verbatim()
    {
        var standard = Standard().GetProperty("entities").EnumerateArray()
            .Where(e => Entities.Contains(e.GetProperty("name").GetString()))
            .SelectMany(e => e.GetProperty("fields").EnumerateArray().Select(f => (
                Entity: e.GetProperty("name").GetString()!,
                Name: f.GetProperty("name").GetString()!,
                Type: f.GetProperty("type").GetString()!,
                Cardinality: f.GetProperty("cardinality").GetString()!,
                Options: f.TryGetProperty("options", out var o) ? o.EnumerateArray().Select(x => x.GetString()!).ToArray() : null)))
            .ToList();

        Assert.That(standard, Has.Count.EqualTo(28), "the four entities have 28 fields");
        Assert.Multiple(() =>
        {
            Assert.That(ReferralRules.StandardFields.Select(f => (f.Entity, f.Name)), Is.EquivalentTo(standard.Select(s => (s.Entity, s.Name))));
            foreach (var s in standard)
            {
                var field = ReferralRules.Field(s.Name);
                Assert.That(field.Cardinality, Is.EqualTo(s.Cardinality), s.Name);
                Assert.That(field.Options, Is.EqualTo(s.Options), s.Name);
                // childId is the one deliberate difference: api.md makes it the borough's own reference, a string.
                Assert.That(field.Type, Is.EqualTo(s.Name == "childId" ? "String" : s.Type), s.Name);
                Assert.That(typeof(ReferralDetails).GetProperties().Any(p => string.Equals(p.Name, s.Name, StringComparison.OrdinalIgnoreCase)), s.Name);
            }
        });
    }
}
