using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Workspace;

public sealed class InitTests : IDisposable
{
    private readonly WorkspaceFixture _fx = new();
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        _fx.Dispose();
        _dir.Dispose();
    }

    private Task<CliRun> Smctl(params string[] args) => CliRun.RunAsync(_dir.Path, args, new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = _fx.UserConfigHome });

    [Fact]
    public async Task Init_creates_the_manifest_and_gitignore()
    {
        var run = await Smctl("workspace", "init", "--name", "platform");
        Assert.Equal(0, run.ExitCode);
        var manifest = File.ReadAllText(_dir[".smctl/workspace.toml"]);
        Assert.Contains("name = \"platform\"", manifest);
        Assert.Contains("state/", File.ReadAllText(_dir[".smctl/.gitignore"]));
        var again = await Smctl("workspace", "init", "--name", "other");
        Assert.Equal(2, again.ExitCode);
        Assert.Equal(manifest, File.ReadAllText(_dir[".smctl/workspace.toml"]));
    }

    [Fact]
    public async Task Scan_adopts_existing_clones_with_origin_and_default_branch()
    {
        _fx.CreateRemote("api");
        _fx.CreateRemote("web");
        Testing.Git.Run(_dir.Path, "clone", "-q", _fx.RemoteUrl("api"), "api");
        Directory.CreateDirectory(_dir["apps"]);
        Testing.Git.Run(_dir["apps"], "clone", "-q", _fx.RemoteUrl("web"), "web");
        Directory.CreateDirectory(_dir["notarepo"]);
        var run = await Smctl("workspace", "init", "--scan", "--json");
        Assert.Equal(0, run.ExitCode);
        var list = await Smctl("workspace", "list", "--json");
        var repos = list.Json.GetProperty("repos").EnumerateArray().ToList();
        Assert.Equal(["api", "web"], repos.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal("apps/web", repos[1].GetProperty("path").GetString());
        Assert.Equal(_fx.RemoteUrl("web"), repos[1].GetProperty("url").GetString());
        Assert.Equal("main", repos[0].GetProperty("defaultBranch").GetString());
    }

    [Fact]
    public async Task From_a_manifest_clones_every_repo_and_reports_a_failed_clone_without_leftovers()
    {
        _fx.CreateRemote("api");
        _fx.CreateRemote("web");
        var source = _dir["team.toml"];
        File.WriteAllText(source, $"""
            # the team's workspace
            [workspace]
            name = "team"

            [[repos]]
            name = "api"
            url = "{_fx.RemoteUrl("api")}"
            default_branch = "develop"

            [[repos]]
            name = "web"
            url = "{_fx.RemoteUrl("web")}"

            [[repos]]
            name = "gone"
            url = "{_fx.RemoteUrl("does-not-exist")}"
            """);
        var ws = _dir["ws"];
        Directory.CreateDirectory(ws);
        var run = await CliRun.RunAsync(ws, ["workspace", "init", "--from", source, "--json"]);
        Assert.Equal(3, run.ExitCode);
        var actions = run.Json.GetProperty("repos").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("action").GetString());
        Assert.Equal("cloned", actions["api"]);
        Assert.Equal("cloned", actions["web"]);
        Assert.Equal("failed", actions["gone"]);
        Assert.Equal("develop", Testing.Git.Run(Path.Combine(ws, "api"), "branch", "--show-current").Trim());
        Assert.False(Directory.Exists(Path.Combine(ws, "gone")));
        Assert.Empty(Directory.EnumerateDirectories(ws, ".*smctl-clone*"));
        Assert.Contains("# the team's workspace", File.ReadAllText(Path.Combine(ws, ".smctl", "workspace.toml")));

        // Once the remote exists, running init again clones only what is missing.
        _fx.CreateRemote("does-not-exist");
        var retry = await CliRun.RunAsync(ws, ["workspace", "init", "--json"]);
        Assert.Equal(0, retry.ExitCode);
        var second = retry.Json.GetProperty("repos").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("action").GetString());
        Assert.Equal("present", second["api"]);
        Assert.Equal("cloned", second["gone"]);
    }

    [Fact]
    public async Task Dry_run_changes_nothing()
    {
        var run = await Smctl("workspace", "init", "--dry-run");
        Assert.Equal(0, run.ExitCode);
        Assert.False(Directory.Exists(_dir[".smctl"]));
    }
}
