using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Exec;

public sealed class ExecTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("a", "b", "c");

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task Runs_in_every_repo_grouped_with_a_summary()
    {
        var run = await _ws.Smctl("exec", "--", "git", "rev-parse", "--show-toplevel");
        Assert.Equal(0, run.ExitCode);
        foreach (var repo in new[] { "a", "b", "c" })
        {
            Assert.Contains($"── {repo} (exit 0", run.Stdout);
            Assert.Contains(_ws.Repo(repo), run.Stdout);
        }
        Assert.Contains("3 ok, 0 failed", run.Stderr);
    }

    [Fact]
    public async Task A_failure_in_one_repo_exits_1_and_json_has_each_code_and_output()
    {
        var run = await _ws.Smctl("exec", "--json", "--", "test \"$SMCTL_REPO_NAME\" != b && echo \"ok $SMCTL_REPO_NAME\"");
        Assert.Equal(1, run.ExitCode);
        var repos = run.Json.GetProperty("repos").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(0, repos["a"].GetProperty("exitCode").GetInt32());
        Assert.Equal("ok a\n", repos["a"].GetProperty("stdout").GetString());
        Assert.Equal(1, repos["b"].GetProperty("exitCode").GetInt32());
        Assert.Equal(1, run.Json.GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task Stream_prefixes_each_line_with_its_repo()
    {
        var run = await _ws.Smctl("exec", "--stream", "--repos", "a,c", "--", "printf 'one\\ntwo\\n'");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("[a] one", run.Stdout);
        Assert.Contains("[c] two", run.Stdout);
        Assert.DoesNotContain("[b]", run.Stdout);
    }

    [Fact]
    public async Task Jobs_bound_the_parallelism()
    {
        // Each command records how many are running at once through a shared folder of marker files.
        var marks = Path.Combine(_ws.Root, "marks");
        Directory.CreateDirectory(marks);
        var script = $"touch {marks}/$SMCTL_REPO_NAME; ls {marks} | grep -vc count > {marks}/$SMCTL_REPO_NAME.count; sleep 0.3; rm {marks}/$SMCTL_REPO_NAME";
        var run = await _ws.Smctl("exec", "-j", "1", "--", script);
        Assert.Equal(0, run.ExitCode);
        foreach (var repo in new[] { "a", "b", "c" })
            Assert.Equal("1", File.ReadAllText(Path.Combine(marks, repo + ".count")).Trim());
    }

    [Fact]
    public async Task A_missing_command_or_program_is_a_clear_error()
    {
        var none = await _ws.Smctl("exec");
        Assert.Equal(2, none.ExitCode);
        var missing = await _ws.Smctl("exec", "--", "no-such-program-xyz", "arg");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("could not start 'no-such-program-xyz'", missing.Stdout + missing.Stderr);
    }
}
