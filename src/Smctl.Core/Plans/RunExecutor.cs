using System.Collections.Concurrent;
using Smctl.Core.Errors;
using Smctl.Core.Git;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Plans;

/// <summary>
/// Runs a plan: snapshots every repo's refs, persists the run state before the first step and after
/// each one, runs repos in parallel (steps within a repo in order), and stops a repo at its first failed
/// step so that continue, skip, abort or undo can pick it up.
/// </summary>
public static class RunExecutor
{
    /// <summary>Test hook: the process dies right after this many steps (fault-injection tests).</summary>
    public const string CrashAfterStepVariable = "SMCTL_TEST_CRASH_AFTER_STEP";

    public static StepContext ContextFor(SmctlContext context, RepoEntry repo) =>
        new() { Repo = repo.Name, Path = repo.FullPath, Git = context.GitFor(repo.FullPath) };

    /// <summary>
    /// A repo of a run, at the folder the run recorded: the manifest may have dropped or moved the entry since
    /// (a 'workspace remove' while the run waited), and continue and abort must still reach what the run changed.
    /// </summary>
    public static StepContext ContextFor(SmctlContext context, RepoRun run)
    {
        if (!RepoReader.IsRepository(run.Path))
            throw new SmctlException(ErrorKind.Workspace, $"{run.Repo}: the run's repo at {run.Path} is not there any more",
                "put the repo back at that path (clone it, or 'smctl workspace add'), then try again", run.Repo);
        return new() { Repo = run.Repo, Path = run.Path, Git = context.GitFor(run.Path) };
    }

    /// <summary>One repo's refs, read through a handle opened for this read only.</summary>
    public static async Task<RefSnapshot> SnapshotAsync(SmctlContext context, RepoEntry repo, CancellationToken ct)
    {
        using var git = ContextFor(context, repo);
        return await RefSnapshot.TakeAsync(git, ct).ConfigureAwait(false);
    }

    public static async Task<RunState> StartAsync(SmctlContext context, Workspace.Shared.Workspace ws, RunStore store, Plan plan, CancellationToken ct)
    {
        var repos = plan.Repos.Select(p => ws.Repo(p.Repo)).ToList();
        var snapshots = await RepoParallel.MapAsync(repos, context.Jobs, (r, token) =>
            context.FreshSnapshots.TryRemove(r.FullPath, out var fresh) ? Task.FromResult(fresh) : SnapshotAsync(context, r, token), ct).ConfigureAwait(false);
        var state = new RunState
        {
            Plan = plan,
            Phase = RunPhase.Running,
            Repos = plan.Repos.Select((p, i) => new RepoRun
            {
                Repo = p.Repo,
                Path = repos[i].FullPath,
                Steps = p.Steps.Select(_ => StepStatus.Pending).ToList(),
                Before = snapshots[i],
            }).ToList(),
        };
        store.Save(state);
        await ExecuteAsync(context, store, state, ct, resuming: false).ConfigureAwait(false);
        return state;
    }

    /// <summary>
    /// Runs every step not yet done (a failed one is tried again), then completes or marks the run interrupted. When
    /// <paramref name="resuming"/> a run that stopped (continue, skip), what a killed git left is cleared first.
    /// </summary>
    public static async Task ExecuteAsync(SmctlContext context, RunStore store, RunState state, CancellationToken ct, bool resuming = true)
    {
        state.Phase = RunPhase.Running;
        store.Save(state);
        ConcurrentDictionary<string, RefSnapshot> finals;
        try
        {
            finals = await RunStepsAsync(context, store, state, resuming, ct).ConfigureAwait(false);
        }
        finally
        {
            store.Flush();
        }
        store.ThrowIfSaveFailed();
        if (state.Repos.Any(r => r.Error is not null))
        {
            state.Phase = RunPhase.Interrupted;
            store.Save(state);
            return;
        }
        foreach (var run in state.Repos) run.After = finals[run.Repo];
        state.Phase = RunPhase.Completed;
        store.Finish(state);
    }

    /// <summary>
    /// Each repo's steps in order, the repos in parallel; progress is recorded under the state's lock and saved soon after.
    /// Returns the refs of each repo whose steps all ran (read right after its last step: no other repo's steps touch them).
    /// </summary>
    private static async Task<ConcurrentDictionary<string, RefSnapshot>> RunStepsAsync(SmctlContext context,
        RunStore store, RunState state, bool resuming, CancellationToken ct)
    {
        var crashAfter = int.TryParse(context.GetEnvironment(CrashAfterStepVariable), out var n) ? n : -1;
        var stepsDone = 0;
        var finals = new ConcurrentDictionary<string, RefSnapshot>();
        await RepoParallel.MapAsync(state.Repos, context.NetworkJobs, async (run, token) =>
        {
            var program = state.Plan.Repos.First(p => p.Repo == run.Repo);
            using var stepContext = ContextFor(context, run);
            lock (state) (run.Error, run.Hint) = (null, null);
            if (resuming && run.NextStep >= 0) Recovery.ClearStaleLocks(context, stepContext);
            for (var i = run.NextStep; i >= 0 && i < program.Steps.Count; i = run.NextStep)
            {
                var step = program.Steps[i];
                context.Progress(new ProgressEvent(run.Repo, step.Describe()));
                try
                {
                    store.ThrowIfSaveFailed();
                    // Where a lagging state would cost, it is on the disk first: every step before this one is recorded done.
                    if (step.SavedFirst) store.SaveDurably(state);
                    if (resuming) await Recovery.UndoHalfWrittenAsync(context, stepContext, [step], token).ConfigureAwait(false);
                    await step.RunAsync(stepContext, token).ConfigureAwait(false);
                    var pushed = await PushedAsync(step, stepContext, token).ConfigureAwait(false);
                    lock (state)
                    {
                        foreach (var (branch, sha) in pushed) run.Pushed[branch] = sha;
                        run.Steps[i] = StepStatus.Done;
                    }
                    // What went to the remote is on the disk before the next step: abort puts back exactly that.
                    if (pushed.Count > 0) store.SaveDurably(state);
                }
                catch (SmctlException e)
                {
                    lock (state)
                    {
                        run.Steps[i] = StepStatus.Failed;
                        run.Error = e.Message;
                        run.Hint = e.Suggestion;
                    }
                    store.SaveSoon(state);
                    context.Progress(new ProgressEvent(run.Repo, "failed", Finished: true, Failed: true, Detail: e.Message));
                    return 0;
                }
                store.SaveSoon(state);
                if (Interlocked.Increment(ref stepsDone) == crashAfter)
                {
                    // The fault-injection tests' kill: what was done is on disk first, as after a real crash it might not be.
                    store.Flush();
                    Environment.Exit(137);
                }
            }
            finals[run.Repo] = await RefSnapshot.TakeAsync(stepContext, token).ConfigureAwait(false);
            context.Progress(new ProgressEvent(run.Repo, "done", Finished: true));
            return 0;
        }, ct).ConfigureAwait(false);
        return finals;
    }

    /// <summary>The remote branches a push step changed and what it left there (git moved their remote-tracking refs).</summary>
    private static async Task<List<(string Branch, string? Sha)>> PushedAsync(Steps.Step step, StepContext git, CancellationToken ct)
    {
        IEnumerable<string> branches = step switch
        {
            Steps.BranchPush p => [p.Branch],
            Steps.RefsPush p => p.Branches.Concat(p.DeleteBranches),
            _ => [],
        };
        var left = new List<(string, string?)>();
        foreach (var branch in branches)
            left.Add((branch, await git.ResolveAsync(Git.GitRefs.RemoteBranch(git.Remote, branch), ct).ConfigureAwait(false)));
        return left;
    }
}
