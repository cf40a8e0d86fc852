using Smctl.Core.Git;

namespace Smctl.Core.Plans.Steps;

/// <summary>
/// Merges FROM into the branch INTO with a merge commit (or a squash commit). Where INTO is checked out
/// in a work tree the merge runs there; elsewhere no checkout is needed: the merge is computed with
/// <c>git merge-tree --write-tree</c> (git's own merge engine) and INTO is moved with a compare-and-swap.
/// </summary>
public sealed record BranchMerge(string Into, string From, string Message, bool Squash = false) : Step
{
    /// <summary>
    /// The commit FROM pointed at when the run was planned. A later step of the run deletes FROM (a finish): the merge
    /// is then proven done by INTO holding this commit, so a run resumed with its saved state steps behind goes on.
    /// </summary>
    public string? FromCommit { get; init; }

    public override string Describe() => $"git merge {(Squash ? "--squash" : "--no-ff")} {From} (into {Into})";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        var into = await context.ResolveAsync(GitRefs.Branch(Into), ct).ConfigureAwait(false) ?? throw context.Fail($"cannot merge into {Into}: it does not exist");
        var from = await context.ResolveAsync(From, ct).ConfigureAwait(false);
        // FROM gone: done when INTO holds what FROM was (the run's own later step deleted it); else nothing to merge from.
        if (from is null && FromCommit is not null && await AlreadyDoneAsync(context, FromCommit, into, ct).ConfigureAwait(false)) return;
        if (from is null) throw context.Fail($"cannot merge {From}: it does not exist");
        if (await AlreadyDoneAsync(context, from, into, ct).ConfigureAwait(false)) return;

        var worktree = await context.WorktreeOfAsync(Into, ct).ConfigureAwait(false);
        if (worktree is not null)
        {
            await MergeInWorktreeAsync(context, worktree, from, ct).ConfigureAwait(false);
            return;
        }
        var tree = await context.TryAsync(ct, "merge-tree", "--write-tree", "--no-messages", into, from).ConfigureAwait(false);
        if (!tree.Ok)
            throw context.Fail($"merging {From} into {Into} conflicts",
                $"resolve it by hand (git switch {Into} && git merge {From}), commit, then run 'smctl continue'; or 'smctl abort'");
        var treeId = tree.Stdout.Split('\n')[0].Trim();
        string[] parents = Squash ? ["-p", into] : ["-p", into, "-p", from];
        var commit = (await context.RunAsync(ct, ["commit-tree", treeId, .. parents, "-m", Message]).ConfigureAwait(false)).Trim();
        await context.RunAsync(ct, "update-ref", "-m", $"smctl: {Message}", GitRefs.Branch(Into), commit, into).ConfigureAwait(false);
    }

    public override async Task<WorkTreeWrite?> WorkTreeWriteAsync(StepContext context, CancellationToken ct)
    {
        if (await context.WorktreeOfAsync(Into, ct).ConfigureAwait(false) is not { } worktree || Git.RepoReader.MergeInProgress(worktree)) return null;
        if (await context.ResolveAsync(From, ct).ConfigureAwait(false) is not { } from) return null;
        var tree = await context.TryAsync(ct, "merge-tree", "--write-tree", "--no-messages", GitRefs.Branch(Into), from).ConfigureAwait(false);
        return tree.Ok ? new WorkTreeWrite(worktree, tree.Stdout.Split('\n')[0].Trim()) : null;
    }

    private async Task<bool> AlreadyDoneAsync(StepContext context, string from, string into, CancellationToken ct)
    {
        if (!Squash) return await context.IsAncestorAsync(from, into, ct).ConfigureAwait(false);
        var subject = (await context.RunAsync(ct, "log", "-1", "--format=%s", into).ConfigureAwait(false)).Trim();
        return subject == Message.Split('\n')[0];
    }

    /// <summary>
    /// git writes MERGE_HEAD, MERGE_MSG and MERGE_MODE, in that order, after the merged index: a merge killed in
    /// between leaves MERGE_HEAD empty or cut short, or MERGE_MODE missing. Committing then makes a commit with one
    /// parent: none from MERGE_HEAD, or, without "no-ff" in MERGE_MODE, git drops develop's tip as an ancestor of
    /// FROM. Both are written whole again; any other commit in MERGE_HEAD is someone else's merge, not this step's.
    /// </summary>
    private async Task RepairMergeHeadAsync(StepContext context, string worktree, string from, CancellationToken ct)
    {
        var gitDir = Git.RepoReader.GitDirOf(worktree);
        var mergeHead = System.IO.Path.Combine(gitDir, "MERGE_HEAD");
        var recorded = (await File.ReadAllTextAsync(mergeHead, ct).ConfigureAwait(false)).Trim();
        if (!from.StartsWith(recorded, StringComparison.Ordinal))
            throw context.Fail($"{worktree} is in the middle of a merge of {recorded}, not of {From}",
                "finish or abort that merge (git merge --continue / --abort), then run 'smctl continue'");
        if (recorded != from) await File.WriteAllTextAsync(mergeHead, from + "\n", ct).ConfigureAwait(false);
        if (!Squash) await File.WriteAllTextAsync(System.IO.Path.Combine(gitDir, "MERGE_MODE"), "no-ff", ct).ConfigureAwait(false);
    }

    private async Task MergeInWorktreeAsync(StepContext context, string worktree, string from, CancellationToken ct)
    {
        using var inWorktree = new StepContext { Repo = context.Repo, Path = worktree, Git = context.Git, Remote = context.Remote };
        if (Git.RepoReader.MergeInProgress(worktree))
        {
            await RepairMergeHeadAsync(context, worktree, from, ct).ConfigureAwait(false);
            // A conflict from an earlier attempt: done once the user has resolved every file.
            var unmerged = (await inWorktree.RunAsync(ct, "diff", "--name-only", "--diff-filter=U").ConfigureAwait(false)).Trim();
            if (unmerged.Length > 0)
                throw context.Fail($"the merge of {From} into {Into} in {worktree} still has conflicts: {unmerged.Replace('\n', ' ')}",
                    "resolve and 'git add' them, then run 'smctl continue'; or 'smctl abort'");
            // git writes MERGE_MSG after MERGE_HEAD: a merge killed in between has none, and the step's message stands in.
            var mergeMsg = System.IO.Path.Combine(Git.RepoReader.GitDirOf(worktree), "MERGE_MSG");
            var hasMessage = File.Exists(mergeMsg) && File.ReadAllText(mergeMsg).Trim().Length > 0;
            await inWorktree.RunAsync(ct, hasMessage ? ["commit", "--no-edit", "--quiet"] : ["commit", "--quiet", "-m", Message]).ConfigureAwait(false);
            return;
        }
        string[] args = Squash ? ["merge", "--squash", "--quiet", from] : ["merge", "--no-ff", "--quiet", "-m", Message, from];
        var result = await inWorktree.TryAsync(ct, args).ConfigureAwait(false);
        if (!result.Ok && Git.RepoReader.MergeInProgress(worktree))
            throw context.Fail($"merging {From} into {Into} conflicts in {worktree}",
                "resolve the conflicts there and 'git add' them, then run 'smctl continue'; or 'smctl abort'");
        // Not a conflict: git stopped before the merge began or while writing it (a full disk, a file in the way).
        if (!result.Ok)
            throw context.Fail($"git merge of {From} into {Into} failed in {worktree}: {Git.GitRunner.ErrorLine(result.Stderr) ?? $"exit code {result.ExitCode}"}",
                "fix that (free space, move the file aside), then run 'smctl continue'; or 'smctl abort'");
        if (Squash) await inWorktree.RunAsync(ct, "commit", "--quiet", "-m", Message).ConfigureAwait(false);
    }
}
