using Smctl.Core.Git;

namespace Smctl.Core.Plans.Steps;

/// <summary>git rebase ONTO, in the work tree where BRANCH is checked out.</summary>
public sealed record BranchRebase(string Branch, string Onto) : Step
{
    public override string Describe() => $"git rebase {Onto[..Math.Min(12, Onto.Length)]} (on {Branch})";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        var worktree = await context.WorktreeOfAsync(Branch, ct).ConfigureAwait(false)
            ?? throw context.Fail($"{Branch} is not checked out anywhere, so it cannot be rebased here", $"check it out (git switch {Branch}) and run 'smctl continue'");
        using var inWorktree = new StepContext { Repo = context.Repo, Path = worktree, Git = context.Git, Remote = context.Remote };
        var gitDir = (await inWorktree.RunAsync(ct, "rev-parse", "--git-dir").ConfigureAwait(false)).Trim();
        var rebasing = Directory.Exists(Path.Combine(worktree, gitDir, "rebase-merge")) || Directory.Exists(Path.Combine(worktree, gitDir, "rebase-apply"));
        if (rebasing)
        {
            var resumed = await inWorktree.Git.RunAsync(worktree, ["-c", "core.editor=true", "rebase", "--continue"], ct).ConfigureAwait(false);
            if (!resumed.Ok) throw context.Fail($"the rebase of {Branch} in {worktree} still has conflicts", "resolve and 'git add' them, then 'smctl continue'; or 'smctl abort'");
            return;
        }
        if (await context.IsAncestorAsync(Onto, GitRefs.Branch(Branch), ct).ConfigureAwait(false)) return;
        var result = await inWorktree.TryAsync(ct, "rebase", "--quiet", Onto).ConfigureAwait(false);
        if (!result.Ok)
            throw context.Fail($"rebasing {Branch} onto {Onto[..Math.Min(12, Onto.Length)]} conflicts in {worktree}",
                "resolve the conflicts there and 'git add' them, then 'smctl continue'; or 'smctl abort'");
    }
}
