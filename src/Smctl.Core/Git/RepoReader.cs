using LibGit2Sharp;

namespace Smctl.Core.Git;

/// <summary>A work tree of a repo: its folder, its branch (null when detached), whether its folder is gone, and git's id for a linked one.</summary>
public sealed record WorktreeInfo(string Path, string? Branch, bool Stale, string? Id);

/// <summary>
/// Hot read-only queries, in-process through libgit2 (no process per repo). Its answers are checked
/// against <c>git status --porcelain=v2 --branch</c> by the tests.
/// </summary>
public static class RepoReader
{
    private static readonly StatusOptions Options = new()
    {
        IncludeUntracked = true,
        RecurseUntrackedDirs = false,
        IncludeIgnored = false,
        DetectRenamesInIndex = true,
        DetectRenamesInWorkDir = false,
        ExcludeSubmodules = true,
    };

    private const FileStatus StagedFlags = FileStatus.NewInIndex | FileStatus.ModifiedInIndex | FileStatus.DeletedFromIndex
        | FileStatus.RenamedInIndex | FileStatus.TypeChangeInIndex;
    private const FileStatus ModifiedFlags = FileStatus.ModifiedInWorkdir | FileStatus.DeletedFromWorkdir
        | FileStatus.TypeChangeInWorkdir | FileStatus.RenamedInWorkdir;

    public static RepoStatus Status(string name, string path)
    {
        if (!Directory.Exists(path)) return new RepoStatus { Name = name, Path = path, Missing = true };
        if (!IsRepository(path))
            return new RepoStatus { Name = name, Path = path, Error = "not a git repository" };
        try
        {
            using var repo = new Repository(path);
            return Status(repo, name, path);
        }
        catch (LibGit2SharpException e)
        {
            return new RepoStatus { Name = name, Path = path, Error = e.Message };
        }
    }

    private static RepoStatus Status(Repository repo, string name, string path)
    {
        var (staged, modified, untracked, conflicted) = Count(repo.RetrieveStatus(Options));
        var info = repo.Info;
        var head = repo.Head;
        var detached = info.IsHeadDetached;
        var unborn = info.IsHeadUnborn;
        var tip = unborn ? null : head.Tip; // each Tip read resolves HEAD again: read it once
        string? upstream = null;
        int? ahead = null, behind = null;
        var gone = false;
        if (!detached && tip is not null && Upstream(repo, head.FriendlyName) is var (upName, upRef) && upName is not null)
        {
            upstream = upName;
            if (upRef is null || repo.Lookup<Commit>(upRef.ResolveToDirectReference()?.TargetIdentifier) is not { } upTip) gone = true;
            else
            {
                if (upTip.Id == tip.Id) (ahead, behind) = (0, 0); // the common case: no history walk
                else
                {
                    var divergence = repo.ObjectDatabase.CalculateHistoryDivergence(tip, upTip);
                    ahead = divergence.AheadBy;
                    behind = divergence.BehindBy;
                }
            }
        }
        return new RepoStatus
        {
            Name = name,
            Path = path,
            Branch = detached ? null : head.FriendlyName,
            Detached = detached,
            Unborn = unborn,
            Head = tip?.Sha,
            Upstream = upstream,
            UpstreamGone = gone,
            Ahead = ahead,
            Behind = behind,
            Staged = staged,
            Modified = modified,
            Untracked = untracked,
            Conflicted = conflicted,
            Operation = OperationName(info.CurrentOperation),
            Stashes = StashCount(repo),
        };
    }

    /// <summary>Files by kind as git status counts them: a conflicted or untracked file counts only as that.</summary>
    private static (int Staged, int Modified, int Untracked, int Conflicted) Count(RepositoryStatus entries)
    {
        int staged = 0, modified = 0, untracked = 0, conflicted = 0;
        foreach (var entry in entries)
        {
            var s = entry.State;
            if ((s & FileStatus.Conflicted) != 0) { conflicted++; continue; }
            if ((s & FileStatus.NewInWorkdir) != 0) { untracked++; continue; }
            if ((s & StagedFlags) != 0) staged++;
            if ((s & ModifiedFlags) != 0) modified++;
        }
        return (staged, modified, untracked, conflicted);
    }

    private static readonly StatusOptions TrackedOnly = new()
    {
        IncludeUntracked = false,
        IncludeIgnored = false,
        DetectRenamesInIndex = false,
        DetectRenamesInWorkDir = false,
        ExcludeSubmodules = true,
    };

    /// <summary>
    /// What multi-repo validation asks of a work tree, without what it does not (no untracked scan, renames, upstream
    /// or stashes): staged, modified and conflicted files, a detached HEAD, an operation in progress. Untracked is 0.
    /// A repo libgit2 cannot read throws; the caller says so in its report.
    /// </summary>
    public static RepoStatus TrackedStatus(Repository repo, string name, string path)
    {
        var (staged, modified, _, conflicted) = Count(repo.RetrieveStatus(TrackedOnly));
        var info = repo.Info;
        return new RepoStatus
        {
            Name = name,
            Path = path,
            Branch = CurrentBranch(repo),
            Detached = info.IsHeadDetached,
            Unborn = info.IsHeadUnborn,
            Staged = staged,
            Modified = modified,
            Conflicted = conflicted,
            Operation = OperationName(info.CurrentOperation),
        };
    }

    /// <summary>
    /// The branch's upstream from its branch.&lt;name&gt;.remote/merge config, as git names it ("origin/main"), and its ref.
    /// Read from config directly: libgit2's upstream lookup returns nothing in a NativeAOT build.
    /// </summary>
    private static (string? Name, Reference? Ref) Upstream(Repository repo, string branch)
    {
        var remote = repo.Config.Get<string>($"branch.{branch}.remote")?.Value;
        var merge = repo.Config.Get<string>($"branch.{branch}.merge")?.Value;
        if (remote is null || merge is null) return (null, null);
        var shortName = merge.StartsWith(GitRefs.Heads, StringComparison.Ordinal) ? merge[GitRefs.Heads.Length..] : merge;
        return remote == "."
            ? (shortName, repo.Refs[merge])
            : ($"{remote}/{shortName}", repo.Refs[GitRefs.RemoteBranch(remote, shortName)]);
    }

    /// <summary>The files with uncommitted changes (staged, modified, untracked, conflicted), as git status lists them.</summary>
    public static IReadOnlyList<string> ChangedFiles(string path)
    {
        using var repo = new Repository(path);
        return repo.RetrieveStatus(Options).Where(e => e.State is not (FileStatus.Ignored or FileStatus.Unaltered)).Select(e => e.FilePath).ToList();
    }

    /// <summary>True when <paramref name="path"/> is the top of a work tree (a <c>.git</c> folder or a linked-worktree <c>.git</c> file).</summary>
    public static bool IsRepository(string path) =>
        Directory.Exists(System.IO.Path.Combine(path, ".git")) || File.Exists(System.IO.Path.Combine(path, ".git"));

    /// <summary>The url of <c>origin</c>, or null.</summary>
    public static string? OriginUrl(string path)
    {
        using var repo = new Repository(path);
        return repo.Network.Remotes[GitRefs.DefaultRemote]?.Url;
    }

    /// <summary>The branch <c>origin/HEAD</c> points at, else the current branch, else null.</summary>
    public static string? DefaultBranch(string path)
    {
        using var repo = new Repository(path);
        if (repo.Refs[GitRefs.RemoteBranch(GitRefs.DefaultRemote, "HEAD")] is SymbolicReference { Target: { } target }
            && target.CanonicalName.StartsWith(GitRefs.RemotePrefix(GitRefs.DefaultRemote), StringComparison.Ordinal))
            return target.CanonicalName[GitRefs.RemotePrefix(GitRefs.DefaultRemote).Length..];
        return repo.Info.IsHeadDetached ? null : repo.Head.FriendlyName;
    }

    /// <summary>Whether a local branch, or a remote-tracking branch on origin, of that name exists.</summary>
    public static (bool Local, bool Remote) BranchExists(string path, string branch)
    {
        using var repo = new Repository(path);
        return (repo.Refs[GitRefs.Branch(branch)] is not null, repo.Refs[GitRefs.RemoteBranch(GitRefs.DefaultRemote, branch)] is not null);
    }

    public static bool HasRemote(Repository repo, string remote) => repo.Network.Remotes[remote] is not null;

    /// <summary>The exact text of <paramref name="file"/> in commit <paramref name="commit"/> (bytes kept: CRLF, no final newline), or null.</summary>
    public static string? FileAt(string path, string commit, string file)
    {
        using var repo = new Repository(path);
        return repo.Lookup<Commit>(commit)?[file]?.Target is Blob blob ? blob.GetContentText() : null;
    }

    public static string? Resolve(string path, string rev)
    {
        using var repo = new Repository(path);
        return ResolveIn(repo, rev);
    }

    /// <summary>The commit a revision names (a sha, a ref, a tag — peeled), or null when there is none.</summary>
    public static string? ResolveIn(Repository repo, string rev)
    {
        try
        {
            return (repo.Lookup(rev + "^{commit}") as Commit)?.Sha;
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }

    /// <summary>Whether the commit named by <paramref name="ancestorRev"/> is reachable from <paramref name="descendantRev"/> (revisions resolved first).</summary>
    public static bool IsAncestorRev(string path, string ancestorRev, string descendantRev)
    {
        using var repo = new Repository(path);
        return IsAncestorRev(repo, ancestorRev, descendantRev);
    }

    public static bool IsAncestorRev(Repository repo, string ancestorRev, string descendantRev)
    {
        var (a, d) = (ResolveIn(repo, ancestorRev), ResolveIn(repo, descendantRev));
        if (a is null || d is null) return false;
        if (a == d) return true;
        return repo.ObjectDatabase.FindMergeBase(repo.Lookup<Commit>(a), repo.Lookup<Commit>(d))?.Sha == a;
    }

    /// <summary>
    /// Whether the branch at <paramref name="tipRev"/> was merged into <paramref name="intoRev"/>: its tip is in that
    /// history but not on its first-parent line. A branch just started from develop (its tip one of develop's own commits)
    /// is not "merged"; one brought in by a merge commit is.
    /// </summary>
    public static bool WasMergedInto(string path, string tipRev, string intoRev)
    {
        using var repo = new Repository(path);
        if (!IsAncestorRev(repo, tipRev, intoRev)) return false;
        var tip = repo.Lookup<Commit>(ResolveIn(repo, tipRev)!);
        var firstParents = repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = ResolveIn(repo, intoRev), FirstParentOnly = true });
        // The first-parent line runs back in time: past the tip's own date it cannot meet the tip any more.
        foreach (var commit in firstParents)
        {
            if (commit.Sha == tip.Sha) return false;
            if (commit.Committer.When < tip.Committer.When.AddDays(-1)) break;
        }
        return true;
    }

    public static string? MergeBase(string path, string a, string b)
    {
        using var repo = new Repository(path);
        return repo.ObjectDatabase.FindMergeBase(repo.Lookup<Commit>(a), repo.Lookup<Commit>(b))?.Sha;
    }

    /// <summary>Whether the work tree (committed or not, untracked files not ignored included) differs from the tree of <paramref name="rev"/>.</summary>
    public static bool DiffersFrom(string path, string rev)
    {
        using var repo = new Repository(path);
        var commit = repo.Lookup<Commit>(ResolveIn(repo, rev));
        if (commit is null) return true;
        if (repo.Head.Tip is { } tip && tip.Tree.Id != commit.Tree.Id) return true;
        return repo.RetrieveStatus(Options).Any(e => e.State is not (FileStatus.Ignored or FileStatus.Unaltered));
    }

    /// <summary>
    /// Every branch, tag and remote-tracking ref of <paramref name="remote"/> (name → the object it points at, as
    /// for-each-ref's objectname), and what this work tree has checked out: its branch (when that exists) or its commit.
    /// </summary>
    public static (Dictionary<string, string> Refs, string? HeadBranch, string? HeadCommit) AllRefs(Repository repo, string remote)
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        var remotePrefix = GitRefs.RemotePrefix(remote);
        foreach (var r in repo.Refs)
        {
            var name = r.CanonicalName;
            if (r is not DirectReference direct) continue;
            if (name.StartsWith(GitRefs.Heads, StringComparison.Ordinal) || name.StartsWith(GitRefs.Tags, StringComparison.Ordinal)
                || (name.StartsWith(remotePrefix, StringComparison.Ordinal) && !name.EndsWith("/HEAD", StringComparison.Ordinal)))
                refs[name] = direct.TargetIdentifier;
        }
        if (repo.Info.IsHeadDetached) return (refs, null, repo.Head.Tip?.Sha);
        var head = repo.Refs.Head?.TargetIdentifier;
        return head is not null && refs.TryGetValue(head, out var tip) ? (refs, head[GitRefs.Heads.Length..], tip) : (refs, null, null);
    }

    /// <summary>Whether the work tree at <paramref name="path"/> (main or linked) is in the middle of a merge (MERGE_HEAD is there).</summary>
    public static bool MergeInProgress(string path) => HeadState(path).Operation == "merge";

    /// <summary>Without a status scan: whether HEAD is detached, and the operation in progress (merge, rebase…) or null.</summary>
    public static (bool Detached, string? Operation) HeadState(string path)
    {
        using var repo = new Repository(path);
        return (repo.Info.IsHeadDetached, OperationName(repo.Info.CurrentOperation));
    }

    /// <summary>The current branch of the work tree, or null when HEAD is detached.</summary>
    public static string? CurrentBranch(Repository repo) => repo.Info.IsHeadDetached ? null : repo.Head.FriendlyName;

    /// <summary>The current branch of the work tree at <paramref name="path"/> without a status scan, or null when detached.</summary>
    public static string? CurrentBranch(string path)
    {
        using var repo = new Repository(path);
        return CurrentBranch(repo);
    }

    /// <summary>The folder of the work tree (main or linked) that has <paramref name="branch"/> checked out, or null.</summary>
    public static string? WorktreeOf(string path, string branch) =>
        Worktrees(path).FirstOrDefault(w => w.Branch == branch && !w.Stale)?.Path;

    /// <summary>
    /// The repo's work trees, the main one first, read from git's files (no process): folder, branch (null when
    /// detached) and whether a linked one's folder is gone (git worktree prune would drop it).
    /// </summary>
    public static IReadOnlyList<WorktreeInfo> Worktrees(string path)
    {
        var common = CommonDir(path);
        var list = new List<WorktreeInfo> { new(System.IO.Path.GetDirectoryName(common)!, BranchOf(ReadTrimmed(System.IO.Path.Combine(common, "HEAD"))), false, null) };
        var linked = System.IO.Path.Combine(common, "worktrees");
        if (!Directory.Exists(linked)) return list;
        foreach (var dir in Directory.EnumerateDirectories(linked).Order(StringComparer.Ordinal))
        {
            var gitFile = ReadTrimmed(System.IO.Path.Combine(dir, "gitdir"));
            // Empty while a killed 'git worktree add' was writing it: no work tree to list yet.
            if (string.IsNullOrEmpty(gitFile)) continue;
            var folder = System.IO.Path.GetDirectoryName(gitFile)!;
            list.Add(new WorktreeInfo(folder, BranchOf(ReadTrimmed(System.IO.Path.Combine(dir, "HEAD"))), !Directory.Exists(folder), System.IO.Path.GetFileName(dir)));
        }
        return list;

        static string? BranchOf(string? head) =>
            head is not null && head.StartsWith("ref: " + GitRefs.Heads, StringComparison.Ordinal) ? head[("ref: " + GitRefs.Heads).Length..] : null;
    }

    /// <summary>The git folder every work tree of the repo at <paramref name="path"/> shares (the main one's .git).</summary>
    public static string CommonDir(string path)
    {
        var gitDir = GitDirOf(path);
        var commonFile = System.IO.Path.Combine(gitDir, "commondir");
        return (File.Exists(commonFile) ? System.IO.Path.GetFullPath(File.ReadAllText(commonFile).Trim(), gitDir) : gitDir).TrimEnd('/');
    }

    /// <summary>
    /// The .git/worktrees entry of a work tree a killed 'git worktree add' left at <paramref name="folder"/>, or null:
    /// git locks a new work tree with the reason "initializing" while it makes and checks it out and unlocks it at the
    /// end, so that lock outliving its git means the add stopped half-way (the folder's own .git file may be empty
    /// yet), and nobody has worked in the tree since.
    /// </summary>
    public static string? HalfAddedWorktreeEntry(string repoPath, string folder)
    {
        var entries = System.IO.Path.Combine(CommonDir(repoPath), "worktrees");
        if (!Directory.Exists(entries)) return null;
        var dotGit = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, ".git"));
        foreach (var entry in Directory.EnumerateDirectories(entries))
        {
            var locked = System.IO.Path.Combine(entry, "locked");
            if (ReadTrimmed(System.IO.Path.Combine(entry, "gitdir")) is { Length: > 0 } gitdir && System.IO.Path.GetFullPath(gitdir) == dotGit
                && File.Exists(locked) && File.ReadAllText(locked).Trim() == "initializing")
                return entry;
        }
        return null;
    }

    /// <summary>A work tree's git folder: .git itself, or the folder a linked work tree's .git file points at.</summary>
    public static string GitDirOf(string path)
    {
        var dotGit = System.IO.Path.Combine(path, ".git");
        if (Directory.Exists(dotGit)) return System.IO.Path.GetFullPath(dotGit);
        // A .git file a killed 'git worktree add' had not finished writing is no pointer to anything.
        var line = ReadTrimmed(dotGit) is { } read && read.StartsWith("gitdir:", StringComparison.Ordinal) ? read
            : throw new LibGit2SharpException($"{path} is not a git work tree");
        return System.IO.Path.GetFullPath(line["gitdir:".Length..].Trim(), path);
    }

    private static string? ReadTrimmed(string file) => File.Exists(file) ? File.ReadAllText(file).Trim() : null;

    /// <summary>Every config entry (all levels; the closest wins) whose key starts with <paramref name="prefix"/>.</summary>
    public static IReadOnlyDictionary<string, string> ConfigUnder(string path, string prefix)
    {
        using var repo = new Repository(path);
        return ConfigUnder(repo, prefix);
    }

    public static IReadOnlyDictionary<string, string> ConfigUnder(Repository repo, string prefix)
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // Enumerated from the widest level to the closest, so a repo's own setting overrides a global one.
        foreach (var entry in repo.Config.OrderBy(e => e.Level))
            if (entry.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) found[entry.Key] = entry.Value;
        return found;
    }

    /// <summary>Commits in <paramref name="tip"/> not in <paramref name="baseTip"/>, and the reverse.</summary>
    public static (int? Ahead, int? Behind) Divergence(string path, string tip, string baseTip)
    {
        if (tip == baseTip) return (0, 0);
        using var repo = new Repository(path);
        var d = repo.ObjectDatabase.CalculateHistoryDivergence(repo.Lookup<Commit>(tip), repo.Lookup<Commit>(baseTip));
        return (d.AheadBy, d.BehindBy);
    }

    /// <summary>Local branches whose tip is on no remote-tracking branch (work that exists only here).</summary>
    public static IReadOnlyList<string> UnpushedBranches(string path)
    {
        using var repo = new Repository(path);
        var remoteTips = repo.Branches.Where(b => b.IsRemote && b.Tip is not null).Select(b => b.Tip).ToList();
        if (repo.Network.Remotes.Count() == 0) return [];
        var result = new List<string>();
        foreach (var branch in repo.Branches.Where(b => !b.IsRemote && b.Tip is not null))
        {
            var tip = branch.Tip;
            var reachable = remoteTips.Any(r => r.Sha == tip.Sha || repo.ObjectDatabase.FindMergeBase(r, tip)?.Sha == tip.Sha);
            if (!reachable) result.Add(branch.FriendlyName);
        }
        return result;
    }

    private static int StashCount(Repository repo)
    {
        // The stash is the reflog of refs/stash; counting the log avoids materialising each stash.
        if (repo.Refs["refs/stash"] is null) return 0;
        return repo.Refs.Log("refs/stash").Count();
    }

    private static string? OperationName(CurrentOperation op) => op switch
    {
        CurrentOperation.None => null,
        CurrentOperation.Merge => "merge",
        CurrentOperation.Revert or CurrentOperation.RevertSequence => "revert",
        CurrentOperation.CherryPick or CurrentOperation.CherryPickSequence => "cherry-pick",
        CurrentOperation.Bisect => "bisect",
        CurrentOperation.Rebase or CurrentOperation.RebaseInteractive or CurrentOperation.RebaseMerge => "rebase",
        CurrentOperation.ApplyMailbox => "am",
        CurrentOperation.ApplyMailboxOrRebase => "rebase",
        _ => op.ToString().ToLowerInvariant(),
    };
}
