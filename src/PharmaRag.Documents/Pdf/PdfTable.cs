using PharmaRag.Core.Content;

namespace PharmaRag.Documents.Pdf;

/// <summary>A table found on a page: its cells and the x positions of its column boundaries.</summary>
internal sealed record PdfTable(BoundingBox Box, string[][] Rows, int HeaderRows, double Size, IReadOnlyList<double> ColumnEdges);
