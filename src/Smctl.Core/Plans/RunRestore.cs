using Smctl.Core.Errors;
using Smctl.Core.Git;
using Smctl.Core.Plans.Steps;

namespace Smctl.Core.Plans;

/// <summary>
/// Puts a repo's refs back to a snapshot — local branches and tags, the main work tree's branch, and what
/// the run pushed (with --force-with-lease, so a teammate's newer push is never overwritten). Abort and
/// undo both use it: undo diffs snapshots instead of trusting each step's inverse.
/// </summary>
/// <summary>What a restore put back (or, in a dry run, would), one git command each, and what it could not.</summary>
public sealed record RestoreOutcome(IReadOnlyList<string> PutBack, IReadOnlyList<string> Problems);

public static class RunRestore
{
    /// <summary>
    /// Restores <paramref name="run"/>'s repo to its Before snapshot, or with <paramref name="dryRun"/> only says how.
    /// Returns what it put back (or would), in the words of the command that does it, and what it could not restore.
    /// </summary>
    public static async Task<RestoreOutcome> RestoreAsync(StepContext repo, RepoRun run, RepoProgram program, bool dryRun, CancellationToken ct)
    {
        var problems = new List<string>();
        var putBack = new List<string>();
        var before = run.Before;
        if (dryRun) putBack.AddRange(await MergesInProgressAsync(repo, program, ct).ConfigureAwait(false));
        else putBack.AddRange(await AbortMergesAsync(repo, program, ct).ConfigureAwait(false));
        // A work tree whose add was killed half-way is not a whole one git can remove: it goes as the add left it.
        foreach (var add in program.Steps.OfType<Steps.WorktreeAdd>())
            if (dryRun ? Git.RepoReader.HalfAddedWorktreeEntry(repo.Path, add.Folder) is not null : await Steps.WorktreeAdd.DiscardIfHalfAddedAsync(repo, add.Folder, ct).ConfigureAwait(false))
            {
                if (!dryRun) DeleteEmptyParent(add.Folder);
                putBack.Add($"remove the half-made work tree {add.Folder}");
            }
        var reached = run.NextStep < 0 ? program.Steps.Count : run.NextStep + 1;
        // A work tree whose removal was killed half-way is made whole where it is, as the run found it.
        foreach (var remove in program.Steps.Take(Math.Min(reached, program.Steps.Count)).OfType<Steps.WorktreeRemove>())
        {
            var repaired = await Steps.WorktreeRemove.RepairIfHalfRemovedAsync(repo, remove.Folder, dryRun, ct).ConfigureAwait(false);
            if (repaired is null) problems.Add($"could not check out again the files a killed removal deleted from {remove.Folder}");
            else if (repaired.Value) putBack.Add($"check out again the files a killed removal deleted from {remove.Folder}");
        }
        var now = await RefSnapshot.TakeAsync(repo, ct).ConfigureAwait(false);
        // Work trees the run made go first (their branches may be about to move or go); git refuses to drop unsaved work.
        foreach (var (folder, _) in now.Worktrees.Where(w => !before.Worktrees.ContainsKey(w.Key)))
        {
            var removed = dryRun ? null : await repo.TryAsync(ct, "worktree", "remove", folder).ConfigureAwait(false);
            if (removed is { Ok: false }) problems.Add($"could not remove the work tree {folder}: {Git.GitRunner.ErrorLine(removed.Stderr)}");
            else
            {
                if (!dryRun) DeleteEmptyParent(folder);
                putBack.Add($"git worktree remove {folder}");
            }
        }
        if (run.After is { } after)
        {
            // Undo: only refs that still are where the run left them are moved back.
            foreach (var (name, value) in after.Refs)
                if (now[name] != value && before[name] != now[name] && !name.StartsWith(GitRefs.Remotes, StringComparison.Ordinal))
                    problems.Add($"{name} moved since the run ({Short(value)} -> {Short(now[name])}); left as it is");
        }

        // The remote first: what the run itself pushed or deleted there goes back — nothing else (a teammate's
        // branch, their push to develop after a sync), and only if it is still what the run left (the lease).
        var remotePrefix = GitRefs.RemotePrefix(repo.Remote);
        var inFlight = await InFlightPushAsync(repo, run, program, now, ct).ConfigureAwait(false);
        foreach (var (branch, left) in PushedByRun(run, program, now, repo.Remote, inFlight))
        {
            var name = remotePrefix + branch;
            var was = before[name];
            if (was == left) continue;
            var lease = $"--force-with-lease={GitRefs.Branch(branch)}:{left ?? ""}";
            var refspec = was is null ? ":" + GitRefs.Branch(branch) : $"{was}:{GitRefs.Branch(branch)}";
            putBack.Add(was is null ? $"git push {repo.Remote} :{branch} (delete it there)" : $"git push --force-with-lease {repo.Remote} {Short(was)}:{branch} (was {Short(left)})");
            if (dryRun) continue;
            var push = await repo.TryAsync(ct, "push", "--quiet", "--porcelain", lease, repo.Remote, refspec).ConfigureAwait(false);
            if (!push.Ok)
            {
                putBack.RemoveAt(putBack.Count - 1);
                var stale = (push.Stderr + push.Stdout).Contains("stale info", StringComparison.Ordinal) || (push.Stderr + push.Stdout).Contains("fetch first", StringComparison.Ordinal);
                problems.Add(stale
                    ? $"{branch} on {repo.Remote} moved since the run left it at {Short(left)} (someone pushed): left as it is; put it back by hand if that is right, then 'smctl abort' again"
                    : $"could not restore {branch} on {repo.Remote}: {Git.GitRunner.ErrorLine(push.Stderr) ?? Git.GitRunner.FirstMeaningfulLine(push.Stdout)}");
                continue;
            }
            await SetRefAsync(repo, name, was, ct).ConfigureAwait(false);
        }
        foreach (var tag in program.Steps.OfType<RefsPush>().SelectMany(p => p.Tags).Distinct().Where(t => before[GitRefs.Tag(t)] is null))
        {
            var ls = await repo.TryAsync(ct, "ls-remote", "--tags", repo.Remote, GitRefs.Tag(tag)).ConfigureAwait(false);
            if (!ls.Ok || ls.Stdout.Trim().Length == 0) continue;
            putBack.Add($"git push {repo.Remote} :refs/tags/{tag} (delete the tag there)");
            if (!dryRun) await repo.TryAsync(ct, "push", "--quiet", repo.Remote, ":" + GitRefs.Tag(tag)).ConfigureAwait(false);
        }

        // The main work tree's branch: recreate it if the run deleted it, then switch back to it.
        var recreated = new HashSet<string>();
        if (before.HeadBranch is { } headBranch && now.HeadBranch != headBranch)
        {
            if (now[GitRefs.Branch(headBranch)] is null && before[GitRefs.Branch(headBranch)] is { } sha)
            {
                putBack.Add($"git branch {headBranch} {Short(sha)}");
                recreated.Add(GitRefs.Branch(headBranch));
                if (!dryRun)
                {
                    await repo.RunAsync(ct, "branch", "--no-track", headBranch, sha).ConfigureAwait(false);
                    await RestoreUpstreamAsync(repo, headBranch, before, ct).ConfigureAwait(false);
                }
            }
            putBack.Add($"git switch {headBranch}");
            var sw = dryRun ? null : await repo.TryAsync(ct, "switch", "--quiet", headBranch).ConfigureAwait(false);
            if (sw is { Ok: false }) { putBack.RemoveAt(putBack.Count - 1); problems.Add($"could not switch back to {headBranch}: {Git.GitRunner.ErrorLine(sw.Stderr)}"); }
        }

        if (!dryRun) now = await RefSnapshot.TakeAsync(repo, ct).ConfigureAwait(false);
        foreach (var name in before.Refs.Keys.Concat(now.Refs.Keys).Where(n => !n.StartsWith(GitRefs.Remotes, StringComparison.Ordinal)).Distinct().ToList())
        {
            var (was, isNow) = (before[name], now[name]);
            if (was == isNow || recreated.Contains(name) || problems.Any(p => p.StartsWith(name + " ", StringComparison.Ordinal))) continue;
            var branch = name.StartsWith(GitRefs.Heads, StringComparison.Ordinal) ? name[GitRefs.Heads.Length..] : null;
            var worktree = branch is null ? null : await repo.WorktreeOfAsync(branch, ct).ConfigureAwait(false);
            // In a dry run the main work tree is still on the run's branch; the real restore has switched it back first.
            if (dryRun && worktree is not null && Path.GetFullPath(worktree) == Path.GetFullPath(repo.Path) && branch != before.HeadBranch) worktree = null;
            if (worktree is not null && was is not null)
            {
                // A checked-out branch moves with its files: reset --keep refuses to lose local edits.
                putBack.Add($"git reset --keep {Short(was)} (in {worktree}: {branch} was {Short(isNow)})");
                if (dryRun) continue;
                var reset = await repo.Git.RunAsync(worktree, ["reset", "--quiet", "--keep", was], ct).ConfigureAwait(false);
                if (!reset.Ok) { putBack.RemoveAt(putBack.Count - 1); problems.Add($"could not move {branch} back in {worktree}: {Git.GitRunner.ErrorLine(reset.Stderr)}"); }
                continue;
            }
            if (worktree is not null) { problems.Add($"{branch} is checked out in {worktree}; switch it away and run abort/undo again"); continue; }
            putBack.Add(Describe(name, was, isNow));
            if (dryRun) continue;
            await SetRefAsync(repo, name, was, ct).ConfigureAwait(false);
            if (branch is not null && isNow is null && was is not null) await RestoreUpstreamAsync(repo, branch, before, ct).ConfigureAwait(false);
        }
        // Work trees the run removed come back on their branches.
        foreach (var (folder, branch) in before.Worktrees.Where(w => !now.Worktrees.ContainsKey(w.Key) && !Directory.Exists(w.Key)))
        {
            putBack.Add($"git worktree add {folder} {branch}".TrimEnd());
            if (dryRun) continue;
            // A removal killed half-way left the registration of the folder it deleted: git adds it again only once that is pruned.
            await repo.TryAsync(ct, "worktree", "prune").ConfigureAwait(false);
            string[] args = branch.Length > 0 ? ["worktree", "add", "--quiet", folder, branch] : ["worktree", "add", "--quiet", "--detach", folder];
            var added = await repo.TryAsync(ct, args).ConfigureAwait(false);
            if (!added.Ok) { putBack.RemoveAt(putBack.Count - 1); problems.Add($"could not bring back the work tree {folder}: {Git.GitRunner.ErrorLine(added.Stderr)}"); }
        }
        // Files no ref holds (a spec archive's uncommitted ones) come back once the refs are: the steps that ran or were in flight, last first.
        foreach (var step in program.Steps.Take(Math.Min(reached, program.Steps.Count)).Reverse())
            await step.PutBackFilesAsync(repo, dryRun, putBack, problems, ct).ConfigureAwait(false);
        return new RestoreOutcome(putBack, problems);
    }

    /// <summary>
    /// The remote branches the run's finished push steps changed, each with the value the run left there: as recorded
    /// right after the push; for a run file from before that was recorded, the remote-tracking ref when the run
    /// completed (undo), else the local branch it pushed as it is now, or nothing for a branch it deleted.
    /// </summary>
    private static IEnumerable<(string Branch, string? Left)> PushedByRun(RepoRun run, RepoProgram program, RefSnapshot now, string remote,
        IReadOnlyDictionary<string, string?> inFlightPushed)
    {
        var pushed = new Dictionary<string, bool>(StringComparer.Ordinal); // branch -> deleted
        var inFlight = run.NextStep;
        for (var i = 0; i < program.Steps.Count && i < run.Steps.Count; i++)
        {
            if (run.Steps[i] != StepStatus.Done && i != inFlight) continue;
            bool Moved(string b) => i != inFlight || inFlightPushed.ContainsKey(b);
            switch (program.Steps[i])
            {
                case BranchPush p when Moved(p.Branch): pushed[p.Branch] = false; break;
                case RefsPush p:
                    foreach (var b in p.Branches.Where(Moved)) pushed[b] = false;
                    foreach (var b in p.DeleteBranches.Where(Moved)) pushed[b] = true;
                    break;
            }
        }
        foreach (var (branch, deleted) in pushed)
            yield return (branch, inFlightPushed.TryGetValue(branch, out var sent) ? sent : run.Pushed.TryGetValue(branch, out var left) ? left
                : run.After is { } after ? after[GitRefs.RemoteBranch(remote, branch)]
                : deleted ? null : now[GitRefs.Branch(branch)]);
    }

    /// <summary>
    /// What the push step in flight when the run stopped got onto the remote, branch → commit (null: deleted). A kill
    /// can land after the remote took the push and before git moved the remote-tracking refs, so the remote itself is
    /// asked: a branch counts as pushed where it holds what the run sent (the local branch), deleted where it is gone.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, string?>> InFlightPushAsync(StepContext repo, RepoRun run, RepoProgram program, RefSnapshot now, CancellationToken ct)
    {
        var found = new Dictionary<string, string?>(StringComparer.Ordinal);
        var i = run.NextStep;
        if (i < 0 || i >= program.Steps.Count) return found;
        var (sends, deletes) = program.Steps[i] switch
        {
            BranchPush p => ((IReadOnlyList<string>)[p.Branch], (IReadOnlyList<string>)[]),
            RefsPush p => (p.Branches, p.DeleteBranches),
            _ => ([], []),
        };
        if (sends.Count + deletes.Count == 0) return found;
        var listed = await repo.TryAsync(ct, ["ls-remote", "--heads", repo.Remote, .. sends.Concat(deletes).Select(GitRefs.Branch)]).ConfigureAwait(false);
        if (!listed.Ok) return found;
        var remote = listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))
            .Where(f => f.Length == 2).ToDictionary(f => f[1].Trim(), f => f[0], StringComparer.Ordinal);
        foreach (var b in sends)
            if (remote.GetValueOrDefault(GitRefs.Branch(b)) is { } there && there == now[GitRefs.Branch(b)] && there != run.Before[GitRefs.RemoteBranch(repo.Remote, b)])
                found[b] = there;
        foreach (var b in deletes)
            if (!remote.ContainsKey(GitRefs.Branch(b)) && run.Before[GitRefs.RemoteBranch(repo.Remote, b)] is not null) found[b] = null;
        return found;
    }

    /// <summary>One ref put back, as the git command that does it.</summary>
    private static string Describe(string name, string? was, string? isNow)
    {
        var (kind, shortName) = name.StartsWith(GitRefs.Heads, StringComparison.Ordinal) ? ("branch", name[GitRefs.Heads.Length..])
            : name.StartsWith(GitRefs.Tags, StringComparison.Ordinal) ? ("tag", name[GitRefs.Tags.Length..]) : ("ref", name);
        return was is null ? $"git {kind} -D {shortName} (made by the run)"
            : isNow is null ? $"git {kind} {shortName} {Short(was)} (deleted by the run)"
            : $"git update-ref {name} {Short(was)} (was {Short(isNow)})";
    }

    /// <summary>A worktree set's folder goes when its last work tree does.</summary>
    public static void DeleteEmptyParent(string folder)
    {
        var parent = Path.GetDirectoryName(folder);
        try
        {
            if (parent is not null && Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any()) Directory.Delete(parent);
        }
        catch (IOException)
        {
            // The set's repos are removed in parallel: another one emptied (and deleted) it, or filled it, meanwhile.
        }
    }

    /// <summary>A deleted branch loses its upstream setting with it: give it back when its remote branch exists.</summary>
    private static async Task RestoreUpstreamAsync(StepContext repo, string branch, RefSnapshot before, CancellationToken ct)
    {
        if (before[GitRefs.RemoteBranch(repo.Remote, branch)] is not null)
            await repo.TryAsync(ct, "branch", "--quiet", $"--set-upstream-to={repo.Remote}/{branch}", branch).ConfigureAwait(false);
    }

    /// <summary>Aborts a merge left in progress in the repo or in a work tree the program merges into; returns what it did.</summary>
    public static async Task<IReadOnlyList<string>> AbortMergesAsync(StepContext repo, RepoProgram program, CancellationToken ct)
    {
        var aborted = await MergesInProgressAsync(repo, program, ct).ConfigureAwait(false);
        foreach (var folder in await MergeFoldersAsync(repo, program, ct).ConfigureAwait(false))
            if (Git.RepoReader.MergeInProgress(folder))
                await repo.Git.RunAsync(folder, ["merge", "--abort"], ct).ConfigureAwait(false);
        return aborted;
    }

    private static async Task<IReadOnlyList<string>> MergesInProgressAsync(StepContext repo, RepoProgram program, CancellationToken ct) =>
        [.. (await MergeFoldersAsync(repo, program, ct).ConfigureAwait(false)).Where(Git.RepoReader.MergeInProgress).Select(f => $"git merge --abort (in {f})")];

    private static async Task<HashSet<string>> MergeFoldersAsync(StepContext repo, RepoProgram program, CancellationToken ct)
    {
        var folders = new HashSet<string> { repo.Path };
        foreach (var merge in program.Steps.OfType<BranchMerge>())
            if (await repo.WorktreeOfAsync(merge.Into, ct).ConfigureAwait(false) is { } wt) folders.Add(wt);
        return folders;
    }

    private static async Task SetRefAsync(StepContext repo, string name, string? value, CancellationToken ct)
    {
        var result = value is null
            ? await repo.TryAsync(ct, "update-ref", "-d", name).ConfigureAwait(false)
            : await repo.TryAsync(ct, "update-ref", name, value).ConfigureAwait(false);
        if (!result.Ok) throw SmctlException.Git($"could not restore {name}: {Git.GitRunner.ErrorLine(result.Stderr)}", repo.Repo);
    }

    private static string Short(string? sha) => sha is null ? "(none)" : sha[..Math.Min(7, sha.Length)];
}
