using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Flow;

/// <summary>
/// Repos shaped like public ones rather than like smctl's defaults: a production branch named master beside one named
/// main, tags with and without a prefix, pre-releases, tags that are not versions.
/// </summary>
public sealed class RealShapesTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("app");

    public void Dispose() => _ws.Dispose();

    private Task<CliRun> Ok(params string[] args) => _ws.SmctlOk(args);

    /// <summary>A repo whose remote has only master (no develop), cloned into the workspace and listed in the manifest.</summary>
    private string AddMasterRepo(string name, string manifestExtra = "")
    {
        var bare = _ws.RemotePath(name);
        Testing.Git.Run(_ws.Root, "init", "-q", "--bare", "--initial-branch=master", bare);
        var seed = Path.Combine(_ws.Root, "seed-" + name);
        Testing.Git.Run(_ws.Root, "clone", "-q", bare, seed);
        Testing.Git.Run(seed, "checkout", "-q", "-B", "master");
        Testing.Git.Commit(seed, "README.md", $"# {name}\n", "initial");
        Testing.Git.Run(seed, "push", "-q", "origin", "master");
        Directory.Delete(seed, recursive: true);
        Testing.Git.Run(_ws.Ws, "clone", "-q", _ws.RemoteUrl(name), name);
        File.AppendAllText(_ws.Manifest, $"\n[[repos]]\nname = \"{name}\"\nurl = \"{_ws.RemoteUrl(name)}\"\n{manifestExtra}");
        return _ws.Repo(name);
    }

    [Fact]
    public async Task A_master_repo_beside_a_main_repo_flows_without_flags()
    {
        var old = AddMasterRepo("old");
        var init = await Ok("flow", "init", "--json");
        Assert.Contains("gitflow.branch.master", init.Stdout);
        Assert.Equal("master", Testing.Git.Run(old, "config", "gitflow.branch.master").Trim());
        Assert.Equal("main", Testing.Git.Run(_ws.Repo("app"), "config", "gitflow.branch.master").Trim());
        // develop was made from master and pushed; AVH git flow reads the same config.
        Assert.Equal(Testing.Git.Head(old, "master"), Testing.Git.Head(old, "develop"));
        Assert.NotEqual("", Testing.Git.Run(_ws.RemotePath("old"), "branch", "--list", "develop").Trim());
        Assert.Equal(0, Testing.Git.TryRun(old, "flow", "feature", "list").Code);

        await Ok("flow", "feature", "start", "f");
        Testing.Git.Commit(old, "f.txt", "f\n", "feat: f");
        await Ok("flow", "feature", "finish", "f");
        await Ok("flow", "release", "start", "1.0.0");
        await Ok("flow", "release", "finish", "1.0.0");
        // Each repo's release went into its own production branch.
        Assert.Equal(Testing.Git.Head(old, "v1.0.0^{commit}"), Testing.Git.Head(old, "master"));
        Assert.Equal(Testing.Git.Head(_ws.Repo("app"), "v1.0.0^{commit}"), Testing.Git.Head(_ws.Repo("app"), "main"));
        Assert.Contains("f.txt", Testing.Git.Run(old, "ls-tree", "--name-only", "master"));
        Assert.Equal("", Testing.Git.Run(old, "branch", "--list", "main").Trim());
    }

    [Fact]
    public async Task The_manifest_names_a_repos_own_branches()
    {
        var old = AddMasterRepo("old", "main_branch = \"master\"\ndevelop_branch = \"next\"\n");
        await Ok("flow", "init");
        Assert.Equal("next", Testing.Git.Run(old, "config", "gitflow.branch.develop").Trim());
        Assert.Equal(Testing.Git.Head(old, "master"), Testing.Git.Head(old, "next"));
        Assert.Equal("", Testing.Git.Run(old, "branch", "--list", "develop").Trim());
        await Ok("flow", "feature", "start", "g");
        Testing.Git.Commit(old, "g.txt", "g\n", "feat: g");
        await Ok("flow", "feature", "finish", "g");
        Assert.Contains("g.txt", Testing.Git.Run(old, "ls-tree", "--name-only", "next"));

        File.AppendAllText(_ws.Manifest, "\n[[repos]]\nname = \"bad\"\nmain_branch = \"a..b\"\n");
        var bad = await _ws.Smctl("workspace", "list");
        Assert.Equal(4, bad.ExitCode);
        Assert.Contains("'a..b' is not a valid branch name", bad.Stderr);
    }

    [Fact]
    public async Task A_release_plan_reads_unprefixed_and_pre_release_tags_and_never_goes_backwards()
    {
        var lib = AddMasterRepo("lib");
        Testing.Git.Commit(lib, "a.txt", "1", "feat: first");
        Testing.Git.Run(lib, "tag", "v2.7.0");
        Testing.Git.Run(lib, "tag", "v2.7");
        Testing.Git.Commit(lib, "a.txt", "2", "feat: second");
        Testing.Git.Run(lib, "tag", "2.8.0");
        Testing.Git.Commit(lib, "a.txt", "3", "feat: preview");
        Testing.Git.Run(lib, "tag", "v2.9.0-preview3");
        Testing.Git.Commit(lib, "a.txt", "4", "fix: a bug");
        Testing.Git.Run(lib, "push", "-q", "origin", "master", "--tags");

        var plan = (await Ok("release", "plan", "-r", "lib", "--to", "master", "--json")).Json.GetProperty("repos")[0];
        // Based on the highest release merged (2.8.0, unprefixed); commits since it: preview and fix.
        Assert.Equal("2.8.0", plan.GetProperty("lastTag").GetString());
        Assert.Equal(2, plan.GetProperty("commits").GetArrayLength());
        // A minor bump from 2.8.0 is 2.9.0, above the pre-release: nothing raised. The tag follows the repo's style.
        Assert.Equal("2.9.0", plan.GetProperty("nextVersion").GetString());
        Assert.Equal("2.9.0", plan.GetProperty("nextTag").GetString());
        var warnings = string.Join("\n", plan.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("v2.7", warnings);

        // Only fixes since 2.8.0 would make 2.8.1, below v2.9.0-preview3: the plan goes to 2.9.0 and says why.
        Testing.Git.Run(lib, "tag", "-d", "v2.9.0-preview3");
        Testing.Git.Run(lib, "tag", "v2.9.0-preview3", "HEAD");
        Testing.Git.Run(lib, "tag", "-f", "2.8.0", "HEAD~1");
        var raised = (await Ok("release", "plan", "-r", "lib", "--to", "master", "--json")).Json.GetProperty("repos")[0];
        Assert.Equal("2.8.0", raised.GetProperty("lastTag").GetString());
        Assert.Equal("Patch", raised.GetProperty("bump").GetString());
        Assert.Equal("2.9.0", raised.GetProperty("nextVersion").GetString());
        Assert.Contains("v2.9.0-preview3 is already tagged", raised.GetProperty("warnings").ToString());
        var text = await Ok("release", "plan", "-r", "lib", "--to", "master");
        Assert.Contains("v2.9.0-preview3 is already tagged", text.Stdout + text.Stderr);
    }

    [Fact]
    public async Task A_repo_tagged_without_a_prefix_is_released_without_one()
    {
        var lib = AddMasterRepo("lib");
        Testing.Git.Run(lib, "tag", "1.2.0");
        Testing.Git.Run(lib, "push", "-q", "origin", "1.2.0");
        await Ok("flow", "init", "-r", "lib");
        Testing.Git.Run(lib, "checkout", "-q", "develop");
        Testing.Git.Commit(lib, "b.txt", "b", "feat: b");
        await Ok("flow", "release", "start", "-r", "lib");
        Assert.NotEqual("", Testing.Git.Run(lib, "branch", "--list", "release/1.3.0").Trim());
        await Ok("flow", "release", "finish", "1.3.0", "-r", "lib");
        Assert.Equal("1.3.0", Testing.Git.Run(lib, "tag", "--list", "1.3.0").Trim());
        Assert.Equal("", Testing.Git.Run(lib, "tag", "--list", "v1.3.0").Trim());
        Assert.Contains("1.3.0", Testing.Git.Run(_ws.RemotePath("lib"), "tag", "--list"));
    }

    [Fact]
    public async Task A_release_please_changelog_keeps_its_own_sections()
    {
        var app = _ws.Repo("app");
        await Ok("flow", "init");
        Testing.Git.Run(app, "checkout", "-q", "develop");
        Testing.Git.Commit(app, "CHANGELOG.md", """
            # Changelog

            ## [1.4.0](https://github.com/o/app/compare/v1.3.0...v1.4.0) (2026-01-02)


            ### Features

            * an old feature ([1234567](https://github.com/o/app/commit/1234567))

            ### Bug Fixes

            * an old fix ([89abcde](https://github.com/o/app/commit/89abcde))

            """, "chore: changelog");
        Testing.Git.Run(app, "tag", "v1.4.0");
        Testing.Git.Commit(app, "x.txt", "x", "feat: a new feature");
        Testing.Git.Commit(app, "y.txt", "y", "fix: a new fix");
        Testing.Git.Run(app, "push", "-q", "origin", "develop", "--tags");
        await Ok("flow", "release", "start", "1.5.0");
        await Ok("flow", "release", "finish", "1.5.0");
        var changelog = Testing.Git.Run(app, "show", "main:CHANGELOG.md");
        var newest = changelog[..changelog.IndexOf("## [1.4.0]", StringComparison.Ordinal)];
        Assert.Contains("## 1.5.0 (", newest);
        Assert.Contains("### Features\n\n* a new feature", newest);
        Assert.Contains("### Bug Fixes\n\n* a new fix", newest);
        Assert.DoesNotContain("### Added", changelog);
        Assert.DoesNotContain("### Fixed", changelog);

        // The combined notes' Unreleased section carries no date (Keep a Changelog).
        Testing.Git.Commit(app, "z.txt", "z", "feat: later");
        var combined = (await Ok("release", "notes", "--json")).Json.GetProperty("combined").GetString()!;
        Assert.StartsWith("## [Unreleased]\n", combined);
    }
}
