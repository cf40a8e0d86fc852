using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Workspace;

/// <summary>A broken or hostile manifest gets one clear error naming file:line:col, exit 4, and nothing is touched.</summary>
public sealed class ManifestTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("a", "b");

    public void Dispose() => _ws.Dispose();

    private async Task<CliRun> ListWith(string manifest)
    {
        File.WriteAllText(_ws.Manifest, manifest);
        return await _ws.Smctl("workspace", "list");
    }

    [Fact]
    public async Task A_full_manifest_reads_every_key()
    {
        var run = await ListWith("""
            [workspace]
            name = "full"
            root = "."

            [[repos]]
            name = "a"
            url = "https://user:secret@example.com/a.git"
            default_branch = "main"
            smctl_home = true
            build_cmd = "make"
            test_cmd = "make test"
            clean_cmd = "make clean"
            verify_cmd = "make verify"

            [[repos]]
            name = "b"
            path = "b"
            depends_on = ["a"]

            [flow]
            model = "trunk"
            main_branch = "main"
            develop_branch = "develop"
            feature_prefix = "feature/"
            release_prefix = "release/"
            hotfix_prefix = "hotfix/"
            tag_prefix = "v"

            [worktree]
            base_dir = ".worktrees"

            [spec]
            openspec_dir = "a/openspec"
            """);
        Assert.Equal(0, run.ExitCode);
        run = await _ws.Smctl("workspace", "list", "--json");
        Assert.Equal(0, run.ExitCode);
        var repos = run.Json.GetProperty("repos");
        Assert.Equal("full", run.Json.GetProperty("workspace").GetString());
        Assert.Equal("make verify", repos[0].GetProperty("verifyCmd").GetString());
        Assert.True(repos[0].GetProperty("smctlHome").GetBoolean());
        Assert.Equal("a", repos[1].GetProperty("dependsOn")[0].GetString());
        // Credentials never reach the output.
        Assert.DoesNotContain("secret", run.Stdout);
        var model = await _ws.Smctl("config", "get", "flow.model");
        Assert.Equal("trunk", model.Stdout.Trim());
    }

    [Fact]
    public async Task A_cycle_is_printed_with_its_position()
    {
        var run = await ListWith("[[repos]]\nname = \"a\"\ndepends_on = [\"b\"]\n\n[[repos]]\nname = \"b\"\ndepends_on = [\"a\"]\n");
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("workspace.toml:3:14: dependency cycle: a -> b -> a", run.Stderr);
    }

    [Theory]
    [InlineData("[[repos]]\nname = \"a\"\npath = \"../../etc\"\n", "workspace.toml:3:8: path '../../etc' is outside the workspace root")]
    [InlineData("[[repos]]\nname = \"a\"\npath = \"/etc\"\n", "path '/etc' is outside the workspace root")]
    [InlineData("[[repos]]\nname = \"a\"\nurl = \"--upload-pack=touch /tmp/x\"\n", "workspace.toml:3:7: url '--upload-pack=touch /tmp/x' is not a repository address")]
    [InlineData("[[repos]]\nname = \"a\"\n\n[[repos]]\nname = \"a\"\n", "workspace.toml:4:1: repos 'a' (line 1) and 'a' have the same name")]
    [InlineData("[[repos]]\nname = \"a\"\n\n[[repos]]\nname = \"b\"\npath = \"a\"\n", "have the same path")]
    [InlineData("[[repos]]\nurl = \"x\"\n", "workspace.toml:1:1: this [[repos]] entry has no 'name'")]
    [InlineData("[[repos]]\nname = 5\n", "workspace.toml:2:8: 'name' must be a string, not a integer")]
    [InlineData("[[repos]]\nname = \"a\"\ndepends_on = [\"zzz\"]\n", "workspace.toml:3:14: repo 'a' depends on 'zzz', which is not a repo of this workspace")]
    [InlineData("[flow]\ntag_prefix = 3\n", "workspace.toml:2:14: 'flow.tag_prefix' must be a string, not a integer")]
    [InlineData("[flow]\nmodel = \"waterfall\"\n", "'flow.model' must be one of git-flow, trunk, not 'waterfall'")]
    [InlineData("[workspace\nname = 1\n", "workspace.toml:1:")]
    [InlineData("[[repos]]\nname = \"../x\"\n", "'../x' is not a valid repo name")]
    public async Task Bad_manifests_get_one_clear_error(string manifest, string expected)
    {
        var run = await ListWith(manifest);
        Assert.Equal(4, run.ExitCode);
        Assert.Contains(expected, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_symlink_out_of_the_workspace_is_refused()
    {
        var outside = Path.Combine(_ws.Root, "outside");
        Directory.CreateDirectory(outside);
        File.CreateSymbolicLink(Path.Combine(_ws.Ws, "link"), outside);
        var run = await ListWith("[[repos]]\nname = \"a\"\npath = \"link/a\"\n");
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("leads outside the workspace root through the symbolic link", run.Stderr);
    }

    [Fact]
    public async Task Unknown_keys_are_warnings_not_failures()
    {
        var run = await ListWith("[workspace]\nname = \"x\"\ncolour = \"blue\"\n\n[[repos]]\nname = \"a\"\nflavour = 1\n\n[weird]\nx = 1\n\n[build]\njobs = 2\n");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning:", run.Stderr);
        Assert.Contains("unknown key 'workspace.colour'", run.Stderr);
        Assert.Contains("unknown repo key 'flavour'", run.Stderr);
        Assert.Contains("unknown section [weird]", run.Stderr);
        Assert.DoesNotContain("build", run.Stderr);
    }

    [Fact]
    public async Task Outside_a_workspace_is_exit_4_with_a_pointer()
    {
        using var dir = new TempDir();
        var run = await CliRun.RunAsync(dir.Path, ["workspace", "status"]);
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("not in an smctl workspace", run.Stderr);
        Assert.Contains("smctl workspace init", run.Stderr);
        var json = await CliRun.RunAsync(dir.Path, ["workspace", "status", "--json"]);
        Assert.Equal(-32001, json.Json.GetProperty("code").GetInt32());
        Assert.Equal("workspace", json.Json.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task The_workspace_is_found_from_a_subfolder_from_w_and_from_SMCTL_WORKSPACE()
    {
        var sub = Path.Combine(_ws.Repo("a"), "src");
        Assert.Equal(0, (await CliRun.RunAsync(sub, ["workspace", "list"])).ExitCode);
        using var elsewhere = new TempDir();
        Assert.Equal(0, (await CliRun.RunAsync(elsewhere.Path, ["-w", _ws.Ws, "workspace", "list"])).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync(elsewhere.Path, ["workspace", "list"], new Dictionary<string, string?> { ["SMCTL_WORKSPACE"] = _ws.Ws })).ExitCode);
        var wrong = await CliRun.RunAsync(elsewhere.Path, ["-w", elsewhere.Path, "workspace", "list"]);
        Assert.Equal(4, wrong.ExitCode);
    }
}
