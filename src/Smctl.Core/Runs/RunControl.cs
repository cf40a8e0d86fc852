using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Operations;
using Smctl.Core.Plans;

namespace Smctl.Core.Runs;

public sealed record RunControlInput;

/// <summary>continue, skip, abort, undo and status of the workspace's multi-repo run, generic over every command that makes one.</summary>
public sealed class RunControl(RunControl.Verb verb) : IOperation<RunControlInput, RunResult>
{
    public enum Verb { Continue, Skip, Abort, Undo, Status }

    public OperationInfo Info { get; } = verb switch
    {
        Verb.Continue => new("continue", "Resume the interrupted run: retry each repo's failed step, then the rest; nothing is done twice.", OperationEffect.Mutating, OpenWorld: true),
        Verb.Skip => new("skip", "Give up the remaining steps of the repos where the interrupted run failed, and finish the others.", OperationEffect.Destructive, OpenWorld: true),
        Verb.Abort => new("abort", "Stop the interrupted run (or abort) and put every repo back as before it: branches, tags, checkout, and what it pushed.", OperationEffect.Destructive, OpenWorld: true),
        Verb.Undo => new("undo", "Reverse the last completed run: restore every repo's branches, tags and remote branches.", OperationEffect.Destructive, OpenWorld: true),
        _ => new("flow.status", "Show the interrupted run (or the last one): every step per repo and where it stopped.", OperationEffect.ReadOnly, Idempotent: true),
    };

    public JsonTypeInfo<RunControlInput> InputJson => SmctlJson.Default.RunControlInput;
    public JsonTypeInfo<RunResult> ResultJson => SmctlJson.Default.RunResult;

    public async Task<RunResult> RunAsync(SmctlContext context, RunControlInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var store = new RunStore(ws.SmctlDir);
        if (verb == Verb.Status)
            return store.Current() is { } current ? RunResult.FromState(current, current.Phase == RunPhase.Running ? RunPhase.Interrupted : null)
                : store.Last() is { } last ? RunResult.FromState(last)
                : throw new SmctlException(ErrorKind.General, "no run yet in this workspace");

        using var held = context.DryRun ? null : store.Lock(Info.Name);
        if (verb == Verb.Undo) return await UndoAsync(context, store, ct).ConfigureAwait(false);

        var state = store.Current() ?? throw new SmctlException(ErrorKind.General, "there is no interrupted run to " + Info.Name,
            store.Last() is { Phase: RunPhase.Completed } ? "the last run completed; 'smctl undo' reverses it" : null);
        if (state.Phase == RunPhase.Aborting && verb != Verb.Abort)
            throw new SmctlException(ErrorKind.General, $"the abort of '{state.Plan.Command}' was interrupted: some repos are already put back",
                "run 'smctl abort' again to put back the others");
        if (context.DryRun && verb == Verb.Abort) return Reversal(state, RunPhase.Planned, await RestoreAllAsync(context, state, ct).ConfigureAwait(false));
        if (context.DryRun) return RunResult.FromState(state, state.Phase == RunPhase.Aborting ? RunPhase.Aborting : RunPhase.Interrupted);
        switch (verb)
        {
            case Verb.Continue:
                await RunExecutor.ExecuteAsync(context, store, state, ct).ConfigureAwait(false);
                return RunResult.FromState(state);
            case Verb.Skip:
                context.RequireConfirmation($"Give up the remaining steps in {string.Join(", ", state.Repos.Where(r => r.Error is not null).Select(r => r.Repo))}?");
                foreach (var run in state.Repos.Where(r => r.Error is not null || r.Steps.Contains(StepStatus.Failed)))
                {
                    using (var git = RunExecutor.ContextFor(context, run))
                    {
                        Recovery.ClearStaleLocks(context, git);
                        await RunRestore.AbortMergesAsync(git, state.Plan.Repos.First(p => p.Repo == run.Repo), ct).ConfigureAwait(false);
                    }
                    for (var i = 0; i < run.Steps.Count; i++)
                        if (run.Steps[i] is StepStatus.Pending or StepStatus.Failed) run.Steps[i] = StepStatus.Skipped;
                    (run.Error, run.Hint) = (null, null);
                }
                await RunExecutor.ExecuteAsync(context, store, state, ct).ConfigureAwait(false);
                return RunResult.FromState(state);
            default:
                context.RequireConfirmation($"Put {state.Repos.Count} repo(s) back as they were before '{state.Plan.Command}'?");
                // Marked first: once a repo is put back, continuing would redo only the steps after it (formal/run.pml, BROKEN_ABORT).
                state.Phase = RunPhase.Aborting;
                store.Save(state);
                var outcomes = await RestoreAllAsync(context, state, ct).ConfigureAwait(false);
                // What could not be put back keeps the run (still aborting): abort can be retried, nothing is forgotten.
                if (outcomes.Values.Any(o => o.Problems.Count > 0))
                {
                    store.Save(state);
                    return Reversal(state, RunPhase.Aborting, outcomes);
                }
                state.Phase = RunPhase.Aborted;
                store.Discard(state);
                return Reversal(state, RunPhase.Aborted, outcomes);
        }
    }

    private async Task<RunResult> UndoAsync(SmctlContext context, RunStore store, CancellationToken ct)
    {
        store.EnsureNoInterruptedRun();
        var last = store.Last();
        if (last is null || last.Phase != RunPhase.Completed)
            throw new SmctlException(ErrorKind.General, last is null ? "there is no completed run to undo" : $"the last run '{last.Plan.Command}' was already {JsonNames.Of(last.Phase)}");
        if (context.DryRun) return Reversal(last, RunPhase.Planned, await RestoreAllAsync(context, last, ct).ConfigureAwait(false));
        context.RequireConfirmation($"Reverse '{last.Plan.Command}' in {last.Repos.Count} repo(s), including what it pushed?");
        var outcomes = await RestoreAllAsync(context, last, ct).ConfigureAwait(false);
        // An undo that could not put everything back stays the last completed run, so it can be tried again.
        if (outcomes.Values.Any(o => o.Problems.Count > 0)) return Reversal(last, RunPhase.Completed, outcomes) with { CallFailure = ErrorKind.Git };
        last.Phase = RunPhase.Undone;
        store.Finish(last);
        return Reversal(last, RunPhase.Undone, outcomes);
    }

    /// <summary>
    /// What an abort or undo put back (or, planned, would put back) per repo, one git command each — not the run's own
    /// steps again; what could not be restored is a problem.
    /// </summary>
    private RunResult Reversal(RunState state, RunPhase phase, IReadOnlyDictionary<string, RestoreOutcome> outcomes)
    {
        var status = phase == RunPhase.Planned ? StepStatus.Planned : StepStatus.Done;
        var repos = state.Plan.Repos.Select(p => new RepoRunView(p.Repo,
            [.. outcomes[p.Repo].PutBack.Select(what => new StepView("restore", what, status))])).ToList();
        var problems = outcomes.SelectMany(o => o.Value.Problems.Select(problem => $"{o.Key}: {problem}")).ToList();
        return new RunResult(state.Plan.Id, $"{Info.Name} of '{state.Plan.Command}'", phase, repos, problems.Count > 0 ? problems : null);
    }

    /// <summary>Test hook: the process dies right after this many repos are put back (fault-injection tests).</summary>
    public const string CrashAfterRestoreVariable = "SMCTL_TEST_CRASH_AFTER_RESTORE";

    private static async Task<IReadOnlyDictionary<string, RestoreOutcome>> RestoreAllAsync(SmctlContext context, RunState state, CancellationToken ct)
    {
        var crashAfter = int.TryParse(context.GetEnvironment(CrashAfterRestoreVariable), out var n) ? n : -1;
        var restored = 0;
        var results = await Workspace.Shared.RepoParallel.MapAsync(state.Repos, context.NetworkJobs, async (run, token) =>
        {
            var program = state.Plan.Repos.First(p => p.Repo == run.Repo);
            using var git = RunExecutor.ContextFor(context, run);
            if (!context.DryRun)
            {
                // A kill mid-git (of the run, or of an earlier abort) left locks and half-written files: cleared first.
                Recovery.ClearStaleLocks(context, git);
                await Recovery.UndoHalfWrittenAsync(context, git, program.Steps.Where((_, i) => i >= run.Steps.Count || run.Steps[i] != StepStatus.Done), token).ConfigureAwait(false);
            }
            var outcome = await RunRestore.RestoreAsync(git, run, program, context.DryRun, token).ConfigureAwait(false);
            if (!context.DryRun && Interlocked.Increment(ref restored) == crashAfter) Environment.Exit(137);
            return (run.Repo, outcome);
        }, ct).ConfigureAwait(false);
        return results.ToDictionary(r => r.Repo, r => r.outcome);
    }
}
