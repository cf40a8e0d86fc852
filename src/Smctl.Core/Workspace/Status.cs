using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Workspace;

public sealed record WorkspaceStatusInput
{
    [Description("Only these repos")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
}

/// <param name="WorktreeSet">The worktree set the command ran in ("feature-x"): its worktrees are shown, not the main checkouts.</param>
public sealed record WorkspaceStatusResult(string Workspace, string Root, IReadOnlyList<RepoStatus> Repos, string? WorktreeSet = null);

/// <summary>Branch, upstream, ahead/behind, changes, operations in progress and stashes of every repo at once.</summary>
public sealed class WorkspaceStatus : IOperation<WorkspaceStatusInput, WorkspaceStatusResult>
{
    public OperationInfo Info { get; } = new("workspace.status",
        "Show every repo's branch, upstream, ahead/behind, change counts, operation in progress and stashes.",
        OperationEffect.ReadOnly, Idempotent: true);

    public JsonTypeInfo<WorkspaceStatusInput> InputJson => SmctlJson.Default.WorkspaceStatusInput;
    public JsonTypeInfo<WorkspaceStatusResult> ResultJson => SmctlJson.Default.WorkspaceStatusResult;

    public Task<WorkspaceStatusResult> RunAsync(SmctlContext context, WorkspaceStatusInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var repos = ws.Select(input.Repos);
        // Standing in a worktree set, the set is what you work on: its worktrees (the repos it has), as git status would.
        var layout = new Worktree.Shared.WorktreeLayout(ws, context.Settings);
        var set = layout.SetOf(context.CurrentDirectory);
        if (set is not null)
        {
            var setDir = Path.Combine(layout.BaseDir, set);
            var inSet = repos.Where(r => Directory.Exists(layout.FolderFor(setDir, r))).ToList();
            var worktrees = RepoParallel.Map(inSet, context.Jobs, r => RepoReader.Status(r.Name, layout.FolderFor(setDir, r)) with { Path = Path.GetRelativePath(ws.RootDir, layout.FolderFor(setDir, r)) }, ct);
            return Task.FromResult(new WorkspaceStatusResult(ws.Name, ws.RootDir, worktrees, set));
        }
        var statuses = RepoParallel.Map(repos, context.Jobs, r => RepoReader.Status(r.Name, r.FullPath) with { Path = r.Path }, ct);
        return Task.FromResult(new WorkspaceStatusResult(ws.Name, ws.RootDir, statuses));
    }
}
