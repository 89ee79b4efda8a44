using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Diagnostics;
using PharmaRag.Core.Content;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion.Steps;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion;

/// <summary>
/// Runs the named steps of a job (see <see cref="IngestionSteps"/>) from the step after the last
/// one it completed. Each step's start and end are recorded with the job, so a crash or a failed
/// step resumes where it stopped instead of parsing again. After <see cref="IngestionSteps.Retiring"/>
/// the document is processed and the run stops, deferring the background steps behind other
/// documents' searchable-first steps. Every write is an upsert by deterministic id, so a step run
/// again converges on the same single copy.
/// </summary>
public sealed partial class DocumentIngestor(
    IRagStore store,
    IJobQueue jobs,
    IEnumerable<IIngestionStep> steps,
    DocumentRemover remover,
    RunningJobs running,
    IOptions<LimitsOptions> limits,
    TimeProvider clock,
    ILogger<DocumentIngestor> logger)
{
    private readonly Dictionary<string, IIngestionStep> _steps = steps.ToDictionary(s => s.Name);

    /// <summary>Runs the job's remaining steps until one fails, the document becomes searchable, or all are done.</summary>
    public async Task<PipelineRun> RunAsync(ProcessingJob job, CancellationToken cancellationToken)
    {
        var document = await store.GetDocumentAsync(job.DocumentId, cancellationToken);
        if (document is null)
        {
            return new PipelineRun(StepResult.Gone, null, false, false);
        }
        var context = new IngestionContext(document);
        var remaining = IngestionSteps.After(job.LastStep);
        for (var i = 0; i < remaining.Count; i++)
        {
            var name = remaining[i];
            var background = IngestionSteps.Background.Contains(name);
            var result = background || await store.UpdateStatusAsync(document.Id,
                    new DocumentStatusUpdate(DocumentStatus.Processing) { Step = name }, cancellationToken)
                ? await RunStepAsync(job, _steps[name], context, cancellationToken)
                : StepResult.Gone;
            if (result.Outcome == StepOutcome.Gone)
            {
                await remover.RemoveAsync(document.Id, cancellationToken);
                return new PipelineRun(result, name, background, false);
            }
            if (result.Outcome != StepOutcome.Success)
            {
                return new PipelineRun(result, name, background, false);
            }
            var rest = remaining.Skip(i + 1).ToArray();
            if (background && !await store.UpdateStatusAsync(document.Id,
                    new DocumentStatusUpdate(DocumentStatus.Processed) { PendingSteps = rest }, cancellationToken))
            {
                await remover.RemoveAsync(document.Id, cancellationToken);
                return new PipelineRun(StepResult.Gone, name, background, false);
            }
            if (name == IngestionSteps.Retiring && rest.Length > 0)
            {
                LogSearchable(document.Id, rest.Length);
                return new PipelineRun(result, name, false, Deferred: true);
            }
        }
        var final = await store.GetDocumentAsync(document.Id, cancellationToken);
        LogProcessed(document.Id, final?.Pages ?? 0, final?.Chunks ?? 0);
        return new PipelineRun(StepResult.Success, null, false, false);
    }

    /// <summary>Stops the document's running job, if any, then removes the document and everything derived from it.</summary>
    public async Task<bool> RemoveAsync(string documentId, CancellationToken cancellationToken)
    {
        await running.CancelAsync(documentId, cancellationToken);
        return await remover.RemoveAsync(documentId, cancellationToken);
    }

    private async Task<StepResult> RunStepAsync(ProcessingJob job, IIngestionStep step, IngestionContext context, CancellationToken cancellationToken)
    {
        using var activity = PharmaRagTelemetry.Source.StartActivity($"ingest {step.Name}");
        activity?.SetTag("pharmarag.document.id", context.Document.Id);
        activity?.SetTag("pharmarag.step", step.Name);
        var started = clock.GetTimestamp();
        var run = await jobs.StartStepAsync(job.Id, step.Name, cancellationToken);
        var budget = limits.Value.StepTimeout;
        using var overBudget = new CancellationTokenSource(budget, clock);
        using var stepToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, overBudget.Token);
        StepResult result;
        try
        {
            // WaitAsync: a step stuck where it does not watch the token is left behind, not waited for.
            result = await step.RunAsync(context, stepToken.Token).WaitAsync(stepToken.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down (or the document is being deleted): the run stays unfinished, and the
            // step runs again when the job resumes.
            throw;
        }
        catch (OperationCanceledException) when (overBudget.IsCancellationRequested)
        {
            result = StepResult.Fatal(LimitsOptions.Exceeded(nameof(LimitsOptions.StepTimeoutSeconds), limits.Value.StepTimeoutSeconds,
                $"The {step.Name} step took longer than {budget.TotalSeconds:0} s"));
        }
        catch (DocumentParseException ex)
        {
            result = StepResult.Fatal(ex.Message);
        }
        catch (Exception ex) when (step.Name == IngestionSteps.Parsing)
        {
            // Our own layout code failed on a file the PDF library read: a bug, not a damaged file,
            // and one that fails the same way on every retry.
            LogStepError(ex, context.Document.Id, step.Name);
            result = StepResult.Fatal(
                $"Internal error in the {step.Name} step ({ex.GetType().Name}); the file itself may be fine. This is a PharmaRag bug: please report it with the file.");
        }
        catch (Exception ex)
        {
            LogStepError(ex, context.Document.Id, step.Name);
            result = StepResult.Transient($"{ex.GetType().Name} in the {step.Name} step");
        }
        await jobs.FinishStepAsync(run, result.Outcome, result.Reason, CancellationToken.None);
        var outcome = result.Outcome.ToString().ToLowerInvariant();
        activity?.SetTag("pharmarag.step.outcome", outcome);
        if (result.Outcome is StepOutcome.Fatal or StepOutcome.Transient)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Reason);
        }
        PharmaRagTelemetry.StepDuration.Record(clock.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("pharmarag.step", step.Name), new KeyValuePair<string, object?>("pharmarag.step.outcome", outcome));
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} is searchable; {Steps} background step(s) pending")]
    private partial void LogSearchable(string documentId, int steps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Processed document {DocumentId}: {Pages} pages, {Chunks} chunks, every step done")]
    private partial void LogProcessed(string documentId, int pages, int chunks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: the {Step} step failed")]
    private partial void LogStepError(Exception error, string documentId, string step);
}
