using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Commissioning.Browser.Tests;

/// <summary>
/// axe-core, from the npm packages the host's build installs (src/Commissioning.Host/package.json, a
/// devDependency), run in the page against the WCAG 2.2 A and AA rules.
/// </summary>
internal static class Axe
{
    /// <summary>The rule tags checked: WCAG 2.0, 2.1 and 2.2 at levels A and AA.</summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Lazy<string> Source = new(() => File.ReadAllText(FindScript()));

    /// <summary>
    /// Makes axe available in every page of <paramref name="context"/>. An init script, not a script tag, because
    /// the pages' Content-Security-Policy (script-src 'self') rightly refuses inline scripts.
    /// </summary>
    public static Task AddToAsync(IBrowserContext context) => context.AddInitScriptAsync(Source.Value);

    /// <summary>The WCAG A and AA violations on the page now, one readable line per element, or empty.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var result = await page.EvaluateAsync<JsonElement>(
            "async tags => { const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }); "
            + "return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, "
            + "nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary })) })); }",
            Tags);

        var lines = new List<string>();
        foreach (var violation in result.EnumerateArray())
        {
            foreach (var node in violation.GetProperty("nodes").EnumerateArray())
            {
                var line = new StringBuilder()
                    .Append(violation.GetProperty("id").GetString()).Append(" (").Append(violation.GetProperty("impact").GetString()).Append("): ")
                    .Append(violation.GetProperty("help").GetString())
                    .Append(" — at ").Append(node.GetProperty("target").GetString())
                    .Append(" — ").Append(violation.GetProperty("helpUrl").GetString())
                    .Append(" — ").Append(node.GetProperty("summary").GetString()?.ReplaceLineEndings(" "));
                lines.Add(line.ToString());
            }
        }

        return lines;
    }

    private static string FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "Commissioning.Host", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            "axe-core is not installed: it is a devDependency of src/Commissioning.Host/package.json, which the host's "
            + "build installs with npm. Build the host (dotnet build) with npm on the PATH, or run npm ci in "
            + "src/Commissioning.Host.");
    }
}
