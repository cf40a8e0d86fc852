using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Worktree;

public sealed record WorktreePruneInput
{
    [Description("Only these repos")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
}

public sealed record WorktreePruneResult(IReadOnlyList<WorktreeEntry> Pruned);

/// <summary>git worktree prune in every repo: forgets worktrees whose folders were deleted by hand.</summary>
public sealed class WorktreePrune : IOperation<WorktreePruneInput, WorktreePruneResult>
{
    public OperationInfo Info { get; } = new("worktree.prune", "Forget, in every repo, the worktrees whose folders were deleted by hand (git worktree prune).",
        OperationEffect.Mutating, Idempotent: true);

    public JsonTypeInfo<WorktreePruneInput> InputJson => SmctlJson.Default.WorktreePruneInput;
    public JsonTypeInfo<WorktreePruneResult> ResultJson => SmctlJson.Default.WorktreePruneResult;

    public async Task<WorktreePruneResult> RunAsync(SmctlContext context, WorktreePruneInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var repos = ws.Select(input.Repos).Where(r => RepoReader.IsRepository(r.FullPath)).ToList();
        var pruned = await RepoParallel.MapAsync(repos, context.Jobs, async (repo, token) =>
        {
            var stale = RepoReader.Worktrees(repo.FullPath).Where(w => w.Stale).Select(w => new WorktreeEntry(repo.Name, w.Path, w.Branch, true, false, null, null)).ToList();
            if (stale.Count > 0 && !context.DryRun) await context.Git.RunCheckedAsync(repo.FullPath, ["worktree", "prune"], repo.Name, token).ConfigureAwait(false);
            return stale;
        }, ct).ConfigureAwait(false);
        return new WorktreePruneResult(pruned.SelectMany(p => p).ToList());
    }
}
