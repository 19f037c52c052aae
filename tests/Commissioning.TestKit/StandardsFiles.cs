using System.Text.Json;

namespace Commissioning.TestKit;

/// <summary>
/// The national standards the system speaks (Placements Data Standard v2, SSDA903), read by tests that check the
/// system against them. A copy is kept in the repository (tests/Commissioning.TestKit/Standards, MIT licence for the
/// Placements Data Standard), so the tests run wherever the repository is cloned.
/// </summary>
public static class StandardsFiles
{
    public static JsonElement PlacementsDataStandard() => Read("placements-data-standard-v2.json");

    public static JsonElement Ssda903() => Read("ssda903.json");

    private static JsonElement Read(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "tests", "Commissioning.TestKit", "Standards", name);
            if (File.Exists(path))
            {
                return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
            }
        }

        throw new FileNotFoundException($"{name} was not found in tests/Commissioning.TestKit/Standards above the test's folder.");
    }
}
