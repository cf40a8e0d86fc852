using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Cli;

public sealed class DemoTests
{
    [Fact]
    public async Task Demo_builds_a_working_sample_workspace_and_tours_it()
    {
        using var dir = new TempDir();
        var run = await CliRun.RunAsync(dir.Path, ["demo", "sample"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("A workspace of 3 repos", run.Stdout);
        Assert.Contains("Try next", run.Stdout);
        var ws = Path.Combine(dir.Path, "sample", "workspace");

        var status = await CliRun.RunAsync(ws, ["workspace", "status", "--json"]);
        var repos = status.Json.GetProperty("repos").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(1, repos["kernel"].GetProperty("modified").GetInt32());
        Assert.Equal(1, repos["runtime"].GetProperty("behind").GetInt32());
        Assert.Equal("develop", repos["gateway"].GetProperty("branch").GetString());
        Assert.True(File.Exists(Path.Combine(ws, "gateway", "openspec", "specs", "routing", "spec.md")));

        // What the tour suggests works.
        var sync = await CliRun.RunAsync(ws, ["workspace", "sync", "--json"]);
        var actions = sync.Json.GetProperty("repos").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("action").GetString());
        Assert.Equal("fast-forwarded", actions["runtime"]);
        var list = await CliRun.RunAsync(ws, ["workspace", "list", "--json"]);
        Assert.Equal("runtime", list.Json.GetProperty("repos")[2].GetProperty("dependsOn")[0].GetString());
        var build = await CliRun.RunAsync(ws, ["exec", "--", "sh build.sh && sh test.sh"]);
        Assert.Equal(0, build.ExitCode);
        var validate = await CliRun.RunAsync(ws, ["spec", "validate", "--all", "--strict"]);
        Assert.True(validate.ExitCode == 0, validate.ToString());

        var again = await CliRun.RunAsync(dir.Path, ["demo", "sample"]);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("exists and is not empty", again.Stderr);
    }
}
