using System.Diagnostics;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Flow;

public sealed class FlowMoreTests : IDisposable
{
    private static readonly string[] Names = ["a", "b"];
    private readonly WorkspaceFixture _ws = new(Names);

    public void Dispose() => _ws.Dispose();

    private Task<CliRun> Ok(params string[] args) => _ws.SmctlOk(args);

    [Fact]
    public async Task A_finish_without_a_name_finishes_the_branch_every_repo_is_on()
    {
        await Ok("flow", "init");
        await Ok("flow", "feature", "start", "x");
        // One repo elsewhere: the name cannot be read from the checkouts, and the error says what each is on.
        Testing.Git.Run(_ws.Repo("b"), "checkout", "-q", "develop");
        var mixed = await _ws.Smctl("flow", "feature", "finish");
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("feature/x in a", mixed.Stderr);
        Assert.Contains("develop in b", mixed.Stderr);
        Assert.Equal("feature/x", Testing.Git.Run(_ws.Repo("a"), "branch", "--show-current").Trim());

        Testing.Git.Run(_ws.Repo("b"), "checkout", "-q", "feature/x");
        Testing.Git.Commit(_ws.Repo("a"), "work.txt", "work\n", "feat: work");
        var finished = await Ok("flow", "feature", "finish", "--json");
        Assert.Equal("flow feature finish x", finished.Json.GetProperty("command").GetString());
        foreach (var repo in Names)
        {
            Assert.Equal("develop", Testing.Git.Run(_ws.Repo(repo), "branch", "--show-current").Trim());
            Assert.Equal("", Testing.Git.Run(_ws.Repo(repo), "branch", "--list", "feature/x").Trim());
        }
        // On develop everywhere now: nothing to infer.
        Assert.Equal(2, (await _ws.Smctl("flow", "release", "finish")).ExitCode);
    }

    [Fact]
    public async Task Undo_dry_run_shows_the_reversal_and_undo_prints_what_it_put_back()
    {
        await Ok("flow", "init");
        await Ok("flow", "feature", "start", "x");
        var plan = await Ok("undo", "--dry-run", "--json");
        Assert.Equal("planned", plan.Json.GetProperty("phase").GetString());
        var commands = plan.Json.GetProperty("repos")[0].GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("command").GetString()!).ToList();
        Assert.Contains("git push origin :feature/x (delete it there)", commands);
        Assert.Contains("git switch main", commands);
        Assert.Contains("git branch -D feature/x (made by the run)", commands);
        Assert.DoesNotContain(commands, c => c.StartsWith("git switch -c", StringComparison.Ordinal));
        // Nothing changed.
        Assert.Equal("feature/x", Testing.Git.Run(_ws.Repo("a"), "branch", "--show-current").Trim());
        Assert.NotEqual("", Testing.Git.Run(_ws.RemotePath("a"), "branch", "--list", "feature/x").Trim());

        var undone = await Ok("undo", "--yes");
        Assert.Contains("undo of 'flow feature start x'", undone.Stdout);
        Assert.Contains("git push origin :feature/x (delete it there)", undone.Stdout);
        Assert.Contains("git branch -D feature/x (made by the run)", undone.Stdout);
        Assert.Equal("main", Testing.Git.Run(_ws.Repo("a"), "branch", "--show-current").Trim());
        Assert.Equal("", Testing.Git.Run(_ws.RemotePath("a"), "branch", "--list", "feature/x").Trim());
    }

    [Fact]
    public async Task Undo_touches_only_what_the_run_pushed_even_after_a_teammate_pushed_and_a_sync()
    {
        await Ok("flow", "init");
        await Ok("flow", "feature", "start", "f1");
        _ws.PushFromElsewhere("a", "develop", "teammate.txt", "theirs\n");
        var scratch = Path.Combine(_ws.Root, "teammate");
        Testing.Git.Run(_ws.Root, "clone", "-q", "--branch", "develop", _ws.RemoteUrl("a"), scratch);
        Testing.Git.Run(scratch, "checkout", "-q", "-b", "feature/teammate");
        Testing.Git.Commit(scratch, "t.txt", "t\n", "their feature");
        Testing.Git.Run(scratch, "push", "-q", "origin", "feature/teammate");
        var develop = Testing.Git.Head(_ws.RemotePath("a"), "develop");
        var teammate = Testing.Git.Head(_ws.RemotePath("a"), "feature/teammate");
        await Ok("workspace", "sync");

        var plan = await Ok("undo", "--dry-run");
        Assert.DoesNotContain("teammate", plan.Stdout);
        Assert.DoesNotContain(":develop", plan.Stdout);
        await Ok("undo", "--yes");
        Assert.Equal(develop, Testing.Git.Head(_ws.RemotePath("a"), "develop"));
        Assert.Equal(teammate, Testing.Git.Head(_ws.RemotePath("a"), "feature/teammate"));
        Assert.Equal("", Testing.Git.Run(_ws.RemotePath("a"), "branch", "--list", "feature/f1").Trim());
    }

    [Fact]
    public async Task A_saved_call_from_the_cli_is_made_again_by_plan_apply()
    {
        var before = File.ReadAllText(_ws.Manifest);
        var text = await Ok("config", "set", "flow.develop_branch", "dev", "--dry-run", "--save-plan");
        Assert.Contains("makes exactly this call", text.Stderr + text.Stdout);
        var id = (await Ok("config", "set", "flow.develop_branch", "dev", "--dry-run", "--save-plan", "--json")).Json.GetProperty("planId").GetString()!;
        Assert.Equal(before, File.ReadAllText(_ws.Manifest));
        var applied = (await Ok("plan", "apply", id, "--json")).Json;
        Assert.Equal("dev", applied.GetProperty("output").GetProperty("value").GetString());
        Assert.Equal("dev", (await Ok("config", "get", "flow.develop_branch")).Stdout.Trim());
    }

    [Fact]
    public async Task A_saved_plan_applies_exactly_and_is_refused_once_a_repo_moved()
    {
        await Ok("flow", "init");
        var saved = await Ok("flow", "feature", "start", "x", "--dry-run", "--save-plan", "--json");
        var id = saved.Json.GetProperty("planId").GetString()!;
        Assert.Equal("", Testing.Git.Run(_ws.Repo("a"), "branch", "--list", "feature/x").Trim());
        Assert.Contains(id, (await Ok("plan", "list")).Stdout);
        Assert.Contains("git switch -c feature/x", (await Ok("plan", "show", id)).Stdout);
        await Ok("plan", "apply", id);
        Assert.Equal("feature/x", Testing.Git.Run(_ws.Repo("b"), "branch", "--show-current").Trim());

        var second = (await Ok("flow", "feature", "finish", "x", "--dry-run", "--save-plan", "--json")).Json.GetProperty("planId").GetString()!;
        Testing.Git.Commit(_ws.Repo("a"), "late.txt", "late", "a late commit");
        var refused = await _ws.Smctl("plan", "apply", second);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("a: moved since the plan was made: refs/heads/feature/x", refused.Stderr);
        Assert.Equal(2, (await _ws.Smctl("plan", "apply", "../../etc/passwd")).ExitCode);
        Assert.Equal(2, (await _ws.Smctl("flow", "feature", "start", "y", "--save-plan")).ExitCode);
    }

    [Fact]
    public async Task Update_merges_develop_into_the_feature_or_rebases_it()
    {
        await Ok("flow", "init");
        await Ok("flow", "feature", "start", "x");
        Testing.Git.Commit(_ws.Repo("a"), "feature.txt", "f", "feature work");
        _ws.PushFromElsewhere("a", "develop", "news.txt", "news");
        _ws.PushFromElsewhere("b", "develop", "news.txt", "news");

        await Ok("flow", "feature", "update", "x", "--repos", "a");
        Assert.Equal("Merge branch 'develop' into feature/x", Testing.Git.Run(_ws.Repo("a"), "log", "-1", "--format=%s", "feature/x").Trim());
        Assert.True(File.Exists(Path.Combine(_ws.Repo("a"), "news.txt")));
        Assert.Equal(Testing.Git.Head(_ws.Repo("a")), Testing.Git.Head(_ws.RemotePath("a"), "feature/x"));

        await Ok("flow", "feature", "update", "x", "--repos", "b", "--rebase");
        Assert.Equal(Testing.Git.Head(_ws.Repo("b"), "origin/develop"), Testing.Git.Head(_ws.Repo("b"), "feature/x"));
        Assert.Equal(Testing.Git.Head(_ws.Repo("b")), Testing.Git.Head(_ws.RemotePath("b"), "feature/x"));
    }

    [Fact]
    public async Task Finish_merges_in_the_work_tree_that_holds_develop_and_refuses_a_feature_held_by_one()
    {
        await Ok("flow", "init");
        await Ok("flow", "feature", "start", "x");
        Testing.Git.Commit(_ws.Repo("a"), "x.txt", "x", "x work");
        Testing.Git.Run(_ws.Repo("a"), "switch", "-q", "main");
        var developTree = Path.Combine(_ws.Root, "develop-a");
        Testing.Git.Run(_ws.Repo("a"), "worktree", "add", "-q", developTree, "develop");

        await Ok("flow", "feature", "finish", "x", "--repos", "a");
        Assert.True(File.Exists(Path.Combine(developTree, "x.txt")), "the merge must update the work tree that has develop checked out");
        Assert.Equal("", Testing.Git.Run(developTree, "status", "--porcelain").Trim());
        Assert.Equal("main", Testing.Git.Run(_ws.Repo("a"), "branch", "--show-current").Trim());

        await Ok("flow", "feature", "start", "y", "--no-checkout", "--repos", "b");
        var featureTree = Path.Combine(_ws.Root, "feature-b");
        Testing.Git.Run(_ws.Repo("b"), "worktree", "add", "-q", featureTree, "feature/y");
        var refused = await _ws.Smctl("flow", "feature", "finish", "y");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("feature/y is checked out in the work tree", refused.Stderr);
    }

    [Fact]
    public async Task The_trunk_model_starts_and_finishes_on_main_and_releases_by_tagging_main()
    {
        File.AppendAllText(_ws.Manifest, "\n[flow]\nmodel = \"trunk\"\n");
        await Ok("flow", "init");
        await Ok("flow", "feature", "start", "t");
        Assert.Equal(Testing.Git.Head(_ws.Repo("a"), "main"), Testing.Git.Head(_ws.Repo("a")));
        Testing.Git.Commit(_ws.Repo("a"), "t.txt", "t", "trunk work");
        await Ok("flow", "feature", "finish", "t");
        Assert.Equal("Merge branch 'feature/t' into main", Testing.Git.Run(_ws.Repo("a"), "log", "-1", "--format=%s", "main").Trim());
        Assert.Equal(2, (await _ws.Smctl("flow", "release", "start", "1.0")).ExitCode);
        await Ok("flow", "release", "finish", "1.0");
        foreach (var repo in Names)
            Assert.Equal(Testing.Git.Head(_ws.Repo(repo), "main"), Testing.Git.Head(_ws.RemotePath(repo), "v1.0.0^{commit}"));
    }

    [Fact]
    public async Task A_second_smctl_is_refused_while_one_holds_the_lock()
    {
        await Ok("flow", "init");
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        var store = new Smctl.Core.Plans.RunStore(Path.Combine(_ws.Ws, ".smctl"));
        try
        {
            using (store.Lock("flow feature finish other"))
            {
                // The holder's message names its process; here the test holds the lock for the sleeper.
                File.WriteAllText(store.OwnerFile, $"{sleeper.Id} flow feature finish other");
                var run = await _ws.Smctl("flow", "feature", "start", "x");
                Assert.Equal(4, run.ExitCode);
                Assert.Contains($"another smctl (pid {sleeper.Id}) is running 'flow feature finish other'", run.Stderr);
                Assert.False(Directory.Exists(Path.Combine(_ws.Repo("a"), ".git", "refs", "heads", "feature")));
            }
        }
        finally
        {
            sleeper.Kill();
        }
        await sleeper.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, (await _ws.Smctl("flow", "feature", "start", "x")).ExitCode);
    }

    [Fact]
    public async Task The_lock_holds_against_a_second_taker_in_the_same_process_and_whatever_its_file_says()
    {
        // The MCP server runs tool calls concurrently in one process; a lock file that is empty or names a dead
        // process (its holder has not written its pid yet) must not let a second taker in either.
        await Ok("flow", "init");
        var store = new Smctl.Core.Plans.RunStore(Path.Combine(_ws.Ws, ".smctl"));
        using (store.Lock("flow feature start one"))
        {
            var second = Assert.Throws<Smctl.Core.Errors.SmctlException>(() => store.Lock("flow feature start two"));
            Assert.Contains("this smctl is already running 'flow feature start one'", second.Message);
            File.WriteAllText(store.OwnerFile, "");
            Assert.Throws<Smctl.Core.Errors.SmctlException>(() => store.Lock("flow feature start two"));
            Assert.Equal(4, (await _ws.Smctl("flow", "feature", "start", "x")).ExitCode);
        }
        // Released: the next one takes it, in this process or another.
        using (store.Lock("flow feature start three")) { }
        Assert.Equal(0, (await _ws.Smctl("flow", "feature", "start", "x")).ExitCode);
    }

    [Fact]
    public async Task Merges_commits_and_tags_take_the_user_configs_identity_where_a_repo_has_none()
    {
        await Ok("flow", "init");
        await Ok("flow", "release", "start", "1.0");
        Testing.Git.Run(_ws.Repo("b"), "config", "user.name", "Repo Person");
        Testing.Git.Run(_ws.Repo("b"), "config", "user.email", "repo@smctl.invalid");
        // No identity anywhere else: git is told not to guess one, and neither git nor libgit2 finds a global one.
        var home = Path.Combine(_ws.Root, "home");
        Directory.CreateDirectory(home);
        var noIdentity = Path.Combine(home, "gitconfig");
        File.WriteAllText(noIdentity, "[user]\n\tuseConfigOnly = true\n[init]\n\tdefaultBranch = main\n[protocol \"file\"]\n\tallow = always\n");
        Directory.CreateDirectory(Path.Combine(_ws.UserConfigHome, "smctl"));
        File.WriteAllText(Path.Combine(_ws.UserConfigHome, "smctl", "config.toml"), "[user]\nname = \"Fallback Person\"\nemail = \"fallback@smctl.invalid\"\n");
        var env = new Dictionary<string, string> { ["HOME"] = home, ["GIT_CONFIG_GLOBAL"] = noIdentity, ["XDG_CONFIG_HOME"] = _ws.UserConfigHome };

        var run = SmctlProcess.Run(_ws.Ws, env, "flow", "release", "finish", "1.0");
        Assert.True(run.Code == 0, run.Stderr);
        string Who(string repo, params string[] args) => Testing.Git.Run(_ws.Repo(repo), args).Trim();
        // The back-merge, the main merge, the release's changelog commit and the tag.
        foreach (var rev in new[] { "develop", "main", "main^2" })
            Assert.Equal("Fallback Person <fallback@smctl.invalid>", Who("a", "log", "-1", "--format=%an <%ae>", rev));
        Assert.Equal("Fallback Person <fallback@smctl.invalid>", Who("a", "for-each-ref", "--format=%(taggername) %(taggeremail)", "refs/tags/v1.0.0"));
        Assert.Equal("Repo Person <repo@smctl.invalid>", Who("b", "log", "-1", "--format=%an <%ae>", "main"));
        Assert.Equal("Repo Person <repo@smctl.invalid>", Who("b", "for-each-ref", "--format=%(taggername) %(taggeremail)", "refs/tags/v1.0.0"));
    }

    [Fact]
    public async Task A_merge_in_progress_or_a_detached_head_is_refused()
    {
        await Ok("flow", "init");
        Testing.Git.Run(_ws.Repo("a"), "checkout", "-q", "--detach", "HEAD");
        Testing.Git.Run(_ws.Repo("b"), "checkout", "-q", "-b", "side");
        Testing.Git.Commit(_ws.Repo("b"), "README.md", "side\n", "side");
        Testing.Git.Run(_ws.Repo("b"), "checkout", "-q", "main");
        Testing.Git.Commit(_ws.Repo("b"), "README.md", "main\n", "main");
        Assert.NotEqual(0, Testing.Git.TryRun(_ws.Repo("b"), "merge", "side").Code);
        var run = await _ws.Smctl("flow", "feature", "start", "x");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("a: HEAD is detached", run.Stderr);
        Assert.Contains("b: a merge is in progress", run.Stderr);
    }
}

public sealed class GitFlowDefaultsTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("a");

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task Gitflow_finish_defaults_in_git_config_are_honoured()
    {
        Assert.Equal(0, (await _ws.Smctl("flow", "init")).ExitCode);
        var repo = _ws.Repo("a");
        Testing.Git.Run(repo, "config", "gitflow.feature.finish.keepremote", "true");
        Testing.Git.Run(repo, "config", "gitflow.release.finish.notag", "true");
        Assert.Equal(0, (await _ws.Smctl("flow", "feature", "start", "k")).ExitCode);
        Testing.Git.Commit(repo, "k.txt", "k", "k");
        Assert.Equal(0, (await _ws.Smctl("flow", "feature", "finish", "k")).ExitCode);
        Assert.Equal("", Testing.Git.Run(repo, "branch", "--list", "feature/k").Trim());
        Assert.NotEqual("", Testing.Git.Run(_ws.RemotePath("a"), "branch", "--list", "feature/k").Trim());

        Assert.Equal(0, (await _ws.Smctl("flow", "release", "start", "3.0")).ExitCode);
        Assert.Equal(0, (await _ws.Smctl("flow", "release", "finish", "3.0")).ExitCode);
        Assert.Equal("", Testing.Git.Run(repo, "tag", "--list").Trim());
        Assert.Equal("Merge branch 'main' into develop", Testing.Git.Run(repo, "log", "-1", "--format=%s", "develop").Trim());
    }
}
