using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;

namespace Commissioning.ArchitectureTests;

public sealed partial class ModuleBoundaryTests
{
    private static readonly string[] ModuleAssemblyNames = Solution.ModuleAssemblies.Select(a => a.GetName().Name!).ToArray();

    [Test]
    public void There_are_the_six_modules_of_the_design()
    {
        Assert.That(Solution.Modules.Select(m => m.Name),
            Is.EquivalentTo(new[] { "Brokerage", "Contracts", "Partnership", "PaymentByResults", "Reporting", "Training" }));
    }

    [TestCaseSource(nameof(ModuleNames))]
    public void A_module_references_only_BuildingBlocks_and_Messages_among_our_assemblies(string moduleName)
    {
        var assembly = Solution.ModuleAssemblies.Single(a => a.GetName().Name == moduleName);
        var ours = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Commissioning.", StringComparison.Ordinal));

        Assert.That(ours, Is.SubsetOf(new[] { "Commissioning.BuildingBlocks", "Commissioning.Messages" }));
    }

    [TestCaseSource(nameof(ModuleNames))]
    public void A_module_project_file_references_only_BuildingBlocks_and_Messages(string moduleName)
    {
        // The compiler drops unused references from an assembly, so the project file is checked as well.
        var module = Solution.Modules.Single(m => m.GetType().Assembly.GetName().Name == moduleName);
        var references = ProjectReferences(Path.Combine(Solution.SourceFolder(module), moduleName + ".csproj"));

        Assert.That(references, Is.SubsetOf(new[] { "Commissioning.BuildingBlocks", "Commissioning.Messages" }));
    }

    [Test]
    public void Only_the_host_references_modules()
    {
        var projects = Directory.EnumerateFiles(Solution.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(p => !IsTestProject(p) && Path.GetFileNameWithoutExtension(p) != "Commissioning.Host");

        var offenders = projects
            .SelectMany(p => ProjectReferences(p).Where(ModuleAssemblyNames.Contains).Select(r => $"{Path.GetFileNameWithoutExtension(p)} -> {r}"))
            .ToList();
        var assemblyOffenders = new[] { Solution.BuildingBlocks, Solution.Messages }
            .SelectMany(a => a.GetReferencedAssemblies().Where(r => ModuleAssemblyNames.Contains(r.Name)).Select(r => $"{a.GetName().Name} -> {r.Name}"));

        Assert.That(offenders.Concat(assemblyOffenders), Is.Empty);
    }

    [TestCaseSource(nameof(ModuleNames))]
    public void A_modules_sql_names_no_other_modules_schema(string moduleName)
    {
        var module = Solution.Modules.Single(m => m.GetType().Assembly.GetName().Name == moduleName);
        var others = Solution.Modules.Where(m => m != module).Select(m => m.Schema).Append("platform").ToList();
        var pattern = new Regex($@"(?<![A-Za-z0-9_.""]){"("}{string.Join('|', others)}{")"}\.[a-z_]+", RegexOptions.CultureInvariant);

        var hits = Directory.EnumerateFiles(Solution.SourceFolder(module), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".sql", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => pattern.IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(Solution.Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.That(hits, Is.Empty, "A module's SQL may only name its own schema.");
    }

    [TestCaseSource(nameof(ModuleNames))]
    public void A_module_exposes_only_its_module_class(string moduleName)
    {
        var assembly = Solution.ModuleAssemblies.Single(a => a.GetName().Name == moduleName);
        var exported = assembly.GetExportedTypes().Where(t => !typeof(BuildingBlocks.Modules.IModule).IsAssignableFrom(t)).Select(t => t.FullName);

        Assert.That(exported, Is.Empty, "Module types are internal; other modules talk through Commissioning.Messages.");
    }

    [Test]
    public void Every_request_declares_who_may_send_it()
    {
        var requests = Solution.ModuleAssemblies.Append(Solution.Host).Append(Solution.Messages)
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .Where(t => t.GetCustomAttribute<AllowedRolesAttribute>() is null && t.GetCustomAttribute<SystemOnlyAttribute>() is null)
            .Select(t => t.FullName);

        Assert.That(requests, Is.Empty);
    }

    [Test]
    public void Every_stored_event_name_is_unique_versioned_and_prefixed_by_its_module()
    {
        var events = Solution.ModuleAssemblies
            .SelectMany(a => a.GetTypes().Select(t => (Type: t, Attribute: t.GetCustomAttribute<EventTypeAttribute>(), Module: a.GetName().Name!)))
            .Where(e => e.Attribute is not null)
            .ToList();

        var badNames = events.Where(e => !EventName().IsMatch(e.Attribute!.Alias)).Select(e => $"{e.Type.FullName}: {e.Attribute!.Alias}");
        var duplicates = events.GroupBy(e => e.Attribute!.Alias).Where(g => g.Count() > 1).Select(g => g.Key);
        var wrongPrefix = events
            .Where(e => !e.Attribute!.Alias.StartsWith(Solution.Modules.Single(m => m.GetType().Assembly.GetName().Name == e.Module).Schema.Replace('_', '-') + ".", StringComparison.Ordinal))
            .Select(e => $"{e.Type.FullName}: {e.Attribute!.Alias}");

        Assert.Multiple(() =>
        {
            Assert.That(badNames, Is.Empty, "Names look like 'brokerage.referral-submitted.v1'.");
            Assert.That(duplicates, Is.Empty);
            Assert.That(wrongPrefix, Is.Empty, "A module's event names start with its schema (underscores as hyphens).");
        });
    }

    [Test]
    public void Every_request_that_returns_child_level_records_passes_the_child_data_gate()
    {
        var unmarked = Solution.ModuleAssemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MediatR.IRequest<>)
                                                   && CarriesChildRecords(i.GetGenericArguments()[0])))
            .Where(t => t.GetCustomAttributes(typeof(BuildingBlocks.Audit.ChildDataAttribute), false).Length == 0)
            .Select(t => t.FullName);

        Assert.That(unmarked, Is.Empty, "Mark these [ChildData]: their results hold IChildRecord, so they must be scope-checked and audited.");
    }

    private static bool CarriesChildRecords(Type type) =>
        typeof(BuildingBlocks.Identity.IChildRecord).IsAssignableFrom(type)
        || typeof(BuildingBlocks.Audit.IChildRecordContainer).IsAssignableFrom(type)
        || (type.IsGenericType && type.GetGenericArguments().Any(CarriesChildRecords))
        || (type.IsArray && CarriesChildRecords(type.GetElementType()!));

    [Test]
    public void Integration_events_live_in_Messages()
    {
        var misplaced = Solution.ModuleAssemblies.Append(Solution.Host)
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(BuildingBlocks.Integration.IntegrationEvent).IsAssignableFrom(t))
            .Select(t => t.FullName);

        Assert.That(misplaced, Is.Empty);
    }

    private static IEnumerable<string> ModuleNames() => Solution.ModuleAssemblies.Select(a => a.GetName().Name!);

    private static bool IsTestProject(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || Path.GetFileNameWithoutExtension(path).EndsWith(".Tests", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}bench{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static List<string> ProjectReferences(string projectFile) =>
        XDocument.Load(projectFile).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar)))
            .ToList();

    [GeneratedRegex(@"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+\.v[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EventName();
}
