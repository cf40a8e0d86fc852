using Smctl.Core.Git;

namespace Smctl.Core.Plans.Steps;

/// <summary>git worktree add FOLDER BRANCH (creating BRANCH from START when given and missing).</summary>
public sealed record WorktreeAdd(string Folder, string Branch, string? StartPoint = null, string? Upstream = null) : Step
{
    public override string Describe() => StartPoint is null
        ? $"git worktree add {Folder} {Branch}"
        : $"git worktree add -b {Branch} {Folder} {StartPoint[..Math.Min(12, StartPoint.Length)]}";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        // This step's own add, killed mid-checkout, is done again from the start.
        await DiscardIfHalfAddedAsync(context, Folder, ct).ConfigureAwait(false);
        var holder = await context.WorktreeOfAsync(Branch, ct).ConfigureAwait(false);
        if (holder is not null && Path.GetFullPath(holder) == Path.GetFullPath(Folder)) return;
        if (holder is not null) throw context.Fail($"{Branch} is already checked out in {holder}");
        Directory.CreateDirectory(Path.GetDirectoryName(Folder)!);
        var exists = await context.ResolveAsync(GitRefs.Branch(Branch), ct).ConfigureAwait(false) is not null;
        string[] args = exists || StartPoint is null
            ? ["worktree", "add", "--quiet", Folder, Branch]
            : ["worktree", "add", "--quiet", "--no-track", "-b", Branch, Folder, StartPoint];
        await context.RunAsync(ct, args).ConfigureAwait(false);
        if (!exists && Upstream is not null) await context.RunAsync(ct, "branch", "--quiet", $"--set-upstream-to={Upstream}", Branch).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the work tree at <paramref name="folder"/> when a killed 'git worktree add' left it half made (see
    /// RepoReader.HalfAddedWorktreeEntry): its folder and its entry under .git/worktrees. git's own remove and prune
    /// skip it (it is locked, and may not have a HEAD yet), and it holds nobody's work. Returns whether there was one.
    /// </summary>
    public static async Task<bool> DiscardIfHalfAddedAsync(StepContext context, string folder, CancellationToken ct)
    {
        if (RepoReader.HalfAddedWorktreeEntry(context.Path, folder) is not { } entry) return false;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.Delete(entry, recursive: true);
        await context.RunAsync(ct, "worktree", "prune").ConfigureAwait(false);
        return true;
    }
}
