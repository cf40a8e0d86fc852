using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Workspace;

public sealed class SyncCheckoutTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("clean", "dirty", "diverged", "ahead");

    public void Dispose() => _ws.Dispose();

    /// <summary>The most fetches that were under way at once, read from the order their upload-packs started and ended.</summary>
    private int MostFetchesAtOnce(string stamps)
    {
        var (now, most) = (0, 0);
        foreach (var line in File.ReadAllLines(stamps)) most = Math.Max(most, now += line == "start" ? 1 : -1);
        return most;
    }

    [Fact]
    public async Task Sync_fetches_with_its_own_network_parallelism_not_the_core_count()
    {
        // Each fetch waits on a slow remote (its upload-pack sleeps): the overlap of the waits is the parallelism.
        var stamps = Path.Combine(_ws.Root, "fetches.txt");
        var slow = Path.Combine(_ws.Root, "slow-upload-pack");
        File.WriteAllText(slow, $"#!/bin/sh\necho start >> {stamps}\nsleep 1\necho end >> {stamps}\nexec git-upload-pack \"$@\"\n");
        File.SetUnixFileMode(slow, (UnixFileMode)0b111_101_101);
        foreach (var repo in new[] { "clean", "dirty", "diverged", "ahead" }) Testing.Git.Run(_ws.Repo(repo), "config", "remote.origin.uploadpack", slow);
        var twoCores = new Dictionary<string, string?> { ["SMCTL_CORE_JOBS"] = "2" };

        Assert.Equal(0, (await _ws.SmctlWithEnv(twoCores, "workspace", "sync")).ExitCode);
        Assert.Equal(4, MostFetchesAtOnce(stamps));
        Assert.Equal("8", (await _ws.SmctlOk("config", "get", "core.network_jobs")).Stdout.Trim());

        // -j sets both; core.network_jobs alone sets the network side.
        File.Delete(stamps);
        Assert.Equal(0, (await _ws.SmctlWithEnv(twoCores, "workspace", "sync", "-j", "1")).ExitCode);
        Assert.Equal(1, MostFetchesAtOnce(stamps));
        File.Delete(stamps);
        Assert.Equal(0, (await _ws.SmctlWithEnv(new() { ["SMCTL_CORE_NETWORK_JOBS"] = "2" }, "workspace", "sync")).ExitCode);
        Assert.Equal(2, MostFetchesAtOnce(stamps));
    }

    [Fact]
    public async Task Sync_fast_forwards_clean_repos_and_leaves_dirty_and_diverged_ones_alone()
    {
        foreach (var repo in new[] { "clean", "dirty", "diverged" }) _ws.PushFromElsewhere(repo, "main", "upstream.txt", "new");
        File.AppendAllText(Path.Combine(_ws.Repo("dirty"), "README.md"), "local edit\n");
        Testing.Git.Commit(_ws.Repo("diverged"), "mine.txt", "mine", "local commit");
        Testing.Git.Commit(_ws.Repo("ahead"), "mine.txt", "mine", "local commit");
        var dirtyHead = Testing.Git.Head(_ws.Repo("dirty"));
        var divergedHead = Testing.Git.Head(_ws.Repo("diverged"));

        var run = await _ws.Smctl("workspace", "sync", "--json");
        Assert.Equal(0, run.ExitCode);
        var actions = run.Json.GetProperty("repos").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("action").GetString());
        Assert.Equal("fast-forwarded", actions["clean"]);
        Assert.Equal("dirty", actions["dirty"]);
        Assert.Equal("diverged", actions["diverged"]);
        Assert.Equal("ahead", actions["ahead"]);
        Assert.Equal(Testing.Git.Head(_ws.Repo("clean"), "origin/main"), Testing.Git.Head(_ws.Repo("clean")));
        Assert.Equal(dirtyHead, Testing.Git.Head(_ws.Repo("dirty")));
        Assert.Contains("local edit", File.ReadAllText(Path.Combine(_ws.Repo("dirty"), "README.md")));
        Assert.Equal(divergedHead, Testing.Git.Head(_ws.Repo("diverged")));

        var rebase = await _ws.Smctl("workspace", "sync", "--rebase", "--repos", "diverged", "--json");
        Assert.Equal("rebased", rebase.Json.GetProperty("repos")[0].GetProperty("action").GetString());
        Assert.Equal("0", Testing.Git.Run(_ws.Repo("diverged"), "rev-list", "--count", "HEAD..origin/main").Trim());
        Assert.Equal("1", Testing.Git.Run(_ws.Repo("diverged"), "rev-list", "--count", "origin/main..HEAD").Trim());
    }

    [Fact]
    public async Task A_failed_fetch_is_reported_with_exit_3()
    {
        Testing.Git.Run(_ws.Repo("clean"), "remote", "set-url", "origin", "file:///nonexistent/repo.git");
        var run = await _ws.Smctl("workspace", "sync");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("fetch failed", run.Stdout);
    }

    [Fact]
    public async Task Sync_dry_run_fetches_nothing_and_moves_nothing()
    {
        _ws.PushFromElsewhere("clean", "main", "upstream.txt", "new");
        var head = Testing.Git.Head(_ws.Repo("clean"));
        var run = await _ws.Smctl("workspace", "sync", "--dry-run", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(head, Testing.Git.Head(_ws.Repo("clean")));
        Assert.Equal(head, Testing.Git.Head(_ws.Repo("clean"), "origin/main"));
    }

    [Fact]
    public async Task Checkout_checks_every_repo_first_and_lists_all_problems()
    {
        File.AppendAllText(Path.Combine(_ws.Repo("dirty"), "README.md"), "local edit\n");
        Testing.Git.Run(_ws.Repo("ahead"), "branch", "-q", "topic");
        var run = await _ws.Smctl("workspace", "checkout", "topic");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("dirty: has uncommitted changes", run.Stderr);
        Assert.Contains("clean: has no branch 'topic'", run.Stderr);
        Assert.Contains("diverged: has no branch 'topic'", run.Stderr);
        foreach (var repo in new[] { "clean", "dirty", "diverged", "ahead" })
            Assert.Equal("main", Testing.Git.Run(_ws.Repo(repo), "branch", "--show-current").Trim());
    }

    [Fact]
    public async Task Checkout_switches_to_remote_branches_and_creates_with_create()
    {
        var run = await _ws.Smctl("workspace", "checkout", "develop");
        Assert.Equal(0, run.ExitCode);
        foreach (var repo in new[] { "clean", "dirty", "diverged", "ahead" })
            Assert.Equal("develop", Testing.Git.Run(_ws.Repo(repo), "branch", "--show-current").Trim());

        var create = await _ws.Smctl("workspace", "checkout", "feature/x", "--create", "--repos", "clean,ahead", "--json");
        Assert.Equal(0, create.ExitCode);
        Assert.Equal("feature/x", Testing.Git.Run(_ws.Repo("clean"), "branch", "--show-current").Trim());
        Assert.Equal("develop", Testing.Git.Run(_ws.Repo("dirty"), "branch", "--show-current").Trim());
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("a..b")]
    [InlineData("has space")]
    public async Task Bad_branch_names_are_usage_errors(string name)
    {
        var run = await _ws.Smctl("workspace", "checkout", "--create", "--", name);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a valid branch name", run.Stderr);
    }

    [Fact]
    public async Task Status_reports_every_repo_and_filters_with_repos()
    {
        File.AppendAllText(Path.Combine(_ws.Repo("dirty"), "README.md"), "local edit\n");
        Directory.Delete(_ws.Repo("ahead"), recursive: true);
        var run = await _ws.Smctl("workspace", "status", "--json");
        Assert.Equal(0, run.ExitCode);
        var repos = run.Json.GetProperty("repos");
        Assert.Equal(4, repos.GetArrayLength());
        Assert.Equal(1, repos[1].GetProperty("modified").GetInt32());
        Assert.True(repos[3].GetProperty("missing").GetBoolean());
        var filtered = await _ws.Smctl("workspace", "status", "--repos", "dirty", "--json");
        Assert.Equal(1, filtered.Json.GetProperty("repos").GetArrayLength());
        var unknown = await _ws.Smctl("workspace", "status", "--repos", "nope");
        Assert.Equal(2, unknown.ExitCode);
        var table = await _ws.Smctl("workspace", "status");
        Assert.Contains("missing on disk", table.Stdout);
        Assert.Contains("~1 modified", table.Stdout);
    }
}
