namespace PharmaRag.Core.Content;

/// <summary>The kinds of item in a content list (RAG-Anything's text, table, image, equation).</summary>
public enum BlockKind
{
    Text,
    Table,
    Image,
    Equation,
}
