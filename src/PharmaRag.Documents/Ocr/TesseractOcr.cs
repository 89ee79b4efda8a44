namespace PharmaRag.Documents.Ocr;

/// <summary>
/// Optical character recognition with the tesseract command, when it is installed. Scanned PDF
/// pages are first rendered to an image with poppler's pdftoppm. At most <see cref="MaxProcesses"/>
/// OCR processes run at once in this process, whoever asks (each is single-threaded).
/// </summary>
public sealed class TesseractOcr
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim _slots = new(Environment.ProcessorCount, Environment.ProcessorCount);
    private readonly string? _tesseract;
    private readonly string? _pdftoppm;

    /// <summary>OCR with the tools found on PATH.</summary>
    public TesseractOcr()
        : this(ExternalTool.Find("tesseract"), ExternalTool.Find("pdftoppm"))
    {
    }

    private TesseractOcr(string? tesseract, string? pdftoppm)
    {
        _tesseract = tesseract;
        _pdftoppm = pdftoppm;
    }

    /// <summary>OCR switched off, as on a machine without tesseract (benchmarks compare both).</summary>
    public static TesseractOcr Disabled() => new(null, null);

    /// <summary>OCR processes run at the same time: one per core.</summary>
    public int MaxProcesses { get; } = Environment.ProcessorCount;

    /// <summary>True when images can be read.</summary>
    public bool IsAvailable => _tesseract is not null;

    /// <summary>True when scanned PDF pages can be read.</summary>
    public bool CanReadPdfPages => _tesseract is not null && _pdftoppm is not null;

    /// <summary>The text in an image file (PNG, JPEG, TIFF...), paragraphs separated by blank lines.</summary>
    public async Task<string> ReadImageAsync(string imagePath, CancellationToken cancellationToken)
    {
        var tesseract = _tesseract ?? throw new InvalidOperationException("tesseract is not installed.");
        await _slots.WaitAsync(cancellationToken);
        try
        {
            var text = await ExternalTool.RunAsync(tesseract, [imagePath, "stdout", "-l", "eng", "--psm", "3"], Timeout, cancellationToken);
            return text.Replace("\f", "").Trim();
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>The text of encoded image bytes.</summary>
    public async Task<string> ReadImageAsync(byte[] image, string extension, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pharmarag-ocr-{Guid.NewGuid():N}{extension}");
        await File.WriteAllBytesAsync(path, image, cancellationToken);
        try
        {
            return await ReadImageAsync(path, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Renders page <paramref name="page"/> of a PDF at 300 dpi and reads it.</summary>
    public async Task<string> ReadPdfPageAsync(string pdfPath, int page, CancellationToken cancellationToken)
    {
        var pdftoppm = _pdftoppm ?? throw new InvalidOperationException("pdftoppm is not installed.");
        var prefix = Path.Combine(Path.GetTempPath(), $"pharmarag-page-{Guid.NewGuid():N}");
        var image = prefix + ".png";
        try
        {
            await _slots.WaitAsync(cancellationToken);
            try
            {
                await ExternalTool.RunAsync(pdftoppm,
                    ["-f", page.ToString(), "-l", page.ToString(), "-r", "300", "-gray", "-png", "-singlefile", pdfPath, prefix],
                    Timeout, cancellationToken);
            }
            finally
            {
                _slots.Release();
            }
            return await ReadImageAsync(image, cancellationToken);
        }
        finally
        {
            File.Delete(image);
        }
    }
}
