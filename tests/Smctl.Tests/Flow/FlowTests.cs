using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Flow;

public sealed class FlowTests : IDisposable
{
    private static readonly string[] Names = ["a", "b", "c"];
    private readonly WorkspaceFixture _ws = new(Names);

    public void Dispose() => _ws.Dispose();

    private Task<CliRun> Ok(params string[] args) => _ws.SmctlOk(args);

    private static string Parents(string repo, string rev) => Testing.Git.Run(repo, "rev-list", "--parents", "-n", "1", rev).Trim();

    [Fact]
    public async Task Feature_start_and_finish_across_repos()
    {
        await Ok("flow", "init");
        Assert.Equal("develop", Testing.Git.Run(_ws.Repo("a"), "config", "gitflow.branch.develop").Trim());
        Assert.Equal("origin/develop", Testing.Git.Run(_ws.Repo("a"), "rev-parse", "--abbrev-ref", "develop@{upstream}").Trim());

        await Ok("flow", "feature", "start", "login");
        foreach (var repo in Names)
        {
            Assert.Equal("feature/login", Testing.Git.Run(_ws.Repo(repo), "branch", "--show-current").Trim());
            Assert.Equal(Testing.Git.Head(_ws.Repo(repo)), Testing.Git.Head(_ws.Repo(repo), "origin/feature/login"));
        }
        Testing.Git.Commit(_ws.Repo("a"), "login.txt", "a1", "login 1");
        Testing.Git.Commit(_ws.Repo("a"), "login.txt", "a2", "login 2");
        Testing.Git.Commit(_ws.Repo("b"), "login.txt", "b1", "login b");
        var featureTipA = Testing.Git.Head(_ws.Repo("a"));

        var list = await Ok("flow", "feature", "list", "--json");
        Assert.Equal("feature/login", list.Json.GetProperty("branches")[0].GetProperty("branch").GetString());

        await Ok("flow", "feature", "finish", "login");
        var merge = Parents(_ws.Repo("a"), "develop").Split(' ');
        Assert.Equal(3, merge.Length);
        Assert.Equal(featureTipA, merge[2]);
        Assert.Equal("Merge branch 'feature/login' into develop", Testing.Git.Run(_ws.Repo("a"), "log", "-1", "--format=%s", "develop").Trim());
        foreach (var repo in Names)
        {
            Assert.Equal("develop", Testing.Git.Run(_ws.Repo(repo), "branch", "--show-current").Trim());
            Assert.Equal("", Testing.Git.Run(_ws.Repo(repo), "branch", "--list", "feature/login").Trim());
            Assert.Equal("", Testing.Git.Run(_ws.RemotePath(repo), "branch", "--list", "feature/login").Trim());
            Assert.Equal(Testing.Git.Head(_ws.Repo(repo), "develop"), Testing.Git.Head(_ws.RemotePath(repo), "develop"));
        }
        // c had no commits: nothing to merge, develop unchanged.
        Assert.Equal(2, Parents(_ws.Repo("c"), "develop").Split(' ').Length);

        // Finishing again is an error that names the branch, and changes nothing.
        var again = await _ws.Smctl("flow", "feature", "finish", "login");
        Assert.Equal(2, again.ExitCode);
    }

    [Fact]
    public async Task Validation_reports_every_problem_in_every_repo_and_changes_nothing()
    {
        await Ok("flow", "init");
        await Ok("flow", "feature", "start", "x");
        Testing.Git.Commit(_ws.Repo("a"), "README.md", "feature side\n", "feature edit");
        Testing.Git.Run(_ws.Repo("a"), "switch", "-q", "develop");
        Testing.Git.Commit(_ws.Repo("a"), "README.md", "develop side\n", "develop edit");
        Testing.Git.Run(_ws.Repo("a"), "push", "-q", "origin", "develop");
        Testing.Git.Run(_ws.Repo("a"), "switch", "-q", "feature/x");
        File.AppendAllText(Path.Combine(_ws.Repo("b"), "README.md"), "dirty\n");
        var before = Refs.Of(_ws, Names);

        var run = await _ws.Smctl("flow", "feature", "finish", "x");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("a: merging feature/x into develop conflicts in README.md", run.Stderr);
        Assert.Contains("b: has uncommitted changes", run.Stderr);
        Assert.Contains("nothing was changed", run.Stderr);
        Assert.Equal("", Refs.Diff(before, Refs.Of(_ws, Names)));
    }

    [Theory]
    [InlineData("Bad")]
    [InlineData("-x")]
    [InlineData("a..b")]
    [InlineData("has space")]
    [InlineData("x/y")]
    public async Task Bad_feature_names_are_usage_errors(string name)
    {
        var run = await _ws.Smctl("flow", "feature", "start", "--", name);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a valid name", run.Stderr);
    }

    [Fact]
    public async Task Release_finish_merges_into_main_tags_and_merges_the_tag_back()
    {
        await Ok("flow", "init");
        var bad = await _ws.Smctl("flow", "release", "start", "one");
        Assert.Equal(2, bad.ExitCode);
        await Ok("flow", "release", "start", "1.2");
        Assert.Equal("release/1.2.0", Testing.Git.Run(_ws.Repo("a"), "branch", "--show-current").Trim());
        Testing.Git.Commit(_ws.Repo("a"), "VERSION", "1.2.0\n", "bump version");
        var releaseTip = Testing.Git.Head(_ws.Repo("a"));
        await Ok("flow", "release", "finish", "1.2.0", "-m", "Spring release");
        foreach (var repo in Names)
        {
            var r = _ws.Repo(repo);
            Assert.Equal("tag", Testing.Git.Run(r, "cat-file", "-t", "v1.2.0").Trim());
            Assert.Equal(Testing.Git.Head(r, "main"), Testing.Git.Head(r, "v1.2.0^{commit}"));
            Assert.Equal("0", Testing.Git.TryRun(r, "merge-base", "--is-ancestor", "v1.2.0", "develop").Code.ToString());
            Assert.Equal(Testing.Git.Head(r, "v1.2.0^{commit}"), Testing.Git.Head(_ws.RemotePath(repo), "v1.2.0^{commit}"));
            Assert.Equal(Testing.Git.Head(r, "main"), Testing.Git.Head(_ws.RemotePath(repo), "main"));
            Assert.Equal("", Testing.Git.Run(r, "branch", "--list", "release/1.2.0").Trim());
        }
        // main's second parent is the release commit (changelog and versions) made on top of the branch's tip.
        var releaseCommit = Parents(_ws.Repo("a"), "main").Split(' ')[2];
        Assert.Equal(releaseTip, Parents(_ws.Repo("a"), releaseCommit).Split(' ')[1]);
        Assert.Equal("chore(release): 1.2.0", Testing.Git.Run(_ws.Repo("a"), "log", "-1", "--format=%s", releaseCommit).Trim());
        Assert.Equal(Testing.Git.Head(_ws.Repo("a"), "main"), Parents(_ws.Repo("a"), "develop").Split(' ')[2]);
        Assert.Contains("Spring release", Testing.Git.Run(_ws.Repo("a"), "tag", "-n1", "v1.2.0"));

        // A hotfix without a version takes the next patch.
        await Ok("flow", "hotfix", "start");
        Assert.Equal("hotfix/1.2.1", Testing.Git.Run(_ws.Repo("b"), "branch", "--show-current").Trim());
        Assert.Equal(Testing.Git.Head(_ws.Repo("b"), "main"), Testing.Git.Head(_ws.Repo("b")));
        await Ok("flow", "hotfix", "finish", "1.2.1");
        Assert.Equal(Testing.Git.Head(_ws.Repo("b"), "main"), Testing.Git.Head(_ws.Repo("b"), "v1.2.1^{commit}"));

        var exists = await _ws.Smctl("flow", "release", "start", "1.2.0");
        Assert.Equal(3, exists.ExitCode);
        Assert.Contains("tag v1.2.0 already exists", exists.Stderr);
    }

    [Fact]
    public async Task A_rejected_push_interrupts_and_abort_puts_everything_back()
    {
        await Ok("flow", "init");
        await Ok("flow", "feature", "start", "x");
        foreach (var repo in Names) Testing.Git.Commit(_ws.Repo(repo), "x.txt", repo, "x in " + repo);
        var before = Refs.Of(_ws, Names);
        // The remote of b refuses pushes to develop.
        var hook = Path.Combine(_ws.RemotePath("b"), "hooks", "pre-receive");
        File.WriteAllText(hook, "#!/bin/sh\nwhile read old new ref; do [ \"$ref\" = refs/heads/develop ] && { echo 'develop is frozen' >&2; exit 1; }; done; exit 0\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var run = await _ws.Smctl("flow", "feature", "finish", "x");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("push of develop, the deletion of feature/x to origin was rejected", run.Stdout + run.Stderr);
        var status = await _ws.Smctl("flow", "status", "--json");
        Assert.Equal("interrupted", status.Json.GetProperty("phase").GetString());
        var blocked = await _ws.Smctl("flow", "feature", "start", "y");
        Assert.Equal(4, blocked.ExitCode);
        Assert.Contains("smctl continue", blocked.Stderr);

        var abort = await _ws.Smctl("abort", "--yes");
        Assert.True(abort.ExitCode == 0, abort.ToString());
        Assert.Equal("", Refs.Diff(before, Refs.Of(_ws, Names)));
        Assert.Equal(0, (await _ws.Smctl("flow", "feature", "start", "y")).ExitCode);
    }

    [Fact]
    public async Task Continue_after_the_cause_is_fixed_completes_the_run()
    {
        await Ok("flow", "init");
        await Ok("flow", "feature", "start", "x");
        foreach (var repo in Names) Testing.Git.Commit(_ws.Repo(repo), "x.txt", repo, "x in " + repo);
        var hook = Path.Combine(_ws.RemotePath("b"), "hooks", "pre-receive");
        File.WriteAllText(hook, "#!/bin/sh\nexit 1\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Equal(3, (await _ws.Smctl("flow", "feature", "finish", "x")).ExitCode);
        File.Delete(hook);
        var run = await _ws.Smctl("continue");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var repo in Names)
        {
            Assert.Equal(Testing.Git.Head(_ws.Repo(repo), "develop"), Testing.Git.Head(_ws.RemotePath(repo), "develop"));
            Assert.Equal("", Testing.Git.Run(_ws.RemotePath(repo), "branch", "--list", "feature/x").Trim());
        }
        Assert.Equal(1, (await _ws.Smctl("continue")).ExitCode);
    }

    [Fact]
    public async Task Undo_reverses_a_completed_finish_including_the_remotes()
    {
        await Ok("flow", "init");
        await Ok("flow", "feature", "start", "x");
        foreach (var repo in Names) Testing.Git.Commit(_ws.Repo(repo), "x.txt", repo, "x in " + repo);
        foreach (var repo in Names) Testing.Git.Run(_ws.Repo(repo), "push", "-q", "origin", "feature/x");
        var before = Refs.Of(_ws, Names);
        await Ok("flow", "feature", "finish", "x");
        Assert.NotEqual("", Refs.Diff(before, Refs.Of(_ws, Names)));
        var noYes = await _ws.Smctl("undo");
        Assert.Equal(2, noYes.ExitCode);
        await Ok("undo", "--yes");
        Assert.Equal("", Refs.Diff(before, Refs.Of(_ws, Names)));
        Assert.Equal("origin/feature/x", Testing.Git.Run(_ws.Repo("a"), "rev-parse", "--abbrev-ref", "feature/x@{upstream}").Trim());
        Assert.Equal(1, (await _ws.Smctl("undo", "--yes")).ExitCode);
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_changes_nothing()
    {
        await Ok("flow", "init");
        var before = Refs.Of(_ws, Names);
        var run = await Ok("flow", "feature", "start", "x", "--dry-run");
        Assert.Contains("git switch -c feature/x", run.Stdout);
        Assert.Contains("git push -u origin feature/x", run.Stdout);
        var json = await Ok("flow", "feature", "start", "x", "--dry-run", "--json");
        Assert.Equal("planned", json.Json.GetProperty("phase").GetString());
        Assert.Equal("", Refs.Diff(before, Refs.Of(_ws, Names)));
    }

    [Fact]
    public async Task Works_locally_without_fetch_or_push_and_in_repos_without_a_remote()
    {
        Testing.Git.Run(_ws.Repo("c"), "remote", "remove", "origin");
        Testing.Git.Run(_ws.Repo("a"), "remote", "set-url", "origin", "file:///nonexistent/repo.git");
        var unreachable = await _ws.Smctl("flow", "init");
        Assert.Equal(3, unreachable.ExitCode);
        Assert.Contains("a: cannot reach origin", unreachable.Stderr);
        await Ok("flow", "init", "--no-fetch", "--no-push");
        await Ok("flow", "feature", "start", "local", "--no-fetch", "--no-push");
        await Ok("flow", "feature", "finish", "local", "--no-fetch", "--no-push");
    }
}
