using Smctl.Core.Git;

namespace Smctl.Core.Plans.Steps;

/// <summary>git worktree remove [--force] FOLDER, and the set folder with it once empty.</summary>
public sealed record WorktreeRemove(string Folder, bool Force = false) : Step
{
    public override string Describe() => $"git worktree remove{(Force ? " --force" : "")} {Folder}";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        var known = RepoReader.Worktrees(context.Path).Skip(1).FirstOrDefault(w => Path.GetFullPath(w.Path) == Path.GetFullPath(Folder));
        if (known is null) return;
        if (known.Stale) await context.RunAsync(ct, "worktree", "prune").ConfigureAwait(false);
        else if (!HasPointer(Folder))
        {
            // This step's own removal, killed after git deleted the tree's .git file: git no longer knows the folder
            // as a work tree, so the deletion is finished here and the registration pruned.
            Directory.Delete(Folder, recursive: true);
            await context.RunAsync(ct, "worktree", "prune").ConfigureAwait(false);
        }
        else
        {
            // Killed while deleting, git had already found the tree clean: files it deleted are all that differ, and
            // a second 'remove' without --force would refuse them as changes.
            var force = Force || await OnlyDeletionsAsync(context, Folder, ct).ConfigureAwait(false);
            await context.RunAsync(ct, force ? ["worktree", "remove", "--force", Folder] : ["worktree", "remove", Folder]).ConfigureAwait(false);
        }
        RunRestore.DeleteEmptyParent(Folder);
    }

    /// <summary>
    /// Makes whole again a work tree at <paramref name="folder"/> a killed 'git worktree remove' left half deleted
    /// (git deletes the files first, the registration last): its .git file is written back and the files the index
    /// has and the folder lacks are checked out; nothing present is touched. With <paramref name="dryRun"/> it only
    /// says whether there is such a tree. Returns whether there was, or null when git could not check the files out.
    /// </summary>
    public static async Task<bool?> RepairIfHalfRemovedAsync(StepContext context, string folder, bool dryRun, CancellationToken ct)
    {
        var known = RepoReader.Worktrees(context.Path).Skip(1).FirstOrDefault(w => Path.GetFullPath(w.Path) == Path.GetFullPath(folder));
        if (known is null || known.Stale || known.Id is null) return false;
        var pointer = HasPointer(folder);
        if (pointer && (await context.Git.RunCheckedAsync(folder, ["ls-files", "--deleted"], context.Repo, ct).ConfigureAwait(false)).Length == 0) return false;
        if (dryRun) return true;
        if (!pointer) await File.WriteAllTextAsync(Path.Combine(folder, ".git"), $"gitdir: {Path.Combine(RepoReader.CommonDir(context.Path), "worktrees", known.Id)}\n", ct).ConfigureAwait(false);
        // Exits 1 for the files that are there (left as they are): whether it worked is what is still missing after.
        await context.Git.RunAsync(folder, ["checkout-index", "--all", "--quiet"], ct).ConfigureAwait(false);
        var missing = await context.Git.RunAsync(folder, ["ls-files", "--deleted"], ct).ConfigureAwait(false);
        return missing.Ok && missing.Stdout.Length == 0 ? true : null;
    }

    /// <summary>Whether the folder still has the .git file that makes it a work tree git knows.</summary>
    private static bool HasPointer(string folder)
    {
        var dotGit = Path.Combine(folder, ".git");
        return File.Exists(dotGit) && File.ReadAllText(dotGit).StartsWith("gitdir:", StringComparison.Ordinal);
    }

    private static async Task<bool> OnlyDeletionsAsync(StepContext context, string folder, CancellationToken ct)
    {
        var status = await context.Git.RunCheckedAsync(folder, ["status", "--porcelain", "-z", "--untracked-files=all"], context.Repo, ct).ConfigureAwait(false);
        var entries = status.TrimEnd('\n').Split('\0', StringSplitOptions.RemoveEmptyEntries);
        return entries.Length > 0 && entries.All(e => e.StartsWith(" D ", StringComparison.Ordinal));
    }
}
