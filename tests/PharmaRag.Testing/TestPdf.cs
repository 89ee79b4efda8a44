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
        var pdf = new StringBuilder("%PDF-1.6\n");
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
        var id = new string('c', 32);
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<{id}> <{id}>] >>\n");
        pdf.Append($"startxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>Bytes that start like a PDF and then are garbage.</summary>
    public static byte[] Corrupt() =>
        Encoding.ASCII.GetBytes("%PDF-1.7\n" + string.Concat(Enumerable.Repeat("garbage \u0001\u0002 not an object ", 200)));
}
