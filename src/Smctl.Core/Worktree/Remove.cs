using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Plans;
using Smctl.Core.Plans.Steps;
using Smctl.Core.Worktree.Shared;

namespace Smctl.Core.Worktree;

public sealed record WorktreeRemoveInput
{
    [Description("Worktree set name")]
    [Argument(0)]
    public required string Name { get; init; }
    [Description("Flow branch kind (default: the kind with a set of that name)")]
    public Branches.FlowKind? Kind { get; init; }
    [Description("Remove even worktrees with uncommitted or unpushed work")]
    public bool Force { get; init; }
    [Description("Also delete the branch each worktree had checked out")]
    public bool DeleteBranch { get; init; }
}

/// <summary>Removes a worktree set; refuses, listing the files, where there is uncommitted or unpushed work unless forced.</summary>
public sealed class WorktreeRemove : IOperation<WorktreeRemoveInput, RunResult>
{
    public OperationInfo Info { get; } = new("worktree.remove",
        "Remove a worktree set; refused, listing the files, when one holds uncommitted or unpushed work, unless forced.",
        OperationEffect.Destructive, Idempotent: true);

    public JsonTypeInfo<WorktreeRemoveInput> InputJson => SmctlJson.Default.WorktreeRemoveInput;
    public JsonTypeInfo<RunResult> ResultJson => SmctlJson.Default.RunResult;

    public Task<RunResult> RunAsync(SmctlContext context, WorktreeRemoveInput input, CancellationToken ct)
    {
        var label = $"worktree remove {input.Name}";
        return RunCommand.PlanAndRunAsync(context, label, (ws, token) =>
        {
            var layout = new WorktreeLayout(ws, context.Settings);
            var kind = input.Kind;
            var name = kind is { } k ? WorktreeAdd.NameFor(k, input.Name) : input.Name;
            var set = layout.Find(name, kind)
                ?? throw SmctlException.Usage($"there is no worktree set '{input.Name}' under {layout.BaseDir}.", "see 'smctl worktree list'");
            var problems = new Problems();
            var programs = new List<RepoProgram>();
            foreach (var repo in ws.Repos.Where(r => RepoReader.IsRepository(r.FullPath)))
            {
                var folder = layout.FolderFor(set.Dir, repo);
                var wt = RepoReader.Worktrees(repo.FullPath).Skip(1).FirstOrDefault(w => Path.GetFullPath(w.Path) == Path.GetFullPath(folder));
                if (wt is null) continue;
                if (!wt.Stale && !input.Force && UnsavedWork(repo.FullPath, wt) is { } work) { problems.Add(repo.Name, work); continue; }
                var steps = new List<Step> { new Plans.Steps.WorktreeRemove(folder, input.Force) };
                if (input.DeleteBranch && wt.Branch is not null) steps.Add(new BranchDelete(wt.Branch));
                programs.Add(new RepoProgram(repo.Name, steps));
            }
            problems.ThrowIfAny(label, $"commit and push the work, or pass {context.Flag("force")} to drop it");
            if ((input.Force || input.DeleteBranch) && !context.DryRun)
                context.RequireConfirmation($"Remove the worktrees of {set.Dir}{(input.DeleteBranch ? " and delete their branches" : "")}, with any unsaved work?");
            if (programs.Count == 0 && Directory.Exists(set.Dir) && !Directory.EnumerateFileSystemEntries(set.Dir).Any()) Directory.Delete(set.Dir);
            return Task.FromResult(new Plan(Plan.NewId(label), label, programs));
        }, ct);
    }

    /// <summary>What would be lost: changed files, or commits on no remote.</summary>
    public static string? UnsavedWork(string repoPath, WorktreeInfo wt)
    {
        var status = RepoReader.Status("", wt.Path);
        if (status.Dirty)
        {
            var files = RepoReader.ChangedFiles(wt.Path);
            return $"{wt.Path} has uncommitted changes: {string.Join(", ", files.Take(8))}{(files.Count > 8 ? $" (+{files.Count - 8} more)" : "")}";
        }
        if (status.Ahead > 0) return $"{wt.Branch} in {wt.Path} has {status.Ahead} unpushed commit(s)";
        if (status.Upstream is null && wt.Branch is not null && RepoReader.UnpushedBranches(repoPath).Contains(wt.Branch))
            return $"{wt.Branch} in {wt.Path} has commits on no remote";
        return null;
    }
}
