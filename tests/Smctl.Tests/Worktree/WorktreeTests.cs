using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Worktree;

public sealed class WorktreeTests : IDisposable
{
    private static readonly string[] Names = ["a", "b", "c"];
    private readonly WorkspaceFixture _ws = new(Names);

    public WorktreeTests() => Assert.Equal(0, _ws.Smctl("flow", "init").GetAwaiter().GetResult().ExitCode);

    public void Dispose() => _ws.Dispose();

    private string Set(string name) => Path.Combine(_ws.Ws, ".worktrees", "feature-" + name);

    private Task<CliRun> Ok(params string[] args) => _ws.SmctlOk(args);

    [Fact]
    public async Task Feat_says_where_the_worktrees_are_status_there_shows_the_set_and_done_explains_untracked_output()
    {
        var feat = await Ok("feat", "w");
        Assert.Contains($"Worktrees in {Set("w")}:", feat.Stdout);
        Assert.Contains($"a: {Path.Combine(Set("w"), "a")}", feat.Stdout);

        // Inside the set: its worktrees, on feature/w, not the main checkouts.
        File.WriteAllText(Path.Combine(Set("w"), "a", "edit.txt"), "x");
        var inSet = await CliRun.RunAsync(Path.Combine(Set("w"), "a"), ["workspace", "status", "--json"],
            new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = _ws.UserConfigHome });
        Assert.Equal("feature-w", inSet.Json.GetProperty("worktreeSet").GetString());
        var repos = inSet.Json.GetProperty("repos").EnumerateArray().ToList();
        Assert.Equal(3, repos.Count);
        Assert.All(repos, r => Assert.Equal("feature/w", r.GetProperty("branch").GetString()));
        Assert.Equal(1, repos.Single(r => r.GetProperty("name").GetString() == "a").GetProperty("untracked").GetInt32());
        var outside = await Ok("workspace", "status", "--json");
        Assert.False(outside.Json.TryGetProperty("worktreeSet", out _));

        // Untracked build output blocks done, with what to do about it.
        File.Delete(Path.Combine(Set("w"), "a", "edit.txt"));
        Directory.CreateDirectory(Path.Combine(Set("w"), "b", "out"));
        File.WriteAllText(Path.Combine(Set("w"), "b", "out", "app.bin"), "built");
        var done = await _ws.Smctl("done", "w");
        Assert.NotEqual(0, done.ExitCode);
        Assert.Contains("untracked files (build output?)", done.Stderr);
        Assert.Contains(".gitignore", done.Stderr);
        Assert.Contains("smctl worktree remove w --force", done.Stderr);
    }

    [Fact]
    public async Task Add_list_path_and_remove_a_set_across_repos()
    {
        await Ok("worktree", "add", "gpu");
        foreach (var repo in Names)
        {
            var folder = Path.Combine(Set("gpu"), repo);
            Assert.Equal("feature/gpu", Testing.Git.Run(folder, "branch", "--show-current").Trim());
            Assert.Equal(Testing.Git.Head(_ws.Repo(repo), "develop"), Testing.Git.Head(folder));
            Assert.Equal("main", Testing.Git.Run(_ws.Repo(repo), "branch", "--show-current").Trim());
        }
        var path = await Ok("worktree", "path", "gpu", "b");
        Assert.Equal(Path.Combine(Set("gpu"), "b"), path.Stdout.Trim());
        Assert.Equal(Set("gpu"), (await Ok("worktree", "cd", "gpu")).Stdout.Trim());

        var list = await Ok("worktree", "list", "--json");
        var set = list.Json.GetProperty("sets")[0];
        Assert.Equal("feature-gpu", set.GetProperty("name").GetString());
        Assert.Equal(3, set.GetProperty("worktrees").GetArrayLength());

        // Adding again is harmless.
        await Ok("worktree", "add", "gpu");

        await Ok("worktree", "remove", "gpu");
        Assert.False(Directory.Exists(Set("gpu")));
        Assert.Equal("", Testing.Git.Run(_ws.Repo("a"), "worktree", "list", "--porcelain").Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? "");
        Assert.NotEqual("", Testing.Git.Run(_ws.Repo("a"), "branch", "--list", "feature/gpu").Trim());
    }

    [Fact]
    public async Task Remove_refuses_unsaved_work_listing_the_files_unless_forced()
    {
        await Ok("worktree", "add", "w");
        File.WriteAllText(Path.Combine(Set("w"), "b", "wip.txt"), "wip");
        Testing.Git.Commit(Path.Combine(Set("w"), "c"), "done.txt", "x", "unpushed work");
        var refused = await _ws.Smctl("worktree", "remove", "w");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("b: ", refused.Stderr);
        Assert.Contains("wip.txt", refused.Stderr);
        Assert.Contains("c: feature/w", refused.Stderr);
        Assert.True(Directory.Exists(Path.Combine(Set("w"), "a")));

        Assert.Equal(2, (await _ws.Smctl("worktree", "remove", "w", "--force")).ExitCode);
        await Ok("worktree", "remove", "w", "--force", "--delete-branch", "--yes");
        Assert.False(Directory.Exists(Set("w")));
        Assert.Equal("", Testing.Git.Run(_ws.Repo("c"), "branch", "--list", "feature/w").Trim());
    }

    [Fact]
    public async Task Hand_made_and_stale_worktrees_are_listed_and_pruned()
    {
        var manual = Path.Combine(_ws.Root, "by-hand");
        Testing.Git.Run(_ws.Repo("a"), "worktree", "add", "-q", "-b", "spike", manual);
        await Ok("worktree", "add", "s");
        Directory.Delete(Path.Combine(Set("s"), "b"), recursive: true);

        var list = await Ok("worktree", "list", "--json");
        var sets = list.Json.GetProperty("sets").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.False(sets["(made by hand)"].GetProperty("managed").GetBoolean());
        Assert.Equal("spike", sets["(made by hand)"].GetProperty("worktrees")[0].GetProperty("branch").GetString());
        var stale = sets["feature-s"].GetProperty("worktrees").EnumerateArray().Single(w => w.GetProperty("repo").GetString() == "b");
        Assert.True(stale.GetProperty("stale").GetBoolean());

        var pruned = await Ok("worktree", "prune", "--json");
        Assert.Equal("b", pruned.Json.GetProperty("pruned")[0].GetProperty("repo").GetString());
        Assert.DoesNotContain("feature-s/b", Testing.Git.Run(_ws.Repo("b"), "worktree", "list"));
    }

    [Fact]
    public async Task Feat_and_done_round_trip_ends_merged_with_no_worktree_left()
    {
        await Ok("feat", "login");
        foreach (var repo in Names) Testing.Git.Commit(Path.Combine(Set("login"), repo), "login.txt", repo, "login in " + repo);
        File.WriteAllText(Path.Combine(Set("login"), "a", "dirty.txt"), "not yet");
        var before = Refs.Of(_ws, Names);
        var refused = await _ws.Smctl("done", "login");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("dirty.txt", refused.Stderr);
        Assert.Equal("", Refs.Diff(before, Refs.Of(_ws, Names)));
        Assert.True(Directory.Exists(Path.Combine(Set("login"), "a")));

        File.Delete(Path.Combine(Set("login"), "a", "dirty.txt"));
        await Ok("done", "login");
        Assert.False(Directory.Exists(Set("login")));
        foreach (var repo in Names)
        {
            Assert.Equal("Merge branch 'feature/login' into develop", Testing.Git.Run(_ws.Repo(repo), "log", "-1", "--format=%s", "develop").Trim());
            Assert.Equal(Testing.Git.Head(_ws.Repo(repo), "develop"), Testing.Git.Head(_ws.RemotePath(repo), "develop"));
            Assert.Equal("", Testing.Git.Run(_ws.Repo(repo), "branch", "--list", "feature/login").Trim());
        }
        // ss is spec new: this workspace has no OpenSpec root, and it says so.
        var ss = await _ws.Smctl("ss", "x");
        Assert.Equal(5, ss.ExitCode);
        Assert.Contains("no OpenSpec root", ss.Stderr);
    }

    [Fact]
    public async Task Undo_of_feat_removes_the_worktrees_it_made()
    {
        var before = Refs.Of(_ws, Names);
        await Ok("feat", "u");
        await Ok("undo", "--yes");
        Assert.Equal("", Refs.Diff(before, Refs.Of(_ws, Names)));
        Assert.False(Directory.Exists(Set("u")));
    }

    [Fact]
    public async Task Bad_input_is_refused_before_anything_changes()
    {
        Assert.Equal(2, (await _ws.Smctl("worktree", "add", "Bad Name")).ExitCode);
        Assert.Equal(2, (await _ws.Smctl("worktree", "remove", "nothing-here")).ExitCode);

        Testing.Git.Run(_ws.Repo("b"), "switch", "-q", "-c", "feature/mine");
        var held = await _ws.Smctl("worktree", "add", "mine");
        Assert.Equal(3, held.ExitCode);
        Assert.Contains("b: feature/mine is already checked out in", held.Stderr);
        Assert.Contains("the repo's own checkout", held.Stderr);
        Assert.False(Directory.Exists(Set("mine")));

        File.AppendAllText(_ws.Manifest, "\n[worktree]\nbase_dir = \"../outside\"\n");
        var outside = await _ws.Smctl("worktree", "add", "x");
        Assert.Equal(4, outside.ExitCode);
        Assert.Contains("outside the workspace root", outside.Stderr);
    }
}
