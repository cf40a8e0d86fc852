using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Worktree.Shared;

namespace Smctl.Core.Worktree;

public sealed record WorktreeListInput
{
    [Description("Only these repos")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
}

/// <param name="Stale">Its folder was deleted by hand ('smctl worktree prune' forgets it).</param>
public sealed record WorktreeEntry(string Repo, string Path, string? Branch, bool Stale, bool Dirty, int? Ahead, int? Behind);

/// <param name="Managed">Made by smctl under the base folder; false for worktrees made by hand with git worktree add.</param>
public sealed record WorktreeSet(string Name, bool Managed, string? Folder, IReadOnlyList<WorktreeEntry> Worktrees);

public sealed record WorktreeListResult(IReadOnlyList<WorktreeSet> Sets);

/// <summary>Every worktree of every repo, grouped into sets; hand-made ones and stale ones shown as such.</summary>
public sealed class WorktreeList : IOperation<WorktreeListInput, WorktreeListResult>
{
    public OperationInfo Info { get; } = new("worktree.list",
        "List every worktree set: repos, branch, clean/dirty, ahead/behind, path; hand-made and stale ones too.",
        OperationEffect.ReadOnly, Idempotent: true);

    public JsonTypeInfo<WorktreeListInput> InputJson => SmctlJson.Default.WorktreeListInput;
    public JsonTypeInfo<WorktreeListResult> ResultJson => SmctlJson.Default.WorktreeListResult;

    public Task<WorktreeListResult> RunAsync(SmctlContext context, WorktreeListInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var layout = new WorktreeLayout(ws, context.Settings);
        var found = Workspace.Shared.RepoParallel.Map(ws.Select(input.Repos).Where(r => RepoReader.IsRepository(r.FullPath)).ToList(), context.Jobs, repo =>
            RepoReader.Worktrees(repo.FullPath).Skip(1).Select(w =>
            {
                var status = w.Stale ? null : RepoReader.Status(repo.Name, w.Path);
                return (Set: layout.SetOf(w.Path), Entry: new WorktreeEntry(repo.Name, w.Path, w.Branch, w.Stale, status?.Dirty ?? false, status?.Ahead, status?.Behind));
            }).ToList(), ct);
        var sets = found.SelectMany(x => x)
            .GroupBy(x => x.Set ?? "")
            .OrderBy(g => g.Key.Length == 0 ? 1 : 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new WorktreeSet(g.Key.Length == 0 ? "(made by hand)" : g.Key, g.Key.Length > 0,
                g.Key.Length > 0 ? Path.Combine(layout.BaseDir, g.Key) : null, g.Select(x => x.Entry).ToList()))
            .ToList();
        return Task.FromResult(new WorktreeListResult(sets));
    }
}
