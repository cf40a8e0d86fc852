using Smctl.Core.Git;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Git;

/// <summary>The in-process reader must agree with <c>git status --porcelain=v2 --branch</c> on tricky repos.</summary>
public sealed class RepoReaderTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("r");
    private string Repo => _ws.Repo("r");

    public void Dispose() => _ws.Dispose();

    /// <summary>Counts from git's own porcelain v2 output.</summary>
    private static (string? Branch, string? Upstream, int? Ahead, int? Behind, int Staged, int Modified, int Untracked, int Conflicted, int Stashes) Porcelain(string dir)
    {
        var output = Testing.Git.Run(dir, "status", "--porcelain=v2", "--branch", "--show-stash");
        string? branch = null, upstream = null;
        int? ahead = null, behind = null;
        int staged = 0, modified = 0, untracked = 0, conflicted = 0, stashes = 0;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            switch (parts[0])
            {
                case "#" when parts[1] == "branch.head": branch = parts[2] == "(detached)" ? null : parts[2]; break;
                case "#" when parts[1] == "branch.upstream": upstream = parts[2]; break;
                case "#" when parts[1] == "branch.ab": ahead = int.Parse(parts[2][1..]); behind = int.Parse(parts[3][1..]); break;
                case "#" when parts[1] == "stash": stashes = int.Parse(parts[2]); break;
                case "1" or "2":
                    if (parts[1][0] != '.') staged++;
                    if (parts[1][1] != '.') modified++;
                    break;
                case "u": conflicted++; break;
                case "?": untracked++; break;
            }
        }
        return (branch, upstream, ahead, behind, staged, modified, untracked, conflicted, stashes);
    }

    private void AssertAgrees(string dir)
    {
        var git = Porcelain(dir);
        var ours = RepoReader.Status("r", dir);
        Assert.Null(ours.Error);
        Assert.Equal(git.Branch, ours.Branch);
        Assert.Equal(git.Upstream, ours.Upstream);
        Assert.Equal(git.Ahead, ours.Ahead);
        Assert.Equal(git.Behind, ours.Behind);
        Assert.Equal(git.Staged, ours.Staged);
        Assert.Equal(git.Modified, ours.Modified);
        Assert.Equal(git.Untracked, ours.Untracked);
        Assert.Equal(git.Conflicted, ours.Conflicted);
        Assert.Equal(git.Stashes, ours.Stashes);
    }

    [Fact]
    public void Clean_clone_agrees()
    {
        AssertAgrees(Repo);
        Assert.False(RepoReader.Status("r", Repo).Dirty);
    }

    [Fact]
    public void Ignored_files_and_untracked_folders_agree()
    {
        Testing.Git.Commit(Repo, ".gitignore", "*.log\nbuild/\n", "ignore");
        File.WriteAllText(Path.Combine(Repo, "debug.log"), "x");
        Directory.CreateDirectory(Path.Combine(Repo, "build"));
        File.WriteAllText(Path.Combine(Repo, "build", "out.bin"), "x");
        Directory.CreateDirectory(Path.Combine(Repo, "newdir", "deep"));
        File.WriteAllText(Path.Combine(Repo, "newdir", "deep", "a.txt"), "x");
        File.WriteAllText(Path.Combine(Repo, "newdir", "b.txt"), "x");
        Directory.CreateDirectory(Path.Combine(Repo, "only-ignored"));
        File.WriteAllText(Path.Combine(Repo, "only-ignored", "x.log"), "x");
        File.WriteAllText(Path.Combine(Repo, "loose.txt"), "x");
        AssertAgrees(Repo);
        Assert.Equal(2, RepoReader.Status("r", Repo).Untracked);
    }

    [Fact]
    public void Staged_modified_renamed_and_deleted_agree()
    {
        File.AppendAllText(Path.Combine(Repo, "README.md"), "more\n");
        Testing.Git.Run(Repo, "add", "README.md");
        File.AppendAllText(Path.Combine(Repo, "README.md"), "and more\n");
        Testing.Git.Run(Repo, "mv", "src/a.txt", "src/renamed.txt");
        File.WriteAllText(Path.Combine(Repo, "new.txt"), "new");
        Testing.Git.Run(Repo, "add", "new.txt");
        AssertAgrees(Repo);
        var s = RepoReader.Status("r", Repo);
        Assert.Equal(3, s.Staged);
        Assert.Equal(1, s.Modified);
    }

    [Fact]
    public void Ahead_behind_and_stash_agree()
    {
        _ws.PushFromElsewhere("r", "main", "theirs.txt", "theirs");
        Testing.Git.Run(Repo, "fetch", "-q");
        Testing.Git.Commit(Repo, "mine.txt", "mine", "mine 1");
        Testing.Git.Commit(Repo, "mine2.txt", "mine", "mine 2");
        File.AppendAllText(Path.Combine(Repo, "README.md"), "stash me\n");
        Testing.Git.Run(Repo, "stash", "-q");
        File.AppendAllText(Path.Combine(Repo, "README.md"), "stash me too\n");
        Testing.Git.Run(Repo, "stash", "-q");
        AssertAgrees(Repo);
        var s = RepoReader.Status("r", Repo);
        Assert.Equal((2, 1, 2), (s.Ahead!.Value, s.Behind!.Value, s.Stashes));
    }

    [Fact]
    public void Detached_head_agrees()
    {
        Testing.Git.Run(Repo, "checkout", "-q", "--detach", "HEAD~1");
        AssertAgrees(Repo);
        var s = RepoReader.Status("r", Repo);
        Assert.True(s.Detached);
        Assert.Null(s.Branch);
    }

    [Fact]
    public void Merge_in_progress_with_conflict_agrees()
    {
        Testing.Git.Run(Repo, "checkout", "-q", "-b", "other");
        Testing.Git.Commit(Repo, "README.md", "other side\n", "other");
        Testing.Git.Run(Repo, "checkout", "-q", "main");
        Testing.Git.Commit(Repo, "README.md", "main side\n", "main");
        Assert.NotEqual(0, Testing.Git.TryRun(Repo, "merge", "other").Code);
        AssertAgrees(Repo);
        var s = RepoReader.Status("r", Repo);
        Assert.Equal("merge", s.Operation);
        Assert.Equal(1, s.Conflicted);
    }

    [Fact]
    public void Rebase_in_progress_is_reported()
    {
        Testing.Git.Run(Repo, "checkout", "-q", "-b", "other");
        Testing.Git.Commit(Repo, "README.md", "other side\n", "other");
        Testing.Git.Run(Repo, "checkout", "-q", "main");
        Testing.Git.Commit(Repo, "README.md", "main side\n", "main");
        Assert.NotEqual(0, Testing.Git.TryRun(Repo, "rebase", "other").Code);
        AssertAgrees(Repo);
        Assert.Equal("rebase", RepoReader.Status("r", Repo).Operation);
    }

    [Fact]
    public void Linked_worktree_agrees_and_is_read_on_its_own_branch()
    {
        var wt = Path.Combine(_ws.Root, "wt");
        Testing.Git.Run(Repo, "worktree", "add", "-q", "-b", "feature/x", wt);
        File.WriteAllText(Path.Combine(wt, "wip.txt"), "x");
        File.AppendAllText(Path.Combine(wt, "README.md"), "edit\n");
        AssertAgrees(wt);
        var s = RepoReader.Status("r", wt);
        Assert.Equal("feature/x", s.Branch);
        Assert.Equal((1, 1), (s.Untracked, s.Modified));
        Assert.False(RepoReader.Status("r", Repo).Dirty);
    }

    [Fact]
    public void Upstream_gone_is_reported()
    {
        Testing.Git.Run(Repo, "checkout", "-q", "-b", "topic");
        Testing.Git.Run(Repo, "push", "-q", "-u", "origin", "topic");
        Testing.Git.Run(Repo, "push", "-q", "origin", "--delete", "topic");
        Testing.Git.Run(Repo, "fetch", "-q", "--prune");
        AssertAgrees(Repo);
        Assert.True(RepoReader.Status("r", Repo).UpstreamGone);
    }

    [Fact]
    public void Missing_folder_and_non_repo_are_reported_not_thrown()
    {
        Assert.True(RepoReader.Status("x", Path.Combine(_ws.Root, "nope")).Missing);
        var plain = Path.Combine(_ws.Root, "plain");
        Directory.CreateDirectory(plain);
        Assert.Equal("not a git repository", RepoReader.Status("x", plain).Error);
    }
}
