using Smctl.Core.Errors;
using Smctl.Core.Operations;
using C = Smctl.Core.Catalog.OperationCatalog;

namespace Smctl.Mcp.Tools;

/// <summary>A group of tools a session lists together (as GitHub's MCP server groups its tools).</summary>
public sealed record Toolset(string Name, string Summary, IReadOnlyList<IOperation> Operations);

/// <summary>
/// The toolsets: every operation in exactly one. A host reads every listed tool into its model's context, so a
/// session starts with the everyday ones and the model adds others when a task needs them (smctl_toolset_enable).
/// </summary>
public static class Toolsets
{
    public static readonly IReadOnlyList<Toolset> All =
    [
        new("workspace", "repos' status, sync, checkout; add, remove, init", [C.WorkspaceStatus, C.WorkspaceList, C.WorkspaceSync, C.WorkspaceCheckout, C.WorkspaceInit, C.WorkspaceAdd, C.WorkspaceRemove]),
        new("feature", "feature branches across repos: start, update, propose, finish, list; flow init", [C.FeatureStart, C.FeatureFinish, C.FeatureUpdate, C.FeaturePropose, C.FeatureList, C.FlowInit]),
        new("runs", "the last multi-repo run and saved plans: status, continue, skip, abort, undo, apply", [C.FlowStatus, C.Continue, C.Skip, C.Abort, C.Undo, C.PlanShow, C.PlanList, C.PlanApply]),
        new("release", "release and hotfix branches, version plan, release notes", [C.ReleaseStart, C.ReleaseFinish, C.ReleaseList, C.HotfixStart, C.HotfixFinish, C.HotfixList, C.FlowBranches, C.ReleasePlan, C.ReleaseNotes]),
        new("worktree", "a linked worktree per repo for a branch", [C.WorktreeAdd, C.WorktreeList, C.WorktreeRemove, C.WorktreePath, C.WorktreePrune]),
        new("spec", "OpenSpec changes: new, status, ff, apply, validate, archive", [C.SpecNew, C.SpecList, C.SpecStatus, C.SpecFastForward, C.SpecApply, C.SpecValidate, C.SpecArchive]),
        new("build", "dependency-ordered cached builds and tests", [C.Build, C.BuildGraph, C.BuildStatus, C.BuildCleanCache]),
        new("gate", "ModelGate / Open Inference Protocol servers: models, routes, test inference, logs", [C.GateStatus, C.GateModelsList, C.GateModelsAdd, C.GateModelsRemove, C.GateRoutesList, C.GateRoutesSet, C.GateRoutesRemove, C.GateTest, C.GateLogs]),
        new("config", "settings, and MCP client configuration", [C.ConfigShow, C.ConfigGet, C.ConfigSet, C.McpConfig]),
        new("exec", "run a shell command in every repo", [C.Exec]),
    ];

    /// <summary>What a session lists when the server is not told otherwise: everyday work within about 4,000 tokens.</summary>
    public static readonly IReadOnlyList<string> Default = ["workspace", "feature", "runs"];

    /// <summary>The toolsets a --toolsets value names: names separated by commas, "default", or "all".</summary>
    public static IReadOnlyList<Toolset> Parse(string? names)
    {
        if (string.IsNullOrWhiteSpace(names)) return Named(Default);
        var chosen = new List<Toolset>();
        foreach (var name in names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var add = name switch
            {
                "all" => All,
                "default" => Named(Default),
                _ => [All.FirstOrDefault(t => t.Name == name) ?? throw Unknown(name)],
            };
            chosen.AddRange(add.Where(t => !chosen.Contains(t)));
        }
        return chosen;
    }

    /// <summary>The toolset an operation is in (looked up on every tools/list and call).</summary>
    public static Toolset Of(IOperation op) => ByOperation[op];

    private static readonly Dictionary<IOperation, Toolset> ByOperation = All.SelectMany(t => t.Operations.Select(o => (o, t))).ToDictionary(x => x.o, x => x.t);

    public static SmctlException Unknown(string name) =>
        SmctlException.Usage($"there is no toolset '{name}'", "toolsets: " + string.Join(", ", All.Select(t => t.Name)) + ", or default, or all");

    private static List<Toolset> Named(IEnumerable<string> names) => [.. names.Select(n => All.Single(t => t.Name == n))];
}
