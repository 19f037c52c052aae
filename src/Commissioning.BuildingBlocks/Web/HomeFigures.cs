using Commissioning.BuildingBlocks.Identity;

namespace Commissioning.BuildingBlocks.Web;

/// <summary>A live figure on the first screen after signing in, linking to the page that explains it.</summary>
/// <param name="Label">What is counted, in a few words ("Referrals waiting for a decision").</param>
/// <param name="Value">The figure as shown.</param>
/// <param name="Href">The page behind the figure.</param>
/// <param name="Detail">A short line under the figure, or null.</param>
public sealed record HomeFigure(string Label, string Value, string Href, string? Detail = null);

/// <summary>
/// A module's figures for the home page, for the signed-in person's role and organisation. Counts only, never a
/// child's details, so reading them is not child-level access and is not audited; each module counts its own tables.
/// </summary>
public interface IHomeFigures
{
    /// <summary>The figures this module shows to <paramref name="context"/>'s role, most important first; none when it has nothing for the role.</summary>
    Task<IReadOnlyList<HomeFigure>> ForAsync(RequestContext context, CancellationToken cancellationToken);
}
