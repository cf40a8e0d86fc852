using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Worktree.Shared;

namespace Smctl.Core.Worktree;

public sealed record WorktreePathInput
{
    [Description("Worktree set name")]
    [Argument(0)]
    public required string Name { get; init; }
    [Description("A repo of the set: its worktree's folder; without it, the set's folder")]
    [Argument(1, Suggest = Suggestions.RepoNames)]
    public string? Repo { get; init; }
    [Description("Flow branch kind (default: the kind with a set of that name)")]
    public Branches.FlowKind? Kind { get; init; }
}

public sealed record WorktreePathResult(string Path);

/// <summary>The folder of a worktree set, or of one repo's worktree in it: for cd "$(smctl worktree path x repo)".</summary>
public sealed class WorktreePath : IOperation<WorktreePathInput, WorktreePathResult>
{
    public OperationInfo Info { get; } = new("worktree.path", "Print the folder of a worktree set, or of one repo's worktree in it.", OperationEffect.ReadOnly, Idempotent: true);

    public JsonTypeInfo<WorktreePathInput> InputJson => SmctlJson.Default.WorktreePathInput;
    public JsonTypeInfo<WorktreePathResult> ResultJson => SmctlJson.Default.WorktreePathResult;

    public Task<WorktreePathResult> RunAsync(SmctlContext context, WorktreePathInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var layout = new WorktreeLayout(ws, context.Settings);
        var kind = input.Kind;
        var set = layout.Find(input.Name, kind) ?? throw SmctlException.Usage($"there is no worktree set '{input.Name}'.", "see 'smctl worktree list'");
        if (input.Repo is null) return Task.FromResult(new WorktreePathResult(set.Dir));
        var folder = layout.FolderFor(set.Dir, ws.Repo(input.Repo));
        if (!Directory.Exists(folder)) throw SmctlException.Usage($"the set '{input.Name}' has no worktree of {input.Repo}.");
        return Task.FromResult(new WorktreePathResult(folder));
    }
}
