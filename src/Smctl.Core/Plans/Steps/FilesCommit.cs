using Smctl.Core.Git;

namespace Smctl.Core.Plans.Steps;

/// <summary>A file at the repo's root and the whole text it is to have.</summary>
public sealed record FileWrite(string Path, string Content);

/// <summary>
/// Commits new contents of root files on BRANCH (a release's changelog and version fields). Where BRANCH is
/// checked out the files are written and committed there; elsewhere the commit is built from a temporary
/// index (read-tree, hash-object, write-tree, commit-tree) and BRANCH moved with a compare-and-swap.
/// </summary>
/// <param name="Diff">What changes, as a unified diff, for plans and dry runs.</param>
public sealed record FilesCommit(string Branch, IReadOnlyList<FileWrite> Files, string Message, string Diff) : Step
{
    /// <summary>
    /// BRANCH's commit when the run was planned, the new commit's parent. A later step of the run deletes BRANCH (a
    /// release finish): the commit is then found among the branches holding this one, so a resumed run does not redo it.
    /// </summary>
    public string? Parent { get; init; }

    private const string ScratchPrefix = "smctl-commit-";

    public override string? Detail => Diff;

    public override string Describe() => $"git commit {string.Join(" ", Files.Select(f => f.Path))} -m \"{Message}\" (on {Branch})";

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        var tip = await context.ResolveAsync(GitRefs.Branch(Branch), ct).ConfigureAwait(false);
        if (tip is null && await MadeAlreadyAsync(context, ct).ConfigureAwait(false)) return;
        if (tip is null) throw context.Fail($"cannot commit on {Branch}: it does not exist");
        if (await AlreadyDoneAsync(context, tip, ct).ConfigureAwait(false)) return;
        await RefuseChangedSincePlanAsync(context, tip, ct).ConfigureAwait(false);
        var worktree = await context.WorktreeOfAsync(Branch, ct).ConfigureAwait(false);
        if (worktree is not null)
        {
            await RefuseEditedAsync(context, worktree, ct).ConfigureAwait(false);
            using var there = new StepContext { Repo = context.Repo, Path = worktree, Git = context.Git, Remote = context.Remote };
            foreach (var file in Files) IO.AtomicFile.WriteAllText(System.IO.Path.Combine(worktree, file.Path), file.Content, durable: false);
            await there.RunAsync(ct, ["add", "--", .. Files.Select(f => f.Path)]).ConfigureAwait(false);
            await there.RunAsync(ct, ["commit", "--quiet", "-m", Message, "--", .. Files.Select(f => f.Path)]).ConfigureAwait(false);
            return;
        }
        // What killed runs (and dry runs' diffs) left in the temp folder goes first.
        foreach (var prefix in new[] { ScratchPrefix, IO.TextDiff.ScratchPrefix }) IO.Leftovers.Sweep(System.IO.Path.GetTempPath(), prefix);
        var scratch = IO.Leftovers.TempFolder(ScratchPrefix);
        try
        {
            var git = context.Git.With(environment: new Dictionary<string, string> { ["GIT_INDEX_FILE"] = System.IO.Path.Combine(scratch.FullName, "index") });
            using var inRepo = new StepContext { Repo = context.Repo, Path = context.Path, Git = git, Remote = context.Remote };
            await inRepo.RunAsync(ct, "read-tree", tip).ConfigureAwait(false);
            foreach (var file in Files)
            {
                var temp = System.IO.Path.Combine(scratch.FullName, "blob");
                await File.WriteAllTextAsync(temp, file.Content, ct).ConfigureAwait(false);
                var blob = (await inRepo.RunAsync(ct, "hash-object", "-w", "--", temp).ConfigureAwait(false)).Trim();
                await inRepo.RunAsync(ct, "update-index", "--add", "--cacheinfo", $"100644,{blob},{file.Path}").ConfigureAwait(false);
            }
            var tree = (await inRepo.RunAsync(ct, "write-tree").ConfigureAwait(false)).Trim();
            var commit = (await inRepo.RunAsync(ct, "commit-tree", tree, "-p", tip, "-m", Message).ConfigureAwait(false)).Trim();
            await inRepo.RunAsync(ct, "update-ref", "-m", $"smctl: {Message}", GitRefs.Branch(Branch), commit, tip).ConfigureAwait(false);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The new texts were made from the files at <see cref="Parent"/>: a commit since then that changed one of them
    /// would be overwritten, so the step refuses (the user re-plans, and the new texts include that change).
    /// </summary>
    private async Task RefuseChangedSincePlanAsync(StepContext context, string tip, CancellationToken ct)
    {
        if (Parent is null || tip == Parent) return;
        var changed = await context.RunAsync(ct, ["diff", "--name-only", Parent, tip, "--", .. Files.Select(f => f.Path)]).ConfigureAwait(false);
        if (changed.Trim().Length > 0)
            throw context.Fail($"{string.Join(", ", changed.Split('\n', StringSplitOptions.RemoveEmptyEntries))} changed on {Branch} since the plan was made: committing the planned text would undo that change",
                "abort this run ('smctl abort') and run the command again, so the plan starts from the new text");
    }

    /// <summary>
    /// Where BRANCH is checked out the files are written in place: a file edited there since the plan (neither the
    /// committed text nor the planned one, which a killed run may have left) is the user's work, not overwritten.
    /// </summary>
    private async Task RefuseEditedAsync(StepContext context, string worktree, CancellationToken ct)
    {
        var edited = new List<string>();
        foreach (var file in Files)
        {
            var full = System.IO.Path.Combine(worktree, file.Path);
            var now = File.Exists(full) ? Normal(await File.ReadAllTextAsync(full, ct).ConfigureAwait(false)) : null;
            if (now == Normal(file.Content)) continue;
            var committed = await context.TryAsync(ct, "show", $"{Parent ?? "HEAD"}:{file.Path}").ConfigureAwait(false);
            if (now != (committed.Ok ? Normal(committed.Stdout) : null)) edited.Add(file.Path);
        }
        if (edited.Count > 0)
            throw context.Fail($"{string.Join(", ", edited)} in {worktree} changed since the plan was made: writing the planned text would lose that edit",
                "commit the edit (then abort and run the command again) or move it aside, then 'smctl continue'");
    }

    /// <summary>Whether a branch or tag holds this commit made on <see cref="Parent"/>: a child of it with this message and these files.</summary>
    private async Task<bool> MadeAlreadyAsync(StepContext context, CancellationToken ct) =>
        Parent is not null && await context.ChildOfAsync(Parent, (commit, _) => AlreadyDoneAsync(context, commit, ct), ct).ConfigureAwait(false) is not null;

    /// <summary>Done when the branch's last commit is this one (a resumed run does not commit twice).</summary>
    private async Task<bool> AlreadyDoneAsync(StepContext context, string tip, CancellationToken ct)
    {
        var subject = (await context.RunAsync(ct, "log", "-1", "--format=%s", tip).ConfigureAwait(false)).Trim();
        if (subject != Message) return false;
        foreach (var file in Files)
        {
            var shown = await context.TryAsync(ct, "show", $"{tip}:{file.Path}").ConfigureAwait(false);
            if (!shown.Ok || Normal(shown.Stdout) != Normal(file.Content)) return false;
        }
        return true;
    }

    /// <summary>git's output comes back line by line: compare without line-ending and final-newline differences.</summary>
    private static string Normal(string text) => text.Replace("\r\n", "\n").TrimEnd('\n');
}
