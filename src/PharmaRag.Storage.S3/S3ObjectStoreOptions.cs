using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Storage.S3;

/// <summary>Where objects live in S3 (section PharmaRag:Objects:S3).</summary>
public sealed class S3ObjectStoreOptions
{
    public const string Section = "PharmaRag:Objects:S3";

    [Required(ErrorMessage = "PharmaRag:Objects:S3:Bucket is required when PharmaRag:Objects:Provider is s3.")]
    public string? Bucket { get; set; }

    /// <summary>Key prefix inside the bucket (for example "pharmarag/"); every object of this system lives under it.</summary>
    [RegularExpression("^$|^[^/].*", ErrorMessage = "PharmaRag:Objects:S3:Prefix must not start with '/'.")]
    public string? Prefix { get; set; }

    /// <summary>The bucket's region; when unset, the SDK's own resolution (AWS_REGION, profile, instance metadata).</summary>
    public string? Region { get; set; }

    /// <summary>An S3-compatible endpoint instead of AWS (for example http://127.0.0.1:4568).</summary>
    [Url(ErrorMessage = "PharmaRag:Objects:S3:ServiceUrl must be an absolute URL.")]
    public string? ServiceUrl { get; set; }

    /// <summary>Path-style addressing (endpoint/bucket/key), which most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>The prefix with exactly one trailing slash, or empty.</summary>
    public string NormalizedPrefix => string.IsNullOrEmpty(Prefix) ? "" : Prefix.TrimEnd('/') + "/";
}
