using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Testing;

namespace PharmaRag.Documents.Tests;

/// <summary>Parsers refuse documents over PharmaRag:Limits before the expensive part, naming the limit.</summary>
public sealed class DocumentLimitTests
{
    private static IOptions<LimitsOptions> Limits(Action<LimitsOptions> set)
    {
        var limits = new LimitsOptions();
        set(limits);
        return Options.Create(limits);
    }

    public static TheoryData<string> OfficeKinds() => new() { "docx", "xlsx", "pptx" };

    [Theory]
    [MemberData(nameof(OfficeKinds))]
    public async Task An_office_package_inflating_past_the_limit_is_refused_naming_the_limit(string kind)
    {
        var bomb = OfficeBomb.Build(kind, inflatedBytes: 8L * 1024 * 1024);
        var limits = Limits(l => l.MaxPackageBytes = 4L * 1024 * 1024);

        var error = await Assert.ThrowsAsync<DocumentParseException>(() => Parser(kind, limits).ParseAsync(new MemoryStream(bomb), "bomb." + kind, CancellationToken.None));

        Assert.Contains("PharmaRag:Limits:MaxPackageBytes = 4194304", error.Message);
        Assert.Contains($"The {kind.ToUpperInvariant()} package declares", error.Message);
        Assert.True(bomb.Length < 256 * 1024, $"the bomb should be small on disk, was {bomb.Length} bytes");
    }

    [Theory]
    [MemberData(nameof(OfficeKinds))]
    public async Task The_same_package_within_the_limit_is_read(string kind)
    {
        var small = OfficeBomb.Build(kind, inflatedBytes: 64 * 1024);

        var parsed = await Parser(kind, Limits(l => l.MaxPackageBytes = 4L * 1024 * 1024)).ParseAsync(new MemoryStream(small), "small." + kind, CancellationToken.None);

        Assert.Contains(parsed.Blocks, b => b.Text.Contains("Warfarin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_package_with_too_many_entries_is_refused_before_its_directory_is_read()
    {
        var package = OfficeBomb.ManyEntries(300);

        var error = await Assert.ThrowsAsync<DocumentParseException>(() =>
            new DocxParser(Limits(l => l.MaxPackageEntries = 100)).ParseAsync(new MemoryStream(package), "many.docx", CancellationToken.None));

        Assert.Contains("The DOCX package has 303 entries, over the limit PharmaRag:Limits:MaxPackageEntries = 100", error.Message);
    }

    [Fact]
    public async Task A_package_whose_directory_understates_its_sizes_is_read_no_further_than_declared_and_fails_as_damaged()
    {
        var bomb = OfficeBomb.Build("docx", inflatedBytes: 8L * 1024 * 1024);
        ZipSizes.Understate(bomb, "word/document.xml", declared: 1000);

        var error = await Assert.ThrowsAsync<DocumentParseException>(() =>
            new DocxParser(Limits(l => l.MaxPackageBytes = 4L * 1024 * 1024)).ParseAsync(new MemoryStream(bomb), "liar.docx", CancellationToken.None));

        // The entry is read only as far as it claims, so the part is cut short: damaged, never inflated whole.
        Assert.StartsWith("The DOCX file is damaged and cannot be read (broken XML", error.Message);
    }

    [Fact]
    public async Task A_pdf_with_more_pages_than_allowed_is_refused_before_its_pages_are_read()
    {
        var pdf = ThousandPagePdf.Build(5000);

        var error = await Assert.ThrowsAsync<DocumentParseException>(() =>
            new PdfDocumentParser(limits: Limits(_ => { })).ParseAsync(new MemoryStream(pdf), "long.pdf", CancellationToken.None));

        Assert.Equal("The PDF has 5000 pages, over the limit PharmaRag:Limits:MaxPages = 2000. Split the document, or raise the limit.", error.Message);
    }

    [Fact]
    public async Task A_pdf_within_the_page_limit_is_read_whole()
    {
        var parsed = await new PdfDocumentParser().ParseAsync(new MemoryStream(ThousandPagePdf.Build(30)), "thirty.pdf", CancellationToken.None);

        Assert.Equal(30, parsed.Pages);
    }

    private static IDocumentParser Parser(string kind, IOptions<LimitsOptions> limits) => kind switch
    {
        "docx" => new DocxParser(limits),
        "xlsx" => new XlsxParser(limits),
        _ => new PptxParser(limits),
    };
}
