namespace PharmaRag.Documents.Pdf;

/// <summary>A drawn horizontal or vertical line segment: at <see cref="At"/> from <see cref="From"/> to <see cref="To"/>.</summary>
internal readonly record struct Rule(bool Horizontal, double At, double From, double To)
{
    public double Length => To - From;
}
