namespace Smctl.Core.Workspace.Shared;

/// <summary>Runs per-repo work with bounded concurrency and returns results in the repos' order.</summary>
public static class RepoParallel
{
    public static async Task<TResult[]> MapAsync<TItem, TResult>(IReadOnlyList<TItem> items, int jobs,
        Func<TItem, CancellationToken, Task<TResult>> work, CancellationToken ct)
    {
        var results = new TResult[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = ct },
            async (i, token) => results[i] = await work(items[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    /// <summary>The synchronous variant for in-process reads (no async overhead per repo).</summary>
    public static TResult[] Map<TItem, TResult>(IReadOnlyList<TItem> items, int jobs, Func<TItem, TResult> work, CancellationToken ct)
    {
        var results = new TResult[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = ct },
            i => results[i] = work(items[i]));
        return results;
    }
}
