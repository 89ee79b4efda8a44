using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace PharmaRag.Documents.Pdf;

/// <summary>
/// Horizontal and vertical rules from a page's vector paths: stroked lines, hairline filled
/// rectangles (how many generators draw table borders) and the edges of stroked or shaded boxes.
/// </summary>
internal static class RuleExtractor
{
    private const double Thin = 2.5;

    public static List<Rule> Extract(Page page)
    {
        var rules = new List<Rule>();
        var pageArea = page.Width * page.Height;
        foreach (var path in page.Paths)
        {
            if (path.IsClipping || (!path.IsFilled && !path.IsStroked))
            {
                continue;
            }
            foreach (var subpath in path)
            {
                if (subpath.GetBoundingRectangle() is not { } r)
                {
                    continue;
                }
                if (r.Height <= Thin && r.Width > Thin)
                {
                    rules.Add(new Rule(true, (r.Bottom + r.Top) / 2, r.Left, r.Right));
                }
                else if (r.Width <= Thin && r.Height > Thin)
                {
                    rules.Add(new Rule(false, (r.Left + r.Right) / 2, r.Bottom, r.Top));
                }
                else if (subpath.IsDrawnAsRectangle && r.Width * r.Height < 0.5 * pageArea)
                {
                    rules.Add(new Rule(true, r.Bottom, r.Left, r.Right));
                    rules.Add(new Rule(true, r.Top, r.Left, r.Right));
                    rules.Add(new Rule(false, r.Left, r.Bottom, r.Top));
                    rules.Add(new Rule(false, r.Right, r.Bottom, r.Top));
                }
                else if (path.IsStroked)
                {
                    AddLines(subpath, rules);
                }
            }
        }
        return rules;
    }

    private static void AddLines(PdfSubpath subpath, List<Rule> rules)
    {
        foreach (var command in subpath.Commands)
        {
            if (command is not PdfSubpath.Line line)
            {
                continue;
            }
            var (a, b) = (line.From, line.To);
            if (Math.Abs(a.Y - b.Y) < 1 && Math.Abs(a.X - b.X) > Thin)
            {
                rules.Add(new Rule(true, (a.Y + b.Y) / 2, Math.Min(a.X, b.X), Math.Max(a.X, b.X)));
            }
            else if (Math.Abs(a.X - b.X) < 1 && Math.Abs(a.Y - b.Y) > Thin)
            {
                rules.Add(new Rule(false, (a.X + b.X) / 2, Math.Min(a.Y, b.Y), Math.Max(a.Y, b.Y)));
            }
        }
    }
}
