using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using PharmaRag.Core.Storage;

namespace PharmaRag.Testing.Conformance;

/// <summary>What every <see cref="IJobQueue"/> must do. Time is driven by a fake clock.</summary>
public abstract class JobQueueConformance
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>A fresh, empty, initialised queue that reads time from <paramref name="clock"/>.</summary>
    protected abstract Task<PortFixture<IJobQueue>> CreateAsync(TimeProvider clock);

    [Fact]
    public async Task Jobs_are_claimed_once_renewed_retried_and_completed()
    {
        var clock = new FakeTimeProvider();
        await using var f = await CreateAsync(clock);
        var jobs = f.Port;
        var document = SampleData.Document("e").Id;

        await jobs.EnqueueAsync(document, None);
        await jobs.EnqueueAsync(document, None);
        Assert.Equal(1, await jobs.CountPendingAsync(None));

        var job = await jobs.TryClaimAsync("worker-1", Minute, None);
        Assert.NotNull(job);
        Assert.Equal((document, 1), (job.DocumentId, job.Attempts));
        Assert.Null(await jobs.TryClaimAsync("worker-2", Minute, None));

        // A job queued while one runs for the same document waits for it.
        await jobs.EnqueueAsync(document, None);
        Assert.Null(await jobs.TryClaimAsync("worker-2", Minute, None));

        // A renewed lease outlives the original one.
        clock.Advance(TimeSpan.FromSeconds(50));
        await jobs.RenewLeaseAsync(job.Id, "worker-1", Minute, None);
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Null(await jobs.TryClaimAsync("worker-2", Minute, None));

        await jobs.FailAsync(job.Id, "transient", clock.GetUtcNow().AddSeconds(30), None);
        var queued = await jobs.TryClaimAsync("worker-2", Minute, None);
        Assert.NotNull(queued);
        Assert.NotEqual(job.Id, queued.Id);
        await jobs.CompleteAsync(queued.Id, None);
        Assert.Null(await jobs.TryClaimAsync("worker-2", Minute, None));

        clock.Advance(TimeSpan.FromSeconds(31));
        var retried = await jobs.TryClaimAsync("worker-3", Minute, None);
        Assert.NotNull(retried);
        Assert.Equal((job.Id, 2, "transient"), (retried.Id, retried.Attempts, retried.LastError));
        await jobs.FailAsync(retried.Id, "fatal", retryAt: null, None);
        Assert.Equal(0, await jobs.CountPendingAsync(None));
        Assert.Null(await jobs.TryClaimAsync("worker-3", Minute, None));
    }

    [Fact]
    public async Task An_expired_lease_lets_another_worker_take_the_job()
    {
        var clock = new FakeTimeProvider();
        await using var f = await CreateAsync(clock);
        var jobs = f.Port;
        await jobs.EnqueueAsync(SampleData.Document("f").Id, None);

        var first = await jobs.TryClaimAsync("dead-worker", Minute, None);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Null(await jobs.TryClaimAsync("live-worker", Minute, None));
        clock.Advance(TimeSpan.FromSeconds(2));
        var second = await jobs.TryClaimAsync("live-worker", Minute, None);

        Assert.NotNull(second);
        Assert.Equal(first!.Id, second.Id);
        Assert.Equal(2, second.Attempts);
        // The dead worker's renewal no longer extends a lease it lost.
        await jobs.RenewLeaseAsync(first.Id, "dead-worker", TimeSpan.FromHours(1), None);
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.NotNull(await jobs.TryClaimAsync("third-worker", Minute, None));
    }

    [Fact]
    public async Task Releasing_leases_makes_interrupted_jobs_runnable()
    {
        var clock = new FakeTimeProvider();
        await using var f = await CreateAsync(clock);
        var jobs = f.Port;
        await jobs.EnqueueAsync(SampleData.Document("r").Id, None);
        var job = await jobs.TryClaimAsync("stopped-worker", Minute, None);
        Assert.NotNull(job);

        // A one-process store owns every lease, so all are released at once; a shared store only
        // releases leases that ran out, since live ones belong to other replicas.
        var released = await jobs.ReleaseAllLeasesAsync(None);
        if (f.OpenReplica is null)
        {
            Assert.Equal(1, released);
        }
        else
        {
            Assert.Equal(0, released);
            Assert.Null(await jobs.TryClaimAsync("restarted-worker", Minute, None));
            clock.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal(1, await jobs.ReleaseAllLeasesAsync(None));
        }
        var again = await jobs.TryClaimAsync("restarted-worker", Minute, None);
        Assert.Equal(job.Id, again?.Id);
        Assert.Equal(1, await jobs.CountPendingAsync(None));
    }

    [Fact]
    public async Task Concurrent_workers_each_take_different_jobs()
    {
        var clock = new FakeTimeProvider();
        await using var f = await CreateAsync(clock);
        var documents = Enumerable.Range(0, 12).Select(i => SampleData.Document($"w{i}").Id).ToArray();
        foreach (var document in documents)
        {
            await f.Port.EnqueueAsync(document, None);
        }
        // Workers on other replicas use their own connections to the same store.
        var queues = Enumerable.Range(0, 4).Select(_ => f.OpenReplica?.Invoke() ?? f.Port).ToArray();
        var claimed = new ConcurrentBag<(string Worker, ProcessingJob Job)>();

        await Task.WhenAll(queues.Select((queue, worker) => Task.Run(async () =>
        {
            while (await queue.TryClaimAsync($"worker-{worker}", Minute, None) is { } job)
            {
                claimed.Add(($"worker-{worker}", job));
            }
        })));

        Assert.Equal(documents.Order(), claimed.Select(c => c.Job.DocumentId).Order());
        Assert.All(claimed, c => Assert.Equal(1, c.Job.Attempts));
        Assert.Equal(12, await f.Port.CountPendingAsync(None));
    }
}
