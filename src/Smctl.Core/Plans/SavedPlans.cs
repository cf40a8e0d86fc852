using System.Text.Json;
using Smctl.Core.Errors;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Plans;

/// <summary>A plan kept for later, with every repo's refs when it was made (so 'plan apply' can refuse a world that moved).</summary>
/// <param name="Call">For a command that is not a program of steps (build, config set, spec archive…): the call itself, made again by 'plan apply'.</param>
/// <param name="Planner">
/// For a program of steps: the call that planned it. 'plan apply' plans it again first, so every check the command
/// makes (clean work trees, no merge in progress, …) is made again, and the program must come out the same.
/// </param>
public sealed record SavedPlan(Plan Plan, Dictionary<string, RefSnapshot> Refs, DateTimeOffset Created, SavedCall? Call = null, SavedCall? Planner = null);

/// <summary>An operation's dotted name and its input as JSON, exactly as the dry run was called.</summary>
public sealed record SavedCall(string Operation, string Input);

/// <summary>.smctl/plans/&lt;id&gt;.json</summary>
public sealed class SavedPlans(string smctlDir)
{
    public string Dir { get; } = SmctlLayout.PlansDir(smctlDir);

    public async Task<string> SaveAsync(SmctlContext context, Workspace.Shared.Workspace ws, Plan plan, CancellationToken ct, SavedCall? call = null)
    {
        var snapshots = await RepoParallel.MapAsync(plan.Repos, context.Jobs,
            (p, token) => RunExecutor.SnapshotAsync(context, ws.Repo(p.Repo), token), ct).ConfigureAwait(false);
        var saved = new SavedPlan(plan, plan.Repos.Select((p, i) => (p.Repo, snapshots[i])).ToDictionary(x => x.Repo, x => x.Item2), DateTimeOffset.UtcNow, call);
        Directory.CreateDirectory(Dir);
        IO.AtomicFile.WriteAllText(PathOf(plan.Id), JsonSerializer.Serialize(saved, RunStateJson.Default.SavedPlan));
        return plan.Id;
    }

    /// <summary>Records which call planned the saved program <paramref name="id"/>: only the front end knows the call.</summary>
    public void SetPlanner(string id, SavedCall planner) =>
        IO.AtomicFile.WriteAllText(PathOf(id), JsonSerializer.Serialize(Load(id) with { Planner = planner }, RunStateJson.Default.SavedPlan));

    public SavedPlan Load(string id)
    {
        if (id.Length == 0 || id.Contains('/') || id.Contains('\\') || id.StartsWith('.'))
            throw SmctlException.Usage($"'{id}' is not a plan id.", "see 'smctl plan list'");
        var path = PathOf(id);
        if (!File.Exists(path)) throw SmctlException.Usage($"there is no saved plan '{id}'.", "see 'smctl plan list'");
        string problem;
        try
        {
            var saved = JsonSerializer.Deserialize(File.ReadAllText(path), RunStateJson.Default.SavedPlan);
            problem = saved is null ? "it holds null" : saved.Plan.Problem() ?? "";
            if (problem.Length == 0) return saved!;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException) { problem = e.Message; }
        throw new SmctlException(ErrorKind.Workspace, $"{path} is damaged: {problem}", suggestion: "delete it and save the plan again with --dry-run --save-plan");
    }

    /// <summary>Every saved plan that reads; each damaged one is passed to <paramref name="damaged"/> instead of hiding the rest.</summary>
    public IReadOnlyList<SavedPlan> All(Action<string> damaged)
    {
        if (!Directory.Exists(Dir)) return [];
        var plans = new List<SavedPlan>();
        foreach (var file in Directory.GetFiles(Dir, "*.json").Order(StringComparer.Ordinal))
        {
            try { plans.Add(Load(Path.GetFileNameWithoutExtension(file))); }
            catch (SmctlException e) { damaged(e.Message); }
        }
        return plans;
    }

    private string PathOf(string id) => Path.Combine(Dir, id + ".json");
}
