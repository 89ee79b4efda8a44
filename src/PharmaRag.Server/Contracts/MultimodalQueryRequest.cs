namespace PharmaRag.Server.Contracts;

/// <summary>A question with tables, equations or images (RAG-Anything's aquery_with_multimodal).</summary>
public sealed record MultimodalQueryRequest(
    string? Query, string? Mode, int? TopK, IReadOnlyList<string>? DocumentIds, IReadOnlyList<MultimodalContent>? MultimodalContent);

/// <summary>One item: type table (table_data, table_caption), equation (latex, equation_caption) or image (image_base64, image_caption).</summary>
public sealed record MultimodalContent(
    string? Type, string? TableData, string? TableCaption, string? Latex, string? EquationCaption, string? ImageBase64, string? ImageCaption);
