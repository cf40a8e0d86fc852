using System.Diagnostics;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Flow;

/// <summary>
/// kill -9 of the whole process group — smctl and the git it runs, as a closed terminal, Ctrl-C or the OOM killer
/// does — at moments spread over an uninterrupted run of the same command. Whatever the moment (git's lock files left,
/// a switch or merge half-written into the work tree, the saved state behind the refs), continue must end exactly as
/// the uninterrupted run and abort exactly as the start: refs here and on the remote, checkout, work-tree files.
/// </summary>
public abstract class ProcessGroupKillTests
{
    protected static readonly string[] Names = ["a", "b", "c"];
    private const int Moments = 10;

    protected abstract string[] Command { get; }

    protected abstract Task PrepareAsync(WorkspaceFixture ws);

    /// <summary>Files enough that a killed switch or merge is caught half-way through writing them.</summary>
    protected static void CommitMany(WorkspaceFixture ws, string prefix, string message, int files = 60)
    {
        foreach (var repo in Names)
        {
            for (var i = 0; i < files; i++)
                File.WriteAllText(Path.Combine(ws.Repo(repo), $"{prefix}{i}.txt"), string.Concat(Enumerable.Repeat($"{repo} {prefix} {i}\n", 200)));
            Testing.Git.Run(ws.Repo(repo), "add", ".");
            Testing.Git.Run(ws.Repo(repo), "commit", "-q", "-m", message);
        }
    }

    private async Task<WorkspaceFixture> StartAsync()
    {
        var ws = new WorkspaceFixture(Names);
        await PrepareAsync(ws);
        return ws;
    }

    /// <summary>What else a command's end or start state holds, beyond refs and git status (files' contents).</summary>
    protected virtual void AddState(WorkspaceFixture ws, SortedDictionary<string, string> state)
    {
    }

    /// <summary>Refs (here and on the remotes), checkouts, and each work tree's changes.</summary>
    private SortedDictionary<string, string> State(WorkspaceFixture ws)
    {
        var state = Refs.Of(ws, Names);
        foreach (var repo in Names)
        {
            state[$"{repo}:status"] = Testing.Git.Run(ws.Repo(repo), "status", "--porcelain", "--untracked-files=all");
            state[$"{repo}:worktrees"] = Testing.Git.Run(ws.Repo(repo), "worktree", "list", "--porcelain").Replace(ws.Root, "<root>");
        }
        AddState(ws, state);
        return state;
    }

    [Fact]
    public async Task Killed_with_its_git_at_any_moment_continue_ends_as_an_uninterrupted_run_and_abort_as_the_start()
    {
        SortedDictionary<string, string> start, end;
        TimeSpan took;
        using (var reference = await StartAsync())
        {
            start = State(reference);
            var clock = Stopwatch.StartNew();
            var run = SmctlProcess.Run(reference.Ws, Env(reference), Command);
            took = clock.Elapsed;
            Assert.True(run.Code == 0, run.Stderr);
            end = State(reference);
        }

        var interrupted = 0;
        for (var k = 1; k <= Moments; k++)
        {
            using var ws = await StartAsync();
            // The first part of a run is the runtime starting and the plan being made: most moments fall after it.
            var at = took * (0.3 + 0.7 * k / (Moments + 1));
            SmctlProcess.KillGroupAfter(ws.Ws, Env(ws), at, Command);
            var runFile = Path.Combine(ws.Ws, ".smctl", "state", "run.json");
            var wasInterrupted = File.Exists(runFile);
            if (wasInterrupted) interrupted++;
            var abort = k % 2 == 0;
            var after = await ws.Smctl(abort ? ["abort", "--yes"] : ["continue"]);
            if (!wasInterrupted)
            {
                // Killed before the run began (nothing changed) or after it ended (all done): either is a whole state.
                var whole = State(ws);
                Assert.True(Refs.Diff(start, whole) == "" || Refs.Diff(end, whole) == "", $"killed at {at} outside a run, the repos are half-changed:\n{Refs.Diff(end, whole)}");
                continue;
            }
            if (after.ExitCode != 0) Assert.Fail($"{(abort ? "abort" : "continue")} after a kill at {at.TotalMilliseconds:F0} ms: {after}\n{Statuses(ws)}");
            var diff = Refs.Diff(abort ? start : end, State(ws));
            Assert.True(diff == "", $"{(abort ? "abort" : "continue")} after a kill at {at.TotalMilliseconds:F0} ms differs from {(abort ? "the start" : "an uninterrupted run")}:\n{diff}\n{after}");
        }
        // The moments must have fallen inside runs, or the test proved nothing.
        Assert.True(interrupted >= 2, $"only {interrupted} of {Moments} kills interrupted a run (the run takes {took})");
    }

    /// <summary>What a failure leaves in each work tree, to say why in the test's message.</summary>
    private static string Statuses(WorkspaceFixture ws) =>
        string.Join("\n", Names.Select(n => $"{n}: {Testing.Git.Run(ws.Repo(n), "status", "--short", "--branch", "--untracked-files=all").TrimEnd()}"));

    private static Dictionary<string, string> Env(WorkspaceFixture ws) => new() { ["XDG_CONFIG_HOME"] = ws.UserConfigHome };
}

public sealed class FeatureFinishKillTests : ProcessGroupKillTests
{
    protected override string[] Command => ["flow", "feature", "finish", "x"];

    protected override async Task PrepareAsync(WorkspaceFixture ws)
    {
        Assert.Equal(0, (await ws.Smctl("flow", "init")).ExitCode);
        Assert.Equal(0, (await ws.Smctl("flow", "feature", "start", "x")).ExitCode);
        CommitMany(ws, "x", "x everywhere");
    }
}

public sealed class ReleaseFinishKillTests : ProcessGroupKillTests
{
    protected override string[] Command => ["flow", "release", "finish", "2.0.0"];

    protected override async Task PrepareAsync(WorkspaceFixture ws)
    {
        Assert.Equal(0, (await ws.Smctl("flow", "init")).ExitCode);
        Assert.Equal(0, (await ws.Smctl("flow", "release", "start", "2.0.0")).ExitCode);
        CommitMany(ws, "r", "feat: release work");
    }
}

/// <summary>
/// Moments a kill sweep hit about once in sixty: git had written the merged index and created MERGE_HEAD but not its
/// contents, or not yet MERGE_MODE. Continue committed that as a "merge" with one parent: develop's history changed.
/// </summary>
public sealed class HalfWrittenMergeStateTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("a");

    public void Dispose() => _ws.Dispose();

    [Theory]
    [InlineData(0, false)]
    [InlineData(12, false)]
    [InlineData(40, false)]
    [InlineData(0, true)]
    public async Task Continue_after_a_kill_while_git_wrote_its_merge_state_makes_the_real_merge_and_abort_puts_all_back(int bytesWritten, bool abort)
    {
        await _ws.SmctlOk("flow", "init");
        await _ws.SmctlOk("flow", "feature", "start", "x");
        Testing.Git.Commit(_ws.Repo("a"), "x.txt", "x", "feature work");
        var feature = Testing.Git.Head(_ws.Repo("a"), "feature/x");
        var start = Refs.Of(_ws, "a");
        var env = new Dictionary<string, string> { ["SMCTL_TEST_CRASH_AFTER_STEP"] = "1", ["XDG_CONFIG_HOME"] = _ws.UserConfigHome };
        Assert.Equal(137, SmctlProcess.Run(_ws.Ws, env, "flow", "feature", "finish", "x").Code);
        Assert.Equal("develop", Testing.Git.Run(_ws.Repo("a"), "branch", "--show-current").Trim());
        // What the killed 'git merge' left: the merged index and work tree, MERGE_HEAD empty or cut short, or whole
        // with MERGE_MSG and MERGE_MODE not yet written.
        Testing.Git.Run(_ws.Repo("a"), "merge", "--no-ff", "--no-commit", "feature/x");
        File.WriteAllText(Path.Combine(_ws.Repo("a"), ".git", "MERGE_HEAD"), feature[..bytesWritten]);
        File.Delete(Path.Combine(_ws.Repo("a"), ".git", "MERGE_MODE"));
        File.Delete(Path.Combine(_ws.Repo("a"), ".git", "MERGE_MSG"));

        if (abort)
        {
            await _ws.SmctlOk("abort", "--yes");
            Assert.Equal("", Refs.Diff(start, Refs.Of(_ws, "a")));
            Assert.Equal("", Testing.Git.Run(_ws.Repo("a"), "status", "--porcelain"));
            Assert.False(File.Exists(Path.Combine(_ws.Repo("a"), ".git", "MERGE_HEAD")));
            return;
        }
        await _ws.SmctlOk("continue");
        var merge = Testing.Git.Run(_ws.Repo("a"), "log", "-1", "--format=%P", "develop").Trim().Split(' ');
        Assert.Equal(2, merge.Length);
        Assert.Equal(feature, merge[1]);
        Assert.Equal(Testing.Git.Head(_ws.Repo("a"), "develop"), Testing.Git.Head(_ws.RemotePath("a"), "develop"));
    }
}

public sealed class WorktreeAddKillTests : ProcessGroupKillTests
{
    protected override string[] Command => ["worktree", "add", "x"];

    protected override async Task PrepareAsync(WorkspaceFixture ws)
    {
        Assert.Equal(0, (await ws.Smctl("flow", "init")).ExitCode);
        foreach (var repo in new[] { "a", "b", "c" }) Testing.Git.Run(ws.Repo(repo), "switch", "-q", "develop");
        CommitMany(ws, "w", "work to check out", files: 120);
    }
}

/// <summary>
/// 'worktree remove' killed while git deletes the work trees' files: continue must finish the removal, abort bring
/// every work tree back whole on its branch, and neither may leave a half-deleted folder behind.
/// </summary>
public sealed class WorktreeRemoveKillTests : ProcessGroupKillTests
{
    protected override string[] Command => ["worktree", "remove", "x"];

    protected override async Task PrepareAsync(WorkspaceFixture ws)
    {
        Assert.Equal(0, (await ws.Smctl("flow", "init")).ExitCode);
        foreach (var repo in Names) Testing.Git.Run(ws.Repo(repo), "switch", "-q", "develop");
        CommitMany(ws, "w", "work to check out", files: 600);
        foreach (var repo in Names) Testing.Git.Run(ws.Repo(repo), "push", "-q", "origin", "develop");
        Assert.Equal(0, (await ws.Smctl("worktree", "add", "x")).ExitCode);
    }

    /// <summary>Every file outside the repos' own folders (the work trees' files), by name and size.</summary>
    protected override void AddState(WorkspaceFixture ws, SortedDictionary<string, string> state)
    {
        foreach (var file in Directory.EnumerateFiles(ws.Ws, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(ws.Ws, file);
            if (relative.StartsWith(".smctl/", StringComparison.Ordinal) || Names.Any(n => relative.StartsWith(n + "/", StringComparison.Ordinal))) continue;
            state[$"file:{relative}"] = new FileInfo(file).Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var folder in Directory.EnumerateDirectories(ws.Ws, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(ws.Ws, folder);
            if (relative == ".smctl" || relative.StartsWith(".smctl/", StringComparison.Ordinal) || Names.Any(n => relative == n || relative.StartsWith(n + "/", StringComparison.Ordinal))) continue;
            state[$"folder:{relative}"] = "";
        }
    }
}
