namespace Commissioning.Brokerage.Matching;

/// <summary>
/// The Hungarian algorithm (Kuhn–Munkres) with potentials, for a rectangular weight matrix in which some pairs are
/// forbidden and any row may stay unassigned: it finds an assignment of rows to distinct columns with the greatest
/// total weight, exactly.
/// </summary>
/// <remarks>
/// Rows are referrals and columns beds. "Unassigned" is modelled by <c>rows</c> extra dummy columns of weight 0 that
/// every row may take, so a square-or-wider minimum-cost problem always has a complete solution, and a forbidden pair
/// is an infinite cost that is simply never relaxed. The shortest-augmenting-path form runs one phase per row, each
/// phase at most <c>rows</c> steps over all <c>columns + rows</c> columns: O(n²(m + n)) time for n rows and m columns,
/// O(n(m + n)) memory for the matrix (O(n³) when square). Weights are whole numbers so that the optimum is exact.
/// </remarks>
internal static class Hungarian
{
    /// <summary>Marks a pair that may not be assigned.</summary>
    public const long Forbidden = long.MinValue;

    private const long Infinity = long.MaxValue / 4;

    /// <summary>
    /// The column assigned to each row, or -1 for a row left unassigned. <paramref name="weights"/> is
    /// <c>rows × columns</c> with <see cref="Forbidden"/> for pairs that may not be assigned; a row is assigned only
    /// where that adds weight (a weight of 0 or less is never better than leaving the row unassigned).
    /// </summary>
    public static int[] MaximumWeightAssignment(long[,] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        int n = weights.GetLength(0), m = weights.GetLength(1), columns = m + n;

        // 1-based as in the classic formulation: u and v are the row and column potentials, p[j] the row holding
        // column j (0 for none), way[j] the previous column on the shortest augmenting path.
        var u = new long[n + 1];
        var v = new long[columns + 1];
        var p = new int[columns + 1];
        var way = new int[columns + 1];
        var minv = new long[columns + 1];
        var used = new bool[columns + 1];

        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            Array.Fill(minv, Infinity);
            Array.Clear(used);
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                var delta = Infinity;
                var row = i0 - 1;
                for (var j = 1; j <= columns; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    // Cost is the negated weight; a dummy column (j > m) weighs 0: the row stays unassigned.
                    var weight = j <= m ? weights[row, j - 1] : 0;
                    if (weight != Forbidden)
                    {
                        var current = -weight - u[i0] - v[j];
                        if (current < minv[j])
                        {
                            minv[j] = current;
                            way[j] = j0;
                        }
                    }

                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }

                for (var j = 0; j <= columns; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var assignment = new int[n];
        Array.Fill(assignment, -1);
        for (var j = 1; j <= m; j++)
        {
            if (p[j] != 0)
            {
                assignment[p[j] - 1] = j - 1;
            }
        }

        // A zero-weight pair ties with staying unassigned; report it as unassigned so the answer does not depend on
        // which of two equal optima the search reached.
        for (var i = 0; i < n; i++)
        {
            if (assignment[i] >= 0 && weights[i, assignment[i]] <= 0)
            {
                assignment[i] = -1;
            }
        }

        return assignment;
    }

    /// <summary>The total weight of an assignment (rows left unassigned add nothing).</summary>
    public static long Total(long[,] weights, IReadOnlyList<int> assignment)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(assignment);
        long total = 0;
        for (var i = 0; i < assignment.Count; i++)
        {
            if (assignment[i] >= 0)
            {
                total += weights[i, assignment[i]];
            }
        }

        return total;
    }
}
