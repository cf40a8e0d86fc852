using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Flow;

/// <summary>
/// Kills smctl after each step of a three-repo finish, then continues (or aborts): the branches, tags and
/// remotes must end exactly as after an uninterrupted run (or exactly as at the start).
/// </summary>
public abstract class FaultInjectionTests
{
    private static readonly string[] Names = ["a", "b", "c"];

    /// <summary>Makes the starting state: flow initialised, a branch started and worked on in every repo.</summary>
    protected abstract Task PrepareAsync(WorkspaceFixture ws);

    protected abstract string[] FinishCommand { get; }

    private async Task<WorkspaceFixture> StartAsync()
    {
        var ws = new WorkspaceFixture(Names);
        await PrepareAsync(ws);
        return ws;
    }

    private async Task<(SortedDictionary<string, string> Start, SortedDictionary<string, string> End, int Steps)> ReferenceAsync()
    {
        using var ws = await StartAsync();
        var start = Refs.Of(ws, Names);
        var run = await ws.Smctl([.. FinishCommand, "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var steps = run.Json.GetProperty("repos").EnumerateArray().Sum(r => r.GetProperty("steps").GetArrayLength());
        return (start, Refs.Of(ws, Names), steps);
    }

    [Fact]
    public async Task Killed_after_any_step_continue_ends_as_an_uninterrupted_run_and_abort_as_the_start()
    {
        var (start, end, steps) = await ReferenceAsync();
        Assert.True(steps >= 12, $"expected a real program, got {steps} steps");
        for (var k = 1; k < steps; k++)
        {
            using var ws = await StartAsync();
            Assert.Equal("", Refs.Diff(start, Refs.Of(ws, Names)));
            var env = new Dictionary<string, string> { ["SMCTL_TEST_CRASH_AFTER_STEP"] = k.ToString(), ["XDG_CONFIG_HOME"] = ws.UserConfigHome };
            var crashed = SmctlProcess.Run(ws.Ws, env, [.. FinishCommand, "-j", "1"]);
            Assert.True(crashed.Code == 137, $"after step {k}: exit {crashed.Code}\n{crashed.Stderr}");

            if (k % 2 == 1)
            {
                var resumed = await ws.Smctl("continue");
                Assert.True(resumed.ExitCode == 0, $"continue after step {k}: {resumed}");
                var diff = Refs.Diff(end, Refs.Of(ws, Names));
                Assert.True(diff == "", $"continue after step {k} differs from an uninterrupted run:\n{diff}");
            }
            else
            {
                var aborted = await ws.Smctl("abort", "--yes");
                Assert.True(aborted.ExitCode == 0, $"abort after step {k}: {aborted}");
                var diff = Refs.Diff(start, Refs.Of(ws, Names));
                Assert.True(diff == "", $"abort after step {k} differs from the start:\n{diff}");
            }
        }
    }

    [Fact]
    public async Task An_abort_killed_half_way_is_finished_by_abort_and_refused_by_everything_else()
    {
        var (start, _, steps) = await ReferenceAsync();
        using var ws = await StartAsync();
        var env = new Dictionary<string, string> { ["SMCTL_TEST_CRASH_AFTER_STEP"] = (steps - 1).ToString(), ["XDG_CONFIG_HOME"] = ws.UserConfigHome };
        Assert.Equal(137, SmctlProcess.Run(ws.Ws, env, [.. FinishCommand, "-j", "1"]).Code);
        env = new Dictionary<string, string> { ["SMCTL_TEST_CRASH_AFTER_RESTORE"] = "1", ["XDG_CONFIG_HOME"] = ws.UserConfigHome };
        var halfAborted = SmctlProcess.Run(ws.Ws, env, ["abort", "--yes", "-j", "1"]);
        Assert.True(halfAborted.Code == 137, halfAborted.Stderr);
        Assert.NotEqual("", Refs.Diff(start, Refs.Of(ws, Names)));

        // Continuing now would redo only the steps after the put-back repo's last recorded one.
        var resumed = await ws.Smctl("continue");
        Assert.Equal(1, resumed.ExitCode);
        Assert.Contains("was interrupted: some repos are already put back", resumed.Stderr);
        Assert.Equal(1, (await ws.Smctl("skip", "--yes")).ExitCode);
        var other = await ws.Smctl("flow", "feature", "start", "other");
        Assert.Equal(4, other.ExitCode);
        Assert.Contains("run 'smctl abort' to put back the remaining repos", other.Stderr);
        var status = await ws.Smctl("flow", "status", "--json");
        Assert.Equal("aborting", status.Json.GetProperty("phase").GetString());

        var aborted = await ws.Smctl("abort", "--yes");
        Assert.True(aborted.ExitCode == 0, aborted.ToString());
        var diff = Refs.Diff(start, Refs.Of(ws, Names));
        Assert.True(diff == "", $"the finished abort differs from the start:\n{diff}");
    }
}

public sealed class FeatureFinishFaultTests : FaultInjectionTests
{
    protected override string[] FinishCommand => ["flow", "feature", "finish", "x"];

    protected override async Task PrepareAsync(WorkspaceFixture ws)
    {
        Assert.Equal(0, (await ws.Smctl("flow", "init")).ExitCode);
        Assert.Equal(0, (await ws.Smctl("flow", "feature", "start", "x")).ExitCode);
        foreach (var repo in new[] { "a", "b", "c" }) Testing.Git.Commit(ws.Repo(repo), "x.txt", repo, "x in " + repo);
    }
}

public sealed class ReleaseFinishFaultTests : FaultInjectionTests
{
    protected override string[] FinishCommand => ["flow", "release", "finish", "2.0.0"];

    protected override async Task PrepareAsync(WorkspaceFixture ws)
    {
        Assert.Equal(0, (await ws.Smctl("flow", "init")).ExitCode);
        Assert.Equal(0, (await ws.Smctl("flow", "release", "start", "2.0")).ExitCode);
        foreach (var repo in new[] { "a", "b", "c" }) Testing.Git.Commit(ws.Repo(repo), "VERSION", "2.0.0\n", "version 2.0.0");
    }
}
