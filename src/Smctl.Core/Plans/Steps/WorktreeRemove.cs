namespace Smctl.Core.Plans.Steps;

/// <summary>git worktree remove [--force] FOLDER, and the set folder with it once empty.</summary>
public sealed record WorktreeRemove(string Folder, bool Force = false) : Step
{
    public override string Describe() => $"git worktree remove{(Force ? " --force" : "")} {Folder}";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        var known = Git.RepoReader.Worktrees(context.Path).Skip(1).FirstOrDefault(w => Path.GetFullPath(w.Path) == Path.GetFullPath(Folder));
        if (known is null) return;
        if (known.Stale) await context.RunAsync(ct, "worktree", "prune").ConfigureAwait(false);
        else await context.RunAsync(ct, Force ? ["worktree", "remove", "--force", Folder] : ["worktree", "remove", Folder]).ConfigureAwait(false);
        RunRestore.DeleteEmptyParent(Folder);
    }

}
