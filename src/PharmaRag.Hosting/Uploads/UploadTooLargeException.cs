namespace PharmaRag.Server.Uploads;

/// <summary>An upload sent more bytes than its URL allows.</summary>
public sealed class UploadTooLargeException(long limit) : IOException($"The upload is larger than the {limit} bytes its URL allows.")
{
    public long Limit { get; } = limit;
}
