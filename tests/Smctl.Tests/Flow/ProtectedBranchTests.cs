using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Flow;

/// <summary>
/// A remote whose develop is protected, as a forge's branch protection does it (a pre-receive hook refusing every
/// update of refs/heads/develop), and features merged on the remote by the forge's merge button.
/// </summary>
public sealed class ProtectedBranchTests : IDisposable
{
    private static readonly string[] Names = ["a", "b"];
    private readonly WorkspaceFixture _ws = new(Names);

    public void Dispose() => _ws.Dispose();

    private Task<CliRun> Ok(params string[] args) => _ws.SmctlOk(args);

    private void Protect(string repo, bool on = true)
    {
        var hook = Path.Combine(_ws.RemotePath(repo), "hooks", "pre-receive");
        if (!on) { File.Delete(hook); return; }
        File.WriteAllText(hook, """
            #!/bin/sh
            while read old new ref; do
              if [ "$ref" = refs/heads/develop ]; then
                echo "GH006: Protected branch update failed for refs/heads/develop." >&2
                exit 1
              fi
            done
            """.Replace("\r", ""));
        File.SetUnixFileMode(hook, (UnixFileMode)0b111_101_101);
    }

    /// <summary>What a forge's merge button does: the merge (or a squashed commit) made on the server side.</summary>
    private void MergeOnForge(string repo, string branch, bool squash = false)
    {
        Protect(repo, on: false);
        var scratch = Path.Combine(_ws.Root, "forge-" + Guid.NewGuid().ToString("N")[..6]);
        Testing.Git.Run(_ws.Root, "clone", "-q", "--branch", "develop", _ws.RemoteUrl(repo), scratch);
        if (squash)
        {
            Testing.Git.Run(scratch, "merge", "-q", "--squash", "origin/" + branch);
            Testing.Git.Run(scratch, "commit", "-q", "-m", $"{branch} (#12)");
        }
        else Testing.Git.Run(scratch, "merge", "-q", "--no-ff", "-m", $"Merge pull request #12 from {branch}", "origin/" + branch);
        Testing.Git.Run(scratch, "push", "-q", "origin", "develop");
        Directory.Delete(scratch, recursive: true);
        Protect(repo);
    }

    private async Task StartedWithWork(string feature)
    {
        await Ok("flow", "init");
        await Ok("flow", "feature", "start", feature);
        foreach (var repo in Names) Testing.Git.Commit(_ws.Repo(repo), $"{feature}-{repo}.txt", "work\n", $"feat: {feature} in {repo}");
    }

    [Fact]
    public async Task A_refused_push_stops_before_the_feature_branch_is_deleted_and_says_how_to_propose()
    {
        await StartedWithWork("x");
        Protect("b");
        var finish = await _ws.Smctl("flow", "feature", "finish", "x");
        Assert.True(finish.ExitCode != 0, finish.ToString());
        Assert.True(finish.Stdout.Contains("Protected branch update failed", StringComparison.Ordinal), finish.ToString());
        Assert.Contains("b: if develop is protected: 'smctl abort' (the feature branch is still here), then 'smctl flow feature propose x'", finish.Stderr);
        var json = (await _ws.Smctl("flow", "status", "--json")).Stdout;
        Assert.Contains("smctl flow feature propose x", json);
        // The feature branch is still in b, with its work; abort puts develop back.
        Assert.Contains("x-b.txt", Testing.Git.Run(_ws.Repo("b"), "ls-tree", "--name-only", "feature/x"));
        var developBefore = Testing.Git.Head(_ws.RemotePath("b"), "develop");
        var aborted = await Ok("abort", "--yes");
        // What abort put back, not the finish's steps again.
        Assert.Contains("abort of 'flow feature finish x'", aborted.Stdout);
        Assert.Contains("git update-ref refs/heads/develop", aborted.Stdout);
        Assert.DoesNotContain("git merge --no-ff", aborted.Stdout);
        Assert.Equal(developBefore, Testing.Git.Head(_ws.Repo("b"), "develop"));
        Assert.NotEqual("", Testing.Git.Run(_ws.Repo("b"), "branch", "--list", "feature/x").Trim());
    }

    [Fact]
    public async Task Propose_pushes_the_feature_and_gives_the_forges_pull_request_page_then_finish_only_cleans_up()
    {
        // The manifest names the forge (the clone itself pushes to the local bare remote).
        File.WriteAllText(_ws.Manifest, File.ReadAllText(_ws.Manifest).Replace(_ws.RemoteUrl("a"), "git@github.com:acme/a.git"));
        await StartedWithWork("x");
        Protect("a");
        Protect("b");
        var proposed = await Ok("flow", "feature", "propose", "--json");
        var links = proposed.Json.GetProperty("pullRequests").EnumerateArray().ToDictionary(l => l.GetProperty("repo").GetString()!);
        Assert.Equal("https://github.com/acme/a/compare/develop...feature/x?expand=1", links["a"].GetProperty("url").GetString());
        Assert.False(links["b"].TryGetProperty("url", out _));
        foreach (var repo in Names)
            Assert.Equal(Testing.Git.Head(_ws.Repo(repo), "feature/x"), Testing.Git.Head(_ws.RemotePath(repo), "feature/x"));
        var text = await Ok("flow", "feature", "propose", "x");
        Assert.Contains("https://github.com/acme/a/compare/develop...feature/x?expand=1", text.Stdout);

        // The forge merges a's pull request with a merge commit and b's squashed; finish sees both and only cleans up.
        MergeOnForge("a", "feature/x");
        MergeOnForge("b", "feature/x", squash: true);
        var merged = Names.ToDictionary(r => r, r => Testing.Git.Head(_ws.RemotePath(r), "develop"));
        await Ok("flow", "feature", "finish", "x");
        foreach (var repo in Names)
        {
            Assert.Equal(merged[repo], Testing.Git.Head(_ws.Repo(repo), "develop"));
            Assert.Equal(merged[repo], Testing.Git.Head(_ws.RemotePath(repo), "develop"));
            Assert.Equal("", Testing.Git.Run(_ws.Repo(repo), "branch", "--list", "feature/x").Trim());
            Assert.Equal("", Testing.Git.Run(_ws.RemotePath(repo), "branch", "--list", "feature/x").Trim());
        }
    }

    [Fact]
    public async Task With_finish_set_to_propose_a_finish_proposes_first_and_cleans_up_once_merged()
    {
        await Ok("config", "set", "flow.finish", "propose");
        await StartedWithWork("y");
        Protect("a");
        Protect("b");
        var developBefore = Testing.Git.Head(_ws.Repo("a"), "develop");
        var first = await Ok("flow", "feature", "finish", "y", "--json");
        Assert.Equal(2, first.Json.GetProperty("pullRequests").GetArrayLength());
        Assert.Equal(developBefore, Testing.Git.Head(_ws.Repo("a"), "develop"));
        Assert.Equal(Testing.Git.Head(_ws.Repo("a"), "feature/y"), Testing.Git.Head(_ws.RemotePath("a"), "feature/y"));
        Assert.NotEqual("", Testing.Git.Run(_ws.Repo("a"), "branch", "--list", "feature/y").Trim());

        MergeOnForge("a", "feature/y");
        // b is not merged yet: finish cleans up a and proposes b again.
        var second = await Ok("flow", "feature", "finish", "y", "--json");
        Assert.Equal("b", second.Json.GetProperty("pullRequests")[0].GetProperty("repo").GetString());
        Assert.Equal("", Testing.Git.Run(_ws.Repo("a"), "branch", "--list", "feature/y").Trim());
        Assert.NotEqual("", Testing.Git.Run(_ws.Repo("b"), "branch", "--list", "feature/y").Trim());
    }

    [Fact]
    public async Task Abort_leaves_a_teammates_push_alone_says_so_and_keeps_the_run_to_retry()
    {
        await StartedWithWork("x");
        Protect("b");
        // a's finish pushes develop (and deletes feature/x there); b's is refused: the run is interrupted.
        Assert.NotEqual(0, (await _ws.Smctl("flow", "feature", "finish", "x")).ExitCode);
        _ws.PushFromElsewhere("a", "develop", "teammate.txt", "theirs\n");
        var theirs = Testing.Git.Head(_ws.RemotePath("a"), "develop");
        await Ok("workspace", "sync");

        var abort = await _ws.Smctl("abort", "--yes");
        Assert.True(abort.ExitCode != 0, abort.ToString());
        Assert.Contains("develop on origin moved since the run left it", abort.Stdout + abort.Stderr);
        Assert.Equal(theirs, Testing.Git.Head(_ws.RemotePath("a"), "develop"));
        // The feature branch the run deleted on a's remote came back (nobody touched it since).
        Assert.NotEqual("", Testing.Git.Run(_ws.RemotePath("a"), "branch", "--list", "feature/x").Trim());
        // The run is kept, still aborting, so abort can be tried again.
        Assert.Equal("aborting", (await _ws.Smctl("flow", "status", "--json")).Json.GetProperty("phase").GetString());
    }
}
