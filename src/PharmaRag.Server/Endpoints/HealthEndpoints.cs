using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Ingestion.Steps;
using PharmaRag.Core.Storage;
using PharmaRag.Documents.Ocr;
using PharmaRag.Models;
using PharmaRag.Server.Contracts;
using PharmaRag.Server.Hosting;

namespace PharmaRag.Server.Endpoints;

/// <summary>Health in the original's shape, with what each component is.</summary>
public static class HealthEndpoints
{
    public const string ServiceName = ServiceIdentity.Name;

    public static readonly string Version = ServiceIdentity.Version;

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealthAsync)
            .WithName("Health").WithSummary("Service and component health, and running compute tasks").WithTags("Health");
        return app;
    }

    internal static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> GetHealthAsync(
        IEnumerable<IStoreInitializer> stores, IObjectStore objects, IJobQueue jobs, IRagStore documents, IVectorIndex vectors, ChunkEmbedder embedder,
        TesseractOcr ocr, ModelSelection models,
        RequestActivity activity, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var components = new Dictionary<string, ComponentHealth>();
        var healthy = true;
        JobsHealth? jobsHealth = null;
        try
        {
            var pending = await jobs.CountPendingAsync(cancellationToken);
            var all = pending == 0 ? [] : await documents.ListDocumentsAsync(cancellationToken);
            var background = all.Where(d => d.PendingSteps.Count > 0).ToArray();
            jobsHealth = new JobsHealth(pending)
            {
                PendingSteps = background.ToDictionary(d => d.Id, d => d.PendingSteps),
                Vectors = pending == 0 ? null : new VectorProgress(
                    all.Where(d => d.Status == DocumentStatus.Processed).Sum(d => d.Chunks),
                    await vectors.CountAsync(cancellationToken),
                    background.Count(d => d.PendingSteps.Contains(IngestionSteps.Embedding)),
                    embedder.ModelSignature),
            };
            components["store"] = new ComponentHealth("ok", $"{string.Join("; ", stores.Select(s => s.Description))}; {pending} job(s) pending");
        }
        catch (Exception ex)
        {
            healthy = false;
            // The cause goes to the log; /health is open, so it names only the kind of failure.
            loggers.CreateLogger(typeof(HealthEndpoints)).LogWarning(ex, "Health check: the store did not answer");
            components["store"] = new ComponentHealth("error", $"the store did not answer ({ex.GetType().Name}); the cause is in the server log");
        }
        components["object_store"] = new ComponentHealth("ok", objects.Description);
        components["models"] = new ComponentHealth("ok", models.Summary + "; cl100k_base tokenizer");
        components["ocr"] = ocr.CanReadPdfPages
            ? new ComponentHealth("ok", "tesseract and pdftoppm: scanned pages and images are read")
            : ocr.IsAvailable
                ? new ComponentHealth("partial", "tesseract without pdftoppm: images are read, scanned PDF pages are not")
                : new ComponentHealth("unavailable", "tesseract is not installed; scanned pages and images cannot be read");

        var tasks = new EcsTasks(1, 1, [$"local:{Environment.MachineName}/{Environment.ProcessId}"]);
        var body = new HealthResponse(healthy ? "healthy" : "unhealthy", ServiceName, Version, components, tasks, jobsHealth,
            new ActivityHealth(activity.InFlight, activity.LastRequestAt, Math.Round(activity.IdleFor.TotalSeconds, 1)));
        return healthy ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
