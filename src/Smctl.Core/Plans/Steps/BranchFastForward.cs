using Smctl.Core.Git;

namespace Smctl.Core.Plans.Steps;

/// <summary>Moves BRANCH forward to TARGET (fast-forward only): in its work tree when checked out, else by ref update.</summary>
public sealed record BranchFastForward(string Branch, string Target) : Step
{
    public override string Describe() => $"git merge --ff-only {Target[..Math.Min(12, Target.Length)]} (into {Branch})";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        var current = await context.ResolveAsync(GitRefs.Branch(Branch), ct).ConfigureAwait(false) ?? throw context.Fail($"{Branch} does not exist");
        if (await context.IsAncestorAsync(Target, current, ct).ConfigureAwait(false)) return;
        if (!await context.IsAncestorAsync(current, Target, ct).ConfigureAwait(false))
            throw context.Fail($"{Branch} cannot be fast-forwarded to {Target[..7]}: it has commits of its own");
        if (await context.WorktreeOfAsync(Branch, ct).ConfigureAwait(false) is { } worktree)
            await context.Git.RunCheckedAsync(worktree, ["merge", "--ff-only", "--quiet", Target], context.Repo, ct).ConfigureAwait(false);
        else
            await context.RunAsync(ct, "update-ref", "-m", "smctl: fast-forward", GitRefs.Branch(Branch), Target, current).ConfigureAwait(false);
    }

    public override async Task<WorkTreeWrite?> WorkTreeWriteAsync(StepContext context, CancellationToken ct) =>
        await context.WorktreeOfAsync(Branch, ct).ConfigureAwait(false) is { } worktree ? new WorkTreeWrite(worktree, Target) : null;
}
