using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Operations;
using Smctl.Core.Plans;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Runs;

/// <summary>smctl plan apply ID: runs exactly the saved plan, refusing when any of its repos moved since it was made.</summary>
public sealed class PlanApply : IOperation<PlanInput, RunResult>
{
    public OperationInfo Info { get; } = new("plan.apply",
        "Execute exactly a saved plan (the id its dry run gave); refused when a repo's branches or tags moved since.",
        OperationEffect.Destructive, OpenWorld: true);
    public JsonTypeInfo<PlanInput> InputJson => SmctlJson.Default.PlanInput;
    public JsonTypeInfo<RunResult> ResultJson => SmctlJson.Default.RunResult;

    public async Task<RunResult> RunAsync(SmctlContext context, PlanInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var saved = new SavedPlans(ws.SmctlDir).Load(input.Id);
        var store = new RunStore(ws.SmctlDir);
        if (saved.Call is { } call) return await ApplyCallAsync(context, ws, store, saved, call, input.Id, ct).ConfigureAwait(false);
        using var held = context.DryRun ? null : store.Lock("plan apply " + input.Id);
        store.EnsureNoInterruptedRun();
        await RefuseMovedAsync(context, ws, saved, input.Id, ct).ConfigureAwait(false);
        await RefusePlannedDifferentlyAsync(context, saved, input.Id, ct).ConfigureAwait(false);
        if (context.DryRun) return RunResult.FromPlan(saved.Plan) with { PlanId = input.Id };
        var state = await RunExecutor.StartAsync(context, ws, store, saved.Plan, ct).ConfigureAwait(false);
        return RunResult.FromState(state) with { PlanId = input.Id };
    }

    /// <summary>
    /// A saved call (a command that is not a program of steps) is made again exactly, once no repo moved since; the
    /// command takes the workspace lock itself, as when it is called directly, and its result comes back as output.
    /// </summary>
    private static async Task<RunResult> ApplyCallAsync(SmctlContext context, Workspace.Shared.Workspace ws, RunStore store, SavedPlan saved, SavedCall call,
        string id, CancellationToken ct)
    {
        store.EnsureNoInterruptedRun();
        await RefuseMovedAsync(context, ws, saved, id, ct).ConfigureAwait(false);
        var op = context.FindOperation(call.Operation)
            ?? throw new SmctlException(ErrorKind.Workspace, $"plan {id} calls '{call.Operation}', which this smctl does not have", "make the plan again with this smctl");
        var planned = new RunResult(saved.Plan.Id, saved.Plan.Command, RunPhase.Planned, []) { PlanId = id };
        if (context.DryRun) return planned;
        var input = System.Text.Json.Nodes.JsonNode.Parse(call.Input) as System.Text.Json.Nodes.JsonObject
            ?? throw new SmctlException(ErrorKind.Workspace, $"plan {id} is damaged: its input is not a JSON object", "make the plan again");
        var output = await op.RunJsonAsync(context, input, ct).ConfigureAwait(false);
        using var result = System.Text.Json.JsonDocument.Parse(output.Json);
        return planned with { Phase = RunPhase.Completed, Output = result.RootElement.Clone(), CallFailure = output.FailureKind };
    }

    /// <summary>
    /// Plans the saved program's command again, as its dry run did: every check the command makes (a clean work tree,
    /// no merge in progress, git's locks, …) is made again and refuses as the command would, and a program that would
    /// now come out different (the world changed in a way refs do not show) is refused rather than run as it was.
    /// </summary>
    private static async Task RefusePlannedDifferentlyAsync(SmctlContext context, SavedPlan saved, string id, CancellationToken ct)
    {
        if (saved.Planner is not { } planner) return;
        var op = context.FindOperation(planner.Operation)
            ?? throw new SmctlException(ErrorKind.Workspace, $"plan {id} was made by '{planner.Operation}', which this smctl does not have", "make the plan again with this smctl");
        var input = System.Text.Json.Nodes.JsonNode.Parse(planner.Input) as System.Text.Json.Nodes.JsonObject
            ?? throw new SmctlException(ErrorKind.Workspace, $"plan {id} is damaged: its planner's input is not a JSON object", "make the plan again");
        var output = await op.RunJsonAsync(context.Planning(), input, ct).ConfigureAwait(false);
        var now = (ProgramIn(System.Text.Json.Nodes.JsonNode.Parse(output.Json)) is { } found ? System.Text.Json.JsonSerializer.Deserialize(found, SmctlJson.Default.RunResult) : null)
            ?? throw new SmctlException(ErrorKind.General, $"planning '{planner.Operation}' again gave no plan");
        var (was, becomes) = (Lines(RunResult.FromPlan(saved.Plan)), Lines(now));
        if (was.SequenceEqual(becomes)) return;
        var at = was.Zip(becomes).TakeWhile(p => p.First == p.Second).Count();
        var detail = at < was.Count && at < becomes.Count ? $"the plan has '{was[at]}', the command now plans '{becomes[at]}'"
            : at < was.Count ? $"the command no longer plans '{was[at]}'" : $"the command now also plans '{becomes[at]}'";
        throw new SmctlException(ErrorKind.Git, $"plan apply {id}: the command would now do something else: {detail}",
            "make the plan again: run the command with --dry-run --save-plan");
    }

    /// <summary>The plan in a command's result: the result itself, or the part of it that is one (spec new's "branch").</summary>
    private static System.Text.Json.Nodes.JsonObject? ProgramIn(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o when o.ContainsKey("repos") && o.ContainsKey("phase") => o,
        System.Text.Json.Nodes.JsonObject o => o.Select(p => ProgramIn(p.Value)).FirstOrDefault(found => found is not null),
        _ => null,
    };

    /// <summary>A program as lines to compare: repo, what each step does and the text it writes.</summary>
    private static List<string> Lines(RunResult program) =>
        [.. program.Repos.SelectMany(r => r.Steps.Select(s => $"{r.Repo}: {s.Command}{(s.Detail is null ? "" : "\n" + s.Detail)}"))];

    /// <summary>Refuses a plan whose repos' branches or tags moved, or that have another branch checked out, since it was made.</summary>
    private static async Task RefuseMovedAsync(SmctlContext context, Workspace.Shared.Workspace ws, SavedPlan saved, string id, CancellationToken ct)
    {
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
        problems.ThrowIfAny("plan apply " + id, "make the plan again: run the command with --dry-run --save-plan");
    }
}
