using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Operations;
using Smctl.Core.Plans;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Runs;

/// <summary>smctl plan apply ID: runs exactly the saved plan, refusing when any of its repos moved since it was made.</summary>
public sealed class PlanApply : IOperation<PlanInput, RunResult>
{
    public OperationInfo Info { get; } = new("plan.apply",
        "Execute exactly a saved plan (by the id its dry run gave); refused when any of its repos' branches or tags moved since.",
        OperationEffect.Destructive, OpenWorld: true);
    public JsonTypeInfo<PlanInput> InputJson => SmctlJson.Default.PlanInput;
    public JsonTypeInfo<RunResult> ResultJson => SmctlJson.Default.RunResult;

    public async Task<RunResult> RunAsync(SmctlContext context, PlanInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var saved = new SavedPlans(ws.SmctlDir).Load(input.Id);
        var store = new RunStore(ws.SmctlDir);
        using var held = context.DryRun ? null : store.Lock("plan apply " + input.Id);
        store.EnsureNoInterruptedRun();
        var now = await RepoParallel.MapAsync(saved.Plan.Repos, context.Jobs,
            (p, token) => RunExecutor.SnapshotAsync(context, ws.Repo(p.Repo), token), ct).ConfigureAwait(false);
        var problems = new Problems();
        for (var i = 0; i < now.Length; i++)
        {
            var repo = saved.Plan.Repos[i].Repo;
            var then = saved.Refs[repo];
            var moved = then.Refs.Keys.Union(now[i].Refs.Keys).Where(k => then[k] != now[i][k]).ToList();
            if (moved.Count > 0) problems.Add(repo, $"moved since the plan was made: {string.Join(", ", moved.Take(5))}{(moved.Count > 5 ? ", …" : "")}");
            else if (then.HeadBranch != now[i].HeadBranch) problems.Add(repo, $"has {now[i].HeadBranch ?? "a detached HEAD"} checked out, not {then.HeadBranch}");
        }
        problems.ThrowIfAny("plan apply " + input.Id, "make the plan again: run the command with --dry-run --save-plan");
        if (context.DryRun) return RunResult.FromPlan(saved.Plan) with { PlanId = input.Id };
        var state = await RunExecutor.StartAsync(context, ws, store, saved.Plan, ct).ConfigureAwait(false);
        return RunResult.FromState(state) with { PlanId = input.Id };
    }
}
