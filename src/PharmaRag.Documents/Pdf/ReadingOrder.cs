namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Orders a page's items for reading. It looks for a column gutter: an x position that many
/// items end left of and many start right of, crossed by few. Items crossing it (a title over
/// both columns, a wide table) cut the page into bands; within a band the left column is read
/// before the right, each column ordered the same way recursively; without a gutter, top to bottom.
/// One column's text therefore never interleaves with the other's.
/// </summary>
internal static class ReadingOrder
{
    private const double MinGutter = 4;

    public static List<LayoutItem> Sort(IReadOnlyList<LayoutItem> items)
    {
        var result = new List<LayoutItem>(items.Count);
        Order(items.ToList(), result, 0);
        return result;
    }

    private static void Order(List<LayoutItem> items, List<LayoutItem> result, int depth)
    {
        if (items.Count <= 1 || depth > 4 || FindGutter(items) is not { } gutter)
        {
            result.AddRange(items.OrderByDescending(i => Math.Round(i.Box.Top)).ThenBy(i => i.Box.Left));
            return;
        }
        var spanning = items.Where(i => i.Box.Left < gutter - 1 && i.Box.Right > gutter + 1).OrderByDescending(i => i.Box.Top).ToList();
        var rest = items.Except(spanning).ToList();
        var upper = double.PositiveInfinity;
        foreach (var cut in spanning.Append(null))
        {
            var lower = cut?.Box.Top ?? double.NegativeInfinity;
            var band = rest.Where(i => i.Box.Top <= upper && i.Box.Top > lower).ToList();
            Order(band.Where(i => i.Box.Right <= gutter + 1).ToList(), result, depth + 1);
            Order(band.Where(i => i.Box.Right > gutter + 1).ToList(), result, depth + 1);
            if (cut is not null)
            {
                result.Add(cut);
                upper = cut.Box.Top;
            }
        }
    }

    private static double? FindGutter(List<LayoutItem> items)
    {
        var left = items.Min(i => i.Box.Left);
        var right = items.Max(i => i.Box.Right);
        var total = items.Sum(i => i.Weight);
        double? best = null;
        var bestScore = 0.0;
        foreach (var x in items.Select(i => i.Box.Right + MinGutter / 2).Distinct())
        {
            if (x < left + 0.15 * (right - left) || x > right - 0.15 * (right - left))
            {
                continue;
            }
            var leftItems = items.Where(i => i.Box.Right <= x + 1).ToList();
            var rightItems = items.Where(i => i.Box.Left >= x + MinGutter / 2 - 1).ToList();
            var leftWeight = leftItems.Sum(i => i.Weight);
            var rightWeight = rightItems.Sum(i => i.Weight);
            var spanWeight = total - leftWeight - rightWeight;
            if (leftWeight < 3 || rightWeight < 3 || spanWeight > 0.3 * total || leftItems.Count + rightItems.Count < 2)
            {
                continue;
            }
            // Columns of text are wide; a narrow "column" is a label or table column, read across.
            var narrow = 0.25 * (right - left);
            if (leftItems.Max(i => i.Box.Right) - leftItems.Min(i => i.Box.Left) < narrow
                || rightItems.Max(i => i.Box.Right) - rightItems.Min(i => i.Box.Left) < narrow)
            {
                continue;
            }
            var gap = rightItems.Min(i => i.Box.Left) - leftItems.Max(i => i.Box.Right);
            var score = Math.Min(leftWeight, rightWeight) - 2.0 * spanWeight;
            if (gap >= MinGutter && score > bestScore)
            {
                (best, bestScore) = ((leftItems.Max(i => i.Box.Right) + rightItems.Min(i => i.Box.Left)) / 2, score);
            }
        }
        return best;
    }
}
