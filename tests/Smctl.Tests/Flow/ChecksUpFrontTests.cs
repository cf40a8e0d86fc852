using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Flow;

/// <summary>
/// Checks that hold for every repo before any repo changes: a saved plan makes its command's checks again, git's
/// index lock and a waiting run stop a checkout up front, and a run whose repo left the manifest can still finish.
/// </summary>
public sealed class ChecksUpFrontTests : IDisposable
{
    private static readonly string[] Names = ["a", "b", "c"];
    private readonly WorkspaceFixture _ws = new(Names);

    public void Dispose() => _ws.Dispose();

    private Task<CliRun> Ok(params string[] args) => _ws.SmctlOk(args);

    private void RefusePushes(string repo)
    {
        var hook = Path.Combine(_ws.RemotePath(repo), "hooks", "pre-receive");
        File.WriteAllText(hook, "#!/bin/sh\necho 'protected' >&2\nexit 1\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private void AcceptPushes(string repo) => File.Delete(Path.Combine(_ws.RemotePath(repo), "hooks", "pre-receive"));

    [Fact]
    public async Task Plan_apply_makes_every_check_of_the_command_again()
    {
        await Ok("flow", "init");
        await Ok("flow", "feature", "start", "x");
        foreach (var repo in Names) Testing.Git.Commit(_ws.Repo(repo), "x.txt", repo, "feature work");
        var id = (await Ok("flow", "feature", "finish", "x", "--dry-run", "--save-plan", "--json")).Json.GetProperty("planId").GetString()!;
        var start = Refs.Of(_ws, Names);
        // An edit that moves no ref: only the command's own check sees it.
        File.WriteAllText(Path.Combine(_ws.Repo("c"), "x.txt"), "edited, not committed\n");

        var refused = await _ws.Smctl("plan", "apply", id);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("c: has uncommitted changes", refused.Stderr);
        Assert.Equal("", Refs.Diff(start, Refs.Of(_ws, Names)));

        Testing.Git.Run(_ws.Repo("c"), "checkout", "--", "x.txt");
        await Ok("plan", "apply", id);
        Assert.Equal(Testing.Git.Head(_ws.Repo("a"), "develop"), Testing.Git.Head(_ws.RemotePath("a"), "develop"));
        Assert.Contains("x.txt", Testing.Git.Run(_ws.Repo("c"), "ls-tree", "--name-only", "develop"));
    }

    [Fact]
    public async Task A_saved_plan_the_command_would_now_make_differently_is_refused()
    {
        await Ok("flow", "init");
        await Ok("flow", "feature", "start", "x");
        foreach (var repo in Names) Testing.Git.Commit(_ws.Repo(repo), "x.txt", repo, "feature work");
        var id = (await Ok("flow", "feature", "finish", "x", "--dry-run", "--save-plan", "--json")).Json.GetProperty("planId").GetString()!;
        var start = Refs.Of(_ws, Names);
        // A setting changes what finishing means, and no ref moves.
        await Ok("config", "set", "flow.finish", "propose");

        var refused = await _ws.Smctl("plan", "apply", id);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("the command would now do something else", refused.Stderr);
        Assert.Equal("", Refs.Diff(start, Refs.Of(_ws, Names)));
    }

    [Fact]
    public async Task A_git_index_lock_in_one_repo_stops_checkout_before_any_repo_switches()
    {
        await Ok("flow", "init");
        var lockFile = Path.Combine(_ws.Repo("b"), ".git", "index.lock");
        File.WriteAllText(lockFile, "");

        var refused = await _ws.Smctl("workspace", "checkout", "develop");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("index.lock", refused.Stderr);
        Assert.Contains("no process holds it", refused.Stderr);
        foreach (var repo in Names) Assert.Equal("main", Testing.Git.Run(_ws.Repo(repo), "branch", "--show-current").Trim());

        // The flow commands refuse the same way, before planning anything.
        var start = await _ws.Smctl("flow", "feature", "start", "y");
        Assert.Equal(3, start.ExitCode);
        Assert.Contains("b: git's", start.Stderr);
        foreach (var repo in Names) Assert.Equal("main", Testing.Git.Run(_ws.Repo(repo), "branch", "--show-current").Trim());

        File.Delete(lockFile);
        await Ok("workspace", "checkout", "develop");
    }

    [Fact]
    public async Task Checkout_waits_for_an_interrupted_run_to_be_continued_or_aborted()
    {
        await Ok("flow", "init");
        RefusePushes("b");
        Assert.Equal(3, (await _ws.Smctl("flow", "feature", "start", "f1")).ExitCode);

        var refused = await _ws.Smctl("workspace", "checkout", "develop");
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("was interrupted and is waiting", refused.Stderr);
        Assert.Equal("feature/f1", Testing.Git.Run(_ws.Repo("a"), "branch", "--show-current").Trim());
        await Ok("abort", "--yes");
    }

    [Theory]
    [InlineData("continue")]
    [InlineData("abort")]
    public async Task A_repo_dropped_from_the_manifest_while_a_run_waits_is_still_finished_or_put_back(string verb)
    {
        await Ok("flow", "init");
        var start = Refs.Of(_ws, Names);
        RefusePushes("b");
        Assert.Equal(3, (await _ws.Smctl("flow", "feature", "start", "f1")).ExitCode);
        // By hand: 'workspace remove' itself refuses while the run waits.
        var text = File.ReadAllText(_ws.Manifest);
        var entry = text.IndexOf("[[repos]]\nname = \"b\"", StringComparison.Ordinal);
        File.WriteAllText(_ws.Manifest, text[..entry] + text[text.IndexOf("[[repos]]", entry + 1, StringComparison.Ordinal)..]);
        AcceptPushes("b");

        if (verb == "continue")
        {
            await Ok("continue");
            Assert.Equal(Testing.Git.Head(_ws.Repo("b"), "feature/f1"), Testing.Git.Head(_ws.RemotePath("b"), "feature/f1"));
        }
        else
        {
            await Ok("abort", "--yes");
            Assert.Equal("", Refs.Diff(start, Refs.Of(_ws, Names)));
        }
    }

    [Fact]
    public async Task Workspace_remove_refuses_a_repo_of_the_waiting_run()
    {
        await Ok("flow", "init");
        RefusePushes("b");
        Assert.Equal(3, (await _ws.Smctl("flow", "feature", "start", "f1")).ExitCode);
        var before = File.ReadAllText(_ws.Manifest);
        var refused = await _ws.Smctl("workspace", "remove", "b");
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("was interrupted and is waiting", refused.Stderr);
        Assert.Equal(before, File.ReadAllText(_ws.Manifest));
        await Ok("abort", "--yes");
    }
}
