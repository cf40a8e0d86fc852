using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Build;

public sealed class BuildTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("core", "lib", "app", "tool");
    private string Stamps => Path.Combine(_ws.Root, "stamps.txt");

    public BuildTests() => WriteManifest();

    public void Dispose() => _ws.Dispose();

    /// <summary>core <- lib <- app; tool stands alone. Each build records start and end, sleeping as told.</summary>
    private void WriteManifest(string coreSleep = "0.1", string toolSleep = "0.1", string appCmd = "", string extra = "")
    {
        string Cmd(string sleep) => $"echo start $SMCTL_REPO_NAME $(date +%s%N) >> {Stamps}; sleep {sleep}; echo end $SMCTL_REPO_NAME $(date +%s%N) >> {Stamps}";
        File.WriteAllText(_ws.Manifest, $"""
            [workspace]
            name = "b"

            [[repos]]
            name = "core"
            build_cmd = "{Cmd(coreSleep)}"
            test_cmd = "echo testing core"
            verify_cmd = "test -f README.md"

            [[repos]]
            name = "lib"
            depends_on = ["core"]
            build_cmd = "{Cmd("0.1")}"

            [[repos]]
            name = "app"
            depends_on = ["lib"]
            build_cmd = "{(appCmd.Length > 0 ? appCmd : Cmd("0.1"))}"

            [[repos]]
            name = "tool"
            build_cmd = "{Cmd(toolSleep)}"
            {extra}
            """);
    }

    private List<(string Kind, string Repo, long At)> ReadStamps() =>
        File.ReadAllLines(Stamps).Select(l => l.Split(' ')).Select(p => (p[0], p[1], long.Parse(p[2]))).ToList();

    private long At(string kind, string repo) => ReadStamps().Single(s => s.Kind == kind && s.Repo == repo).At;

    private async Task<CliRun> Build(params string[] args) => await _ws.Smctl(["build", "--json", .. args]);

    private static Dictionary<string, string> Statuses(CliRun run) =>
        run.Json.GetProperty("repos").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("status").GetString()!);

    [Fact]
    public async Task Dependencies_build_first_and_one_at_a_time_by_default()
    {
        var run = await Build();
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(At("end", "core") <= At("start", "lib"));
        Assert.True(At("end", "lib") <= At("start", "app"));
        var stamps = ReadStamps().OrderBy(s => s.At).ToList();
        for (var i = 0; i < stamps.Count; i += 2) Assert.Equal(stamps[i].Repo, stamps[i + 1].Repo); // never two at once
    }

    [Fact]
    public async Task A_named_repo_builds_with_its_dependencies_only()
    {
        var run = await Build("lib");
        Assert.Equal(["core", "lib"], Statuses(run).Keys);
    }

    [Fact]
    public async Task The_scheduler_starts_a_ready_repo_while_an_unrelated_slow_one_runs_within_the_job_bound()
    {
        WriteManifest(toolSleep: "1.5");
        var run = await Build("-j", "2");
        Assert.True(run.ExitCode == 0, run.ToString());
        // tool (slow, alone) and core start together; lib and app run while tool is still running.
        Assert.True(At("start", "app") < At("end", "tool"), "app must not wait for the unrelated slow repo");
        var events = ReadStamps().OrderBy(s => s.At).ToList();
        var running = 0;
        foreach (var e in events) { running += e.Kind == "start" ? 1 : -1; Assert.True(running <= 2, "more than -j 2 at once"); }
    }

    [Fact]
    public async Task Ready_repos_on_the_longest_remaining_path_by_their_last_times_start_first()
    {
        WriteManifest(toolSleep: "0.6");
        // No history: every repo counts alike, so the chain core <- lib <- app (three long) goes before tool.
        Assert.Equal(0, (await Build("-j", "1")).ExitCode);
        Assert.True(At("start", "core") < At("start", "tool"));
        Assert.True(File.Exists(Path.Combine(_ws.Ws, ".smctl", "cache", "durations.json")));
        // With the last times known, tool (0.6 s) outweighs the whole chain (3 × 0.1 s) and starts first.
        File.Delete(Stamps);
        Assert.Equal(0, (await Build("-j", "1", "--no-cache")).ExitCode);
        Assert.True(At("start", "tool") < At("start", "core"), string.Join("\n", File.ReadAllLines(Stamps)));
    }

    [Fact]
    public async Task The_cache_skips_what_did_not_change_and_rebuilds_what_did()
    {
        Assert.All(Statuses(await Build()).Values, s => Assert.Equal("built", s));
        Assert.All(Statuses(await Build()).Values, s => Assert.Equal("cached", s));

        File.WriteAllText(Path.Combine(_ws.Repo("app"), "edit.txt"), "uncommitted");
        var edit = Statuses(await Build());
        Assert.Equal(("cached", "built"), (edit["lib"], edit["app"]));

        Testing.Git.Commit(_ws.Repo("core"), "core.txt", "x", "core change");
        var dep = await Build("--explain");
        var statuses = Statuses(dep);
        Assert.Equal(("built", "built", "built", "cached"), (statuses["core"], statuses["lib"], statuses["app"], statuses["tool"]));
        var libReasons = dep.Json.GetProperty("repos")[1].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("a dependency changed", libReasons);

        WriteManifest(extra: "test_cmd = \"true\"");
        Assert.Equal("cached", Statuses(await Build("tool"))["tool"]);
        WriteManifest(toolSleep: "0.2");
        Assert.Equal("built", Statuses(await Build("tool"))["tool"]);
        Assert.Equal("built", Statuses(await Build("tool", "--no-cache"))["tool"]);
        Assert.Equal(0, (await _ws.Smctl("build", "clean-cache")).ExitCode);
        Assert.Equal("built", Statuses(await Build("tool"))["tool"]);
    }

    [Fact]
    public async Task A_failure_stops_new_work_exits_6_shows_the_log_and_is_never_cached()
    {
        WriteManifest(appCmd: "echo compiling app; echo boom >&2; exit 3");
        var run = await _ws.Smctl("build");
        Assert.Equal(6, run.ExitCode);
        Assert.Contains("app: 'echo compiling app; echo boom >&2; exit 3' exited with 3", run.Stderr);
        Assert.Contains("boom", run.Stderr);
        var again = Statuses(await Build("--keep-going"));
        Assert.Equal(("cached", "failed", "built"), (again["lib"], again["app"], again["tool"]));

        WriteManifest(coreSleep: "0.1; exit 1");
        var keepGoing = Statuses(await Build("--keep-going", "--no-cache"));
        Assert.Equal(("failed", "skipped", "skipped", "built"), (keepGoing["core"], keepGoing["lib"], keepGoing["app"], keepGoing["tool"]));
    }

    [Fact]
    public async Task A_failure_after_a_long_log_names_the_command_that_failed()
    {
        // 100 lines, then a line that looks like a command echo, then the failure: the tail holds neither the real command nor its '$ ' line.
        WriteManifest(appCmd: "seq 1 100; echo '$ not-the-command'; seq 1 20; exit 4");
        var run = await _ws.Smctl("build");
        Assert.Equal(6, run.ExitCode);
        Assert.Contains("app: 'seq 1 100; echo '$ not-the-command'; seq 1 20; exit 4' exited with 4", run.Stderr);
        var json = await Build();
        var app = json.Json.GetProperty("repos").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "app");
        Assert.Equal("seq 1 100; echo '$ not-the-command'; seq 1 20; exit 4", app.GetProperty("failedCommand").GetString());
    }

    [Fact]
    public async Task Test_and_verify_run_and_the_verification_is_kept()
    {
        var run = await Build("core", "--test", "--verify");
        Assert.True(run.ExitCode == 0, run.ToString());
        var status = await _ws.Smctl("build", "status", "--json");
        var v = status.Json.GetProperty("verification")[0];
        Assert.Equal(("core", true), (v.GetProperty("repo").GetString(), v.GetProperty("ok").GetBoolean()));
        var graph = await _ws.Smctl("build", "--graph", "--format", "dot");
        Assert.Contains("\"core\" -> \"lib\"", graph.Stdout);
    }

    [Fact]
    public async Task A_timeout_stops_the_command_and_fails_the_repo()
    {
        WriteManifest(toolSleep: "30");
        var run = await Build("tool", "--timeout", "1");
        Assert.Equal(6, run.ExitCode);
        Assert.Equal("failed", Statuses(run)["tool"]);
    }
}

public sealed class WorktreeBuildTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("a", "b");

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task A_worktree_set_builds_in_its_folders_with_the_shared_target_dir()
    {
        File.AppendAllText(_ws.Manifest, "\n[worktree]\nshared_target_dir = \"target\"\n");
        var text = File.ReadAllText(_ws.Manifest).Replace("name = \"a\"\n", "name = \"a\"\nbuild_cmd = \"pwd > where.txt; echo $CARGO_TARGET_DIR >> where.txt\"\n");
        File.WriteAllText(_ws.Manifest, text);
        Assert.Equal(0, (await _ws.Smctl("flow", "init")).ExitCode);
        Assert.Equal(0, (await _ws.Smctl("feat", "x", "--repos", "a")).ExitCode);
        var run = await _ws.Smctl("build", "--worktree", "x");
        Assert.True(run.ExitCode == 0, run.ToString());
        var folder = Path.Combine(_ws.Ws, ".worktrees", "feature-x", "a");
        var lines = File.ReadAllLines(Path.Combine(folder, "where.txt"));
        Assert.Equal(folder, lines[0]);
        Assert.Equal(Path.Combine(_ws.Ws, "target"), lines[1]);
        Assert.False(File.Exists(Path.Combine(_ws.Repo("a"), "where.txt")));
    }
}

public sealed class BuildAffectedAndInterruptTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("core", "lib", "app", "tool");

    public BuildAffectedAndInterruptTests() => File.WriteAllText(_ws.Manifest, """
        [[repos]]
        name = "core"
        build_cmd = "true"

        [[repos]]
        name = "lib"
        depends_on = ["core"]
        build_cmd = "true"

        [[repos]]
        name = "app"
        depends_on = ["lib"]
        build_cmd = "true"

        [[repos]]
        name = "tool"
        build_cmd = "true"
        """);

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task Affected_builds_what_changed_since_the_base_and_what_depends_on_it()
    {
        Assert.Equal(0, (await _ws.Smctl("flow", "init")).ExitCode);
        foreach (var r in new[] { "core", "lib", "app", "tool" }) Testing.Git.Run(_ws.Repo(r), "switch", "-q", "develop");
        var none = await _ws.Smctl("build", "--affected", "--json");
        Assert.Equal(0, none.Json.GetProperty("repos").GetArrayLength());

        Testing.Git.Run(_ws.Repo("lib"), "switch", "-q", "-c", "feature/x");
        Testing.Git.Commit(_ws.Repo("lib"), "lib.txt", "x", "lib change on a feature");
        var run = await _ws.Smctl("build", "--affected", "--json");
        Assert.Equal(["lib", "app"], run.Json.GetProperty("repos").EnumerateArray().Select(r => r.GetProperty("name").GetString()));

        var since = await _ws.Smctl("build", "--since", "main", "--json", "--no-cache");
        Assert.Equal(4, since.Json.GetProperty("repos").GetArrayLength()); // develop has a commit main lacks everywhere
        Assert.Equal(2, (await _ws.Smctl("build", "--since", "no-such-ref")).ExitCode);
    }

    [Fact]
    public async Task Ctrl_c_stops_the_build_and_leaves_no_child_process()
    {
        var marker = $"sleep 31.{Environment.ProcessId % 1000:D3}";
        File.WriteAllText(_ws.Manifest, File.ReadAllText(_ws.Manifest).Replace("name = \"tool\"\nbuild_cmd = \"true\"", $"name = \"tool\"\nbuild_cmd = \"{marker}\""));
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = _ws.Ws, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(typeof(Smctl.Cli.SmctlApp).Assembly.Location);
        foreach (var a in new[] { "build", "tool" }) psi.ArgumentList.Add(a);
        using var smctl = System.Diagnostics.Process.Start(psi)!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Running(marker) && DateTime.UtcNow < deadline) await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.True(Running(marker), "the build command never started");
        System.Diagnostics.Process.Start("kill", ["-INT", smctl.Id.ToString()])!.WaitForExit();
        Assert.True(smctl.WaitForExit(15_000), "smctl did not stop on SIGINT");
        Assert.Equal(130, smctl.ExitCode);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(Running(marker), "the build's child process survived Ctrl-C");
        var status = await _ws.Smctl("build", "tool", "--json", "--timeout", "1");
        Assert.Equal("failed", status.Json.GetProperty("repos")[0].GetProperty("status").GetString()); // nothing was cached
    }

    private static bool Running(string commandLine) =>
        Directory.EnumerateDirectories("/proc").Any(d =>
        {
            try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' ').Trim() == commandLine; }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        });
}
