using System.Reflection;
using Commissioning.BuildingBlocks.Modules;

namespace Commissioning.ArchitectureTests;

/// <summary>The solution as the tests see it: its assemblies, its modules and its source tree.</summary>
internal static class Solution
{
    public static Assembly BuildingBlocks { get; } = typeof(IModule).Assembly;

    public static Assembly Messages { get; } = Assembly.Load("Commissioning.Messages");

    public static Assembly Host { get; } = Assembly.Load("Commissioning.Host");

    /// <summary>Every business module: the Host's references that hold an <see cref="IModule"/>.</summary>
    public static IReadOnlyList<IModule> Modules { get; } = Host.GetReferencedAssemblies()
        .Where(a => a.Name!.StartsWith("Commissioning.", StringComparison.Ordinal))
        .Select(Assembly.Load)
        .SelectMany(a => a.GetTypes())
        .Where(t => typeof(IModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (IModule)Activator.CreateInstance(t)!)
        .OrderBy(m => m.Name, StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<Assembly> ModuleAssemblies { get; } = Modules.Select(m => m.GetType().Assembly).ToList();

    /// <summary>The folder holding Commissioning.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The module's folder under modules/ (its production project, not its tests).</summary>
    public static string SourceFolder(IModule module) =>
        Path.Combine(Root, "modules", module.Name, module.GetType().Assembly.GetName().Name!);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Commissioning.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Commissioning.sln was not found above the test's folder.");
    }
}
