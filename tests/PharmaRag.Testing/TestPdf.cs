using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace PharmaRag.Testing;

/// <summary>Builds small PDFs for tests with PdfPig's document builder.</summary>
public static class TestPdf
{
    private const double Left = 50;
    private const double Top = 780;
    private const double LineHeight = 14;

    /// <summary>One page per entry; each page's lines are drawn top to bottom in one column.</summary>
    public static byte[] Pages(params string[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            for (var i = 0; i < lines.Length; i++)
            {
                page.AddText(lines[i], 10, new PdfPoint(Left, Top - i * LineHeight), font);
            }
        }
        return builder.Build();
    }

    /// <summary>A page with two columns of lines, far enough apart to be read as separate columns.</summary>
    public static byte[] TwoColumns(string[] leftColumn, string[] rightColumn)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        for (var i = 0; i < leftColumn.Length; i++)
        {
            page.AddText(leftColumn[i], 9, new PdfPoint(40, Top - i * 12), font);
        }
        for (var i = 0; i < rightColumn.Length; i++)
        {
            page.AddText(rightColumn[i], 9, new PdfPoint(320, Top - i * 12), font);
        }
        return builder.Build();
    }

    /// <summary>A document of <paramref name="count"/> pages, each with a few sentences naming its page number.</summary>
    public static byte[] Numbered(int count, string topic = "sample")
    {
        var pages = Enumerable.Range(1, count).Select(n => new[]
        {
            $"Section {n}: notes on the {topic} study, page marker pg{n}marker.",
            $"Participants on page {n} received the study drug as described in the protocol.",
            "Adverse events were recorded at every visit and reviewed by the safety board.",
            "Laboratory values were within normal limits for most participants.",
        }).ToArray();
        return Pages(pages);
    }

    /// <summary>
    /// A PDF whose trailer names a standard security handler whose password check fails for the
    /// empty password: what a reader sees for a password-protected file.
    /// </summary>
    public static byte[] Encrypted()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 " +
            "/O <" + new string('a', 64) + "> /U <" + new string('b', 64) + "> >>",
        };
        var id = new string('c', 32);
        return RawPdf("1.6", objects, $"/Encrypt 4 0 R /ID [<{id}> <{id}>]");
    }

    /// <summary>Bytes that start like a PDF and then are garbage.</summary>
    public static byte[] Corrupt() =>
        Encoding.ASCII.GetBytes("%PDF-1.7\n" + string.Concat(Enumerable.Repeat("garbage \u0001\u0002 not an object ", 200)));

    /// <summary>
    /// A page with a caption "Table 1: ...", a ruled table (every cell boxed by drawn lines, cells
    /// set tight together), a footnote under it, and body text above and below.
    /// </summary>
    public static byte[] RuledTable(string caption, string[][] rows, string footnote)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText("The table below lists the adverse reactions seen in the trial.", 10, new PdfPoint(Left, Top), font);
        page.AddText(caption, 10, new PdfPoint(Left, Top - 30), font);
        var top = Top - 40;
        DrawTable(page, font, rows, top);
        var below = top - rows.Length * TableRowHeight;
        page.AddText(footnote, 7, new PdfPoint(Left, below - 10), font);
        page.AddText("Other reactions were mild and resolved without treatment in most patients.", 10, new PdfPoint(Left, below - 50), font);
        return builder.Build();
    }

    /// <summary>
    /// Pages with a running header and footer, bold numbered headings, a word hyphenated at a
    /// line end, and a formula.
    /// </summary>
    public static byte[] Structured(int pageCount)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        for (var n = 1; n <= pageCount; n++)
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddText("ACME Pharma Label Revised 05/2024", 8, new PdfPoint(Left, 815), font);
            page.AddText($"Page {n} of {pageCount}", 8, new PdfPoint(280, 20), font);
            var y = Top;
            page.AddText($"{n} DOSAGE SECTION {n}", 12, new PdfPoint(Left, y), bold);
            page.AddText($"{n}.1 Dosage in Renal Impairment {n}", 10, new PdfPoint(Left, y -= 24), bold);
            page.AddText("Patients with severe renal impairment need a dose adjust-", 10, new PdfPoint(Left, y -= 18), font);
            page.AddText("ment before treatment starts, as the adjustment keeps levels safe.", 10, new PdfPoint(Left, y -= 12), font);
            page.AddText("CLcr = (140 - age) x weight / (72 x SCr)", 10, new PdfPoint(Left + 60, y -= 30), font);
            page.AddText($"Monitoring continues every week on page {n} of the study.", 10, new PdfPoint(Left, y -= 30), font);
        }
        return builder.Build();
    }

    /// <summary>A page holding only an image (a scan): no text layer.</summary>
    public static byte[] ImageOnly(byte[] png)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        page.AddPng(png, new PdfRectangle(40, 400, 560, 800));
        return builder.Build();
    }

    /// <summary>A ruled table that fills the bottom of page 1 and continues at the top of page 2.</summary>
    public static byte[] TwoTablePages(string[][] first, string[][] second)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText("Table 2: Adverse reactions by dose", 10, new PdfPoint(Left, 140), font);
        DrawTable(page, font, first, 130);
        DrawTable(builder.AddPage(PageSize.A4), font, second, Top);
        return builder.Build();
    }

    /// <summary>
    /// A title page (its lines), then a page with body lines and under them a captioned ruled
    /// table: a label or protocol whose table never repeats the document's name.
    /// </summary>
    public static byte[] TitledTable(string[] titleLines, string[] bodyLines, string caption, string[][] rows)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var title = builder.AddPage(PageSize.A4);
        for (var i = 0; i < titleLines.Length; i++)
        {
            title.AddText(titleLines[i], 10, new PdfPoint(Left, Top - i * LineHeight), font);
        }
        var page = builder.AddPage(PageSize.A4);
        for (var i = 0; i < bodyLines.Length; i++)
        {
            page.AddText(bodyLines[i], 10, new PdfPoint(Left, Top - i * LineHeight), font);
        }
        var captionY = Top - bodyLines.Length * LineHeight - 30;
        page.AddText(caption, 10, new PdfPoint(Left, captionY), font);
        DrawTable(page, font, rows, captionY - 10);
        return builder.Build();
    }

    private const double TableRowHeight = 18;

    /// <summary>
    /// A captioned ruled table drawn without side borders: rules between rows run the full width,
    /// column rules only between columns (so the row labels on the left have no rule beside them).
    /// </summary>
    public static byte[] OpenSidedTable(string caption, string[][] rows)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText(caption, 10, new PdfPoint(Left, Top), font);
        DrawTable(page, font, rows, Top - 10, sideBorders: false);
        return builder.Build();
    }

    /// <summary>
    /// A captioned ruled table whose first row has headings spanning columns: an empty cell in
    /// that row has no column rule on its left, so the heading before it spans it.
    /// </summary>
    public static byte[] SpannedHeaderTable(string caption, string[][] rows)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText(caption, 10, new PdfPoint(Left, Top), font);
        DrawTable(page, font, rows, Top - 10, spanFirstRow: true);
        return builder.Build();
    }

    /// <summary>
    /// A page of 8-point text pieces each at its own position (x, baseline) and horizontal rules
    /// (y, from x, to x): tables printed without column rules, laid out exactly as a journal or a
    /// label sets them.
    /// </summary>
    public static byte[] Placed(IEnumerable<(double X, double Y, string Text)> pieces, IEnumerable<(double Y, double From, double To)> rules)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        foreach (var (x, y, text) in pieces)
        {
            page.AddText(text, 8, new PdfPoint(x, y), font);
        }
        foreach (var (y, from, to) in rules)
        {
            page.DrawLine(new PdfPoint(from, y), new PdfPoint(to, y), 0.5);
        }
        return builder.Build();
    }

    /// <summary>
    /// A table printed without rules whose cells are centred on their column's middle (so their
    /// left edges do not line up), one 8-point row every 13 points, a caption above it.
    /// </summary>
    public static byte[] CentredTable(string caption, string[][] rows, double[] middles)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText(caption, 10, new PdfPoint(Left, Top), font);
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var y = Top - 20 - r * 13;
                var letters = page.MeasureText(rows[r][c], 8, new PdfPoint(0, y), font);
                var width = letters.Count == 0 ? 0 : letters.Max(l => l.BoundingBox.Right) - letters.Min(l => l.BoundingBox.Left);
                page.AddText(rows[r][c], 8, new PdfPoint(middles[c] - width / 2, y), font);
            }
        }
        return builder.Build();
    }

    /// <summary>
    /// A journal page: two justified 9-point columns of <paramref name="width"/> points set only
    /// <paramref name="gutter"/> points apart (about one em), their lines on the same baselines.
    /// Each text is wrapped to the column and every line but a paragraph's last is stretched to
    /// the full width by widening its word spaces, as typesetters do.
    /// </summary>
    public static byte[] JustifiedColumns(string leftText, string rightText, double width = 240, double gutter = 12)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        Justify(page, font, leftText, Left, width);
        Justify(page, font, rightText, Left + width + gutter, width);
        return builder.Build();
    }

    private static void Justify(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font, string text, double x, double width)
    {
        const double size = 9;
        double Measure(string s)
        {
            var letters = page.MeasureText(s, size, new PdfPoint(0, 0), font);
            return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        }
        var lines = new List<List<string>>();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (lines.Count > 0 && Measure(string.Join(' ', lines[^1].Append(word))) <= width)
            {
                lines[^1].Add(word);
            }
            else
            {
                lines.Add([word]);
            }
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var y = Top - i * 11;
            var words = lines[i];
            var space = Measure("a a") - Measure("aa");
            if (i < lines.Count - 1 && words.Count > 1)
            {
                space = (width - words.Sum(Measure)) / (words.Count - 1);
            }
            var at = x;
            foreach (var word in words)
            {
                page.AddText(word, size, new PdfPoint(at, y), font);
                at += Measure(word) + space;
            }
        }
    }

    private static void DrawTable(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font, string[][] rows, double top, bool sideBorders = true, bool spanFirstRow = false, int undrawnRule = -1, int[]? openRowRules = null)
    {
        const double rowHeight = TableRowHeight;
        const double columnWidth = 110;
        var columns = rows[0].Length;
        for (var r = 0; r <= rows.Length; r++)
        {
            // A row rule in openRowRules starts after the first column, whose cell spans it.
            var from = openRowRules?.Contains(r) == true ? Left + columnWidth : Left;
            page.DrawLine(new PdfPoint(from, top - r * rowHeight), new PdfPoint(Left + columns * columnWidth, top - r * rowHeight), 0.5);
        }
        for (var c = sideBorders ? 0 : 1; c <= (sideBorders ? columns : columns - 1); c++)
        {
            if (c == undrawnRule)
            {
                // Only the joints are drawn: a half-point mark where each row rule meets the column.
                for (var r = 0; r <= rows.Length; r++)
                {
                    page.DrawRectangle(new PdfPoint(Left + c * columnWidth - 0.25, top - r * rowHeight - 0.25), 0.5, 0.5, 0.5, fill: true);
                }
                continue;
            }
            var from = spanFirstRow && c < columns && rows[0][c].Length == 0 ? top - rowHeight : top;
            page.DrawLine(new PdfPoint(Left + c * columnWidth, from), new PdfPoint(Left + c * columnWidth, top - rows.Length * rowHeight), 0.5);
        }
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                page.AddText(rows[r][c], 9, new PdfPoint(Left + c * columnWidth + 3, top - r * rowHeight - 13), font);
            }
        }
    }

    /// <summary>
    /// A page of body lines whose last line, at the foot of the page, is a table's caption, and a
    /// second page that starts with the ruled table: the caption and its table printed on two pages.
    /// </summary>
    public static byte[] CaptionAtPageFoot(string[] bodyLines, string caption, string[][] rows)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var first = builder.AddPage(PageSize.A4);
        for (var i = 0; i < bodyLines.Length; i++)
        {
            first.AddText(bodyLines[i], 10, new PdfPoint(Left, Top - i * LineHeight), font);
        }
        first.AddText(caption, 10, new PdfPoint(Left, 60), font);
        DrawTable(builder.AddPage(PageSize.A4), font, rows, Top);
        return builder.Build();
    }

    /// <summary>
    /// A page with a caption, a ruled table, and right under it a list of the table's
    /// abbreviations over several lines, printed as large as the table's cells and with no
    /// footnote mark ("SCLC, small cell lung cancer; ..."), then body text.
    /// </summary>
    public static byte[] TableWithGlossary(string caption, string[][] rows, string[] glossaryLines)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText(caption, 10, new PdfPoint(Left, Top), font);
        var top = Top - 10;
        DrawTable(page, font, rows, top);
        var below = top - rows.Length * TableRowHeight;
        for (var i = 0; i < glossaryLines.Length; i++)
        {
            page.AddText(glossaryLines[i], 9, new PdfPoint(Left, below - 10 - i * 11), font);
        }
        page.AddText("Responses were assessed by the investigators every eight weeks.", 10, new PdfPoint(Left, below - 40 - glossaryLines.Length * 11), font);
        return builder.Build();
    }

    /// <summary>
    /// A ruled table whose row rules numbered in <paramref name="openRowRules"/> (0 is the top
    /// rule) are drawn only across the columns after the first: its first-column cell spans those
    /// rows, its text printed once in the middle one. Body text follows.
    /// </summary>
    public static byte[] TableWithRowSpans(string[][] rows, int[] openRowRules) => CaptionedTable(
        "Table 2 Recommended rate of infusion", rows, "Administer the diluted solution at the rate in Table 2.", openRowRules: openRowRules);

    /// <summary>
    /// A ruled table that draws the column rule on the left of column <paramref name="undrawnRule"/>
    /// only as marks where it meets the row rules, as a label's PK table does, then body text.
    /// </summary>
    public static byte[] TableWithUndrawnRule(string[][] rows, int undrawnRule) => CaptionedTable(
        "Table 11 Pharmacokinetic properties", rows, "Exposure was similar across studies.", undrawnRule: undrawnRule);

    /// <summary>A caption, a ruled table drawn by <see cref="DrawTable"/> and a line of body text below it.</summary>
    private static byte[] CaptionedTable(string caption, string[][] rows, string after, int undrawnRule = -1, int[]? openRowRules = null)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText(caption, 10, new PdfPoint(Left, Top), font);
        var top = Top - 10;
        DrawTable(page, font, rows, top, undrawnRule: undrawnRule, openRowRules: openRowRules);
        page.AddText(after, 10, new PdfPoint(Left, top - rows.Length * TableRowHeight - 30), font);
        return builder.Build();
    }

    /// <summary>
    /// A ruled table whose caption's label ("Table 5") and title are set on one line a tab apart,
    /// the title three ems to the right of the label, then body text.
    /// </summary>
    public static byte[] TableWithTabbedCaption(string label, string title, string[][] rows)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText(label, 10, new PdfPoint(Left, Top), font);
        page.AddText(title, 10, new PdfPoint(Left + 70, Top), font);
        var top = Top - 10;
        DrawTable(page, font, rows, top);
        page.AddText("Adverse reactions were graded by the investigators.", 10, new PdfPoint(Left, top - rows.Length * TableRowHeight - 30), font);
        return builder.Build();
    }

    /// <summary>
    /// One line in a TrueType font that is not embedded (PdfPig then reads letters through the
    /// ToUnicode map, as it does for embedded fonts; for a standard 14 font it ignores the map) whose ToUnicode map sends the codes of the capitals in
    /// <paramref name="miscased"/> to their small letters, as some producers write it: the page
    /// prints the capitals, a reader trusting the map reads "HeR2-Adc". Capitals are 667 units wide,
    /// small letters 500, so the code a letter was drawn with shows in its width.
    /// </summary>
    public static byte[] MiscasedToUnicode(string text, string miscased)
    {
        var widths = string.Join(' ', Enumerable.Range(32, 91).Select(c => c == ' ' ? 278 : char.IsAsciiLetterUpper((char)c) ? 667 : char.IsAsciiLetterLower((char)c) ? 500 : 556));
        var map = string.Concat(Enumerable.Range(32, 91).Select(c =>
            $"<{c:X2}> <{(miscased.Contains((char)c) ? char.ToLowerInvariant((char)c) : c):X4}>\n"));
        var cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /Test-UCS def /CMapType 2 def\n"
            + "1 begincodespacerange <00> <FF> endcodespacerange\n91 beginbfchar\n" + map + "endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n";
        var content = $"BT /F1 12 Tf 50 700 Td ({text}) Tj ET\n";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            $"<< /Type /Font /Subtype /TrueType /BaseFont /TestSans /FontDescriptor 7 0 R /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 122 /Widths [{widths}] /ToUnicode 6 0 R >>",
            $"<< /Length {content.Length} >>\nstream\n{content}endstream",
            $"<< /Length {cmap.Length} >>\nstream\n{cmap}endstream",
            "<< /Type /FontDescriptor /FontName /TestSans /Flags 32 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
        };
        return RawPdf("1.4", objects, "");
    }

    /// <summary>
    /// Text in a TrueType font that is not embedded and whose descriptor gives Arial's bounding box
    /// ([-665 -325 2000 1006], 2.7 em wide): without outlines PdfPig gives every glyph that box.
    /// Each of <paramref name="runs"/> is drawn at its own x on one baseline (size 12, no space
    /// glyph between runs); a run whose <c>Standard</c> is true is drawn in Helvetica instead, whose
    /// glyph boxes PdfPig knows, as a label mixes a subset font with a non-embedded one.
    /// Letters are 500 units wide (6 points) in the non-embedded font.
    /// </summary>
    public static byte[] FontBoxGlyphs(params (double X, string Text, bool Standard)[] runs)
    {
        var widths = string.Join(' ', Enumerable.Range(32, 91).Select(c => c == ' ' ? 278 : 500));
        var content = string.Concat(runs.Select(r => $"BT /{(r.Standard ? "F2" : "F1")} 12 Tf {r.X:0.##} 700 Td ({r.Text}) Tj ET\n"));
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 6 0 R >> >> /Contents 5 0 R >>",
            $"<< /Type /Font /Subtype /TrueType /BaseFont /ArialMT /FontDescriptor 7 0 R /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 122 /Widths [{widths}] >>",
            $"<< /Length {content.Length} >>\nstream\n{content}endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /FontDescriptor /FontName /ArialMT /Flags 32 /FontBBox [-665 -325 2000 1006] /ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 80 >>",
        };
        return RawPdf("1.4", objects, "");
    }

    // A PDF written object by object (numbered from 1, the first the catalog) with its
    // cross-reference table, for fixtures the PDF builder cannot make.
    private static byte[] RawPdf(string version, string[] objects, string trailerEntries)
    {
        var pdf = new StringBuilder($"%PDF-{version}\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R {trailerEntries} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
