using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PharmaRag.Bench.Datasets;
using PharmaRag.Core.Documents;
using PharmaRag.Core.Ingestion;
using PharmaRag.Core.Ingestion.Steps;
using PharmaRag.Core.Storage;

namespace PharmaRag.Bench.Ingestion;

/// <summary>
/// Ingests a corpus through the real pipeline, as uploads would go: each document is put into the
/// object store and queued by <see cref="DocumentIntake"/>, while two <see cref="JobRunner"/>
/// loops (the server's default worker count) process jobs until none remains.
/// </summary>
public sealed partial class CorpusIngestor(BenchWorkspace workspace, ILogger<CorpusIngestor> logger)
{
    private const int RunnerLoops = 2;

    /// <summary>Ingests every document of <paramref name="set"/>; <paramref name="progress"/> receives the count of documents done.</summary>
    public async Task<IngestionResult> IngestAsync(BenchSet set, IProgress<int> progress, CancellationToken cancellationToken)
    {
        var keys = set.Documents.Select(d => $"bench/{set.Name}/{d.ObjectName}").ToArray();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Length)
        {
            // One key holding two documents would make the second retire the first.
            throw new BenchDataException($"Set {set.Name} names two documents alike; dataset ids must map to distinct object names.");
        }

        var map = new DocumentMap();
        var failures = new ConcurrentQueue<(string, string)>();
        var done = 0;
        void OneDone() => progress.Report(Interlocked.Increment(ref done));

        var clock = Stopwatch.StartNew();
        var searchable = new SearchableClock(clock);
        var producer = Task.Run(() => QueueAllAsync(set.Documents, keys, map, failures, OneDone, cancellationToken), cancellationToken);
        var runners = Enumerable.Range(0, RunnerLoops)
            .Select(i => RunJobsAsync($"bench/{Environment.ProcessId}/{i}", producer, OneDone, searchable, cancellationToken));
        await Task.WhenAll(runners.Append(producer));
        var seconds = clock.Elapsed.TotalSeconds;

        var stored = await workspace.Get<IRagStore>().ListDocumentsAsync(cancellationToken);
        foreach (var document in stored.Where(d => d.Status != DocumentStatus.Processed))
        {
            foreach (var datasetId in map.DatasetIdsOf(document.Id))
            {
                failures.Enqueue((datasetId, document.Error ?? document.Status.ToString()));
            }
        }
        foreach (var (datasetId, reason) in failures.Take(5))
        {
            LogFailed(set.Name, datasetId, reason);
        }
        var processed = stored.Where(d => d.Status == DocumentStatus.Processed).ToArray();
        LogIngested(set.Name, processed.Length, failures.Count, searchable.Seconds, seconds);
        return new IngestionResult(map, processed, failures.ToArray(), seconds, searchable.Seconds);
    }

    private async Task QueueAllAsync(
        IReadOnlyList<CorpusDocument> documents, string[] keys, DocumentMap map,
        ConcurrentQueue<(string, string)> failures, Action oneDone, CancellationToken cancellationToken)
    {
        var objects = workspace.Get<IObjectStore>();
        var intake = workspace.Get<DocumentIntake>();
        for (var i = 0; i < documents.Count; i++)
        {
            try
            {
                await using (var content = documents[i].OpenRead())
                {
                    await objects.PutAsync(keys[i], content, cancellationToken);
                }
                var result = await intake.ProcessKeyAsync(keys[i], force: false, cancellationToken);
                map.Add(documents[i].Id, result.Document.Id);
                if (!result.Queued)
                {
                    oneDone(); // the same bytes arrived under another id and are already queued
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                failures.Enqueue((documents[i].Id, ex.Message));
                oneDone();
            }
        }
    }

    private async Task RunJobsAsync(string owner, Task producer, Action oneDone, SearchableClock searchable, CancellationToken cancellationToken)
    {
        var runner = workspace.Get<JobRunner>();
        var jobs = workspace.Get<IJobQueue>();
        while (true)
        {
            if (await runner.RunNextAsync(owner, cancellationToken) is { } job)
            {
                searchable.Ran(job);
                oneDone();
                continue;
            }
            // Nothing runnable: the producer may still be queueing, the other loop may hold the
            // last job, or a job waits for its retry time.
            if (producer.IsCompleted && await jobs.CountPendingAsync(cancellationToken) == 0)
            {
                return;
            }
            await Task.Delay(producer.IsCompleted ? 100 : 10, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Set {Set}: {Documents} documents processed, {Failed} failed, searchable after {Searchable:0.0} s, all steps done in {Seconds:0.0} s")]
    private partial void LogIngested(string set, int documents, int failed, double searchable, double seconds);

    /// <summary>
    /// When the last job run that made a document searchable ended: a run that started before the
    /// document was processed (no step done yet, or one before retiring). Deferred background runs
    /// (describing, embedding, graph) come after every new document's, so they do not count.
    /// </summary>
    private sealed class SearchableClock(Stopwatch clock)
    {
        private static readonly int RetiringIndex = IngestionSteps.All.ToList().IndexOf(IngestionSteps.Retiring);
        private long _ticks;

        public double Seconds => TimeSpan.FromTicks(Interlocked.Read(ref _ticks)).TotalSeconds;

        public void Ran(ProcessingJob job)
        {
            if (job.LastStep is null || IngestionSteps.All.ToList().IndexOf(job.LastStep) < RetiringIndex)
            {
                var now = clock.Elapsed.Ticks;
                long seen;
                while ((seen = Interlocked.Read(ref _ticks)) < now && Interlocked.CompareExchange(ref _ticks, now, seen) != seen)
                {
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Set {Set}: document {DatasetId} was not processed: {Reason}")]
    private partial void LogFailed(string set, string datasetId, string reason);
}
