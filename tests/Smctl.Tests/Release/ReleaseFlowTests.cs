using System.Text.Json;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Release;

/// <summary>Release planning, notes and finishing on real repos with crafted histories; versions and grouping checked against git-cliff.</summary>
public sealed class ReleaseFlowTests : IDisposable
{
    private static readonly string[] Names = ["a", "b", "c"];
    private readonly WorkspaceFixture _ws = new(Names);

    public void Dispose() => _ws.Dispose();

    private Task<CliRun> Ok(params string[] args) => _ws.SmctlOk(args);

    /// <summary>A commit on develop with <paramref name="message"/>, pushed.</summary>
    private void Commit(string repo, string message, string file = "work.txt", string? content = null)
    {
        Testing.Git.Run(_ws.Repo(repo), "checkout", "-q", "develop");
        File.AppendAllText(Path.Combine(_ws.Repo(repo), file), content ?? message + "\n");
        Testing.Git.Run(_ws.Repo(repo), "add", file);
        Testing.Git.Run(_ws.Repo(repo), "commit", "-q", "-m", message);
        Testing.Git.Run(_ws.Repo(repo), "push", "-q", "origin", "develop");
    }

    [Fact]
    public async Task A_lockstep_release_across_three_repos_ends_with_the_same_tags_changelogs_and_versions()
    {
        File.AppendAllText(_ws.Manifest, "\n[release]\nmode = \"lockstep\"\n");
        await Ok("flow", "init");
        Commit("a", "feat(api): add the thing");
        Commit("a", "chore: tidy", "package.json", "{\n  \"name\": \"a\",\n  \"version\": \"0.0.0\"\n}\n");
        Commit("b", "fix: the bug", "Cargo.toml", "[package]\nname = \"b\"\nversion = \"0.0.0\"\n");
        Commit("c", "docs: explain", "c.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <Version>0.0.0</Version>\n  </PropertyGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(_ws.Repo("c"), "CHANGELOG.md"), "# Changelog\n\nKept by hand.\n\n## [Unreleased]\n\n- next\n");
        Testing.Git.Run(_ws.Repo("c"), "add", "CHANGELOG.md");
        Testing.Git.Run(_ws.Repo("c"), "commit", "-q", "-m", "initial changelog");
        Testing.Git.Run(_ws.Repo("c"), "push", "-q", "origin", "develop");

        var plan = (await Ok("release", "plan", "--json")).Json;
        Assert.Equal("lockstep", plan.GetProperty("mode").GetString());
        Assert.Equal("0.1.0", plan.GetProperty("workspaceVersion").GetString());

        await Ok("flow", "release", "start", "--auto");
        foreach (var repo in Names) Assert.Equal("release/0.1.0", Testing.Git.Run(_ws.Repo(repo), "branch", "--show-current").Trim());
        var dry = await Ok("flow", "release", "finish", "0.1.0", "--dry-run");
        Assert.Contains("+## [0.1.0] - ", dry.Stdout);
        Assert.Contains("-  \"version\": \"0.0.0\"", dry.Stdout);
        Assert.Contains("+  \"version\": \"0.1.0\"", dry.Stdout);
        await Ok("flow", "release", "finish", "0.1.0");

        var sections = new List<string>();
        foreach (var repo in Names)
        {
            var dir = _ws.Repo(repo);
            Assert.Equal("tag", Testing.Git.Run(dir, "cat-file", "-t", "v0.1.0").Trim());
            Assert.Equal(Testing.Git.Head(dir, "main"), Testing.Git.Head(dir, "v0.1.0^{commit}"));
            Assert.Equal(Testing.Git.Head(dir, "v0.1.0^{commit}"), Testing.Git.Head(_ws.Repo(repo), "origin/main"));
            var changelog = Testing.Git.Run(dir, "show", "main:CHANGELOG.md");
            var section = changelog[changelog.IndexOf("## [0.1.0]", StringComparison.Ordinal)..].Split('\n')[0];
            sections.Add(section);
        }
        Assert.Single(sections.Distinct());
        Assert.Contains("\"version\": \"0.1.0\"", Testing.Git.Run(_ws.Repo("a"), "show", "main:package.json"));
        Assert.Contains("version = \"0.1.0\"", Testing.Git.Run(_ws.Repo("b"), "show", "main:Cargo.toml"));
        Assert.Contains("<Version>0.1.0</Version>", Testing.Git.Run(_ws.Repo("c"), "show", "main:c.csproj"));
        var c = Testing.Git.Run(_ws.Repo("c"), "show", "main:CHANGELOG.md");
        Assert.StartsWith("# Changelog\n\nKept by hand.\n\n## [Unreleased]\n\n- next\n## [0.1.0]", c.Replace("\n\n## [0.1.0]", "\n## [0.1.0]"));
        Assert.Contains("### Other", c);
        Assert.Contains("- **api:** add the thing", Testing.Git.Run(_ws.Repo("a"), "show", "main:CHANGELOG.md"));

        // The next lockstep release takes every repo to the same version, even those without changes.
        Commit("a", "feat: more");
        Assert.Equal("0.2.0", (await Ok("release", "plan", "--json")).Json.GetProperty("workspaceVersion").GetString());
        var notes = (await Ok("release", "notes", "--json")).Json;
        Assert.Contains("### Added", notes.GetProperty("combined").GetString());
        Assert.Contains("**a**: more", notes.GetProperty("combined").GetString());
    }

    /// <summary>
    /// The release branch is checked out in a worktree of its own, so the changelog commit is written there; the
    /// commit fails once (a pre-commit hook), and the user edits the written CHANGELOG.md before continuing.
    /// </summary>
    [Fact]
    public async Task Continue_refuses_to_overwrite_a_changelog_edited_since_the_plan()
    {
        await Ok("flow", "init");
        Commit("a", "feat: the thing");
        await Ok("flow", "release", "start", "0.1.0", "-r", "a");
        var a = _ws.Repo("a");
        Testing.Git.Run(a, "switch", "-q", "develop");
        var releaseTree = Path.Combine(_ws.Root, "a-release");
        Testing.Git.Run(a, "worktree", "add", "-q", releaseTree, "release/0.1.0");
        var hook = Path.Combine(a, ".git", "hooks", "pre-commit");
        File.WriteAllText(hook, "#!/bin/sh\necho 'hook says no' >&2\nexit 1\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var failed = await _ws.Smctl("flow", "release", "finish", "0.1.0", "-r", "a", "--keep");
        Assert.True(failed.ExitCode == 3 && failed.Stdout.Contains("hook says no"), failed.ToString());
        File.Delete(hook);
        var changelog = Path.Combine(releaseTree, "CHANGELOG.md");
        File.AppendAllText(changelog, "\nA note the user added by hand.\n");

        var refused = await _ws.Smctl("continue");
        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Contains("CHANGELOG.md in " + releaseTree + " changed since the plan was made", refused.Stdout + refused.Stderr);
        Assert.EndsWith("A note the user added by hand.\n", File.ReadAllText(changelog));

        // Put aside, the planned text is written again and the release finishes.
        File.Move(changelog, changelog + ".mine");
        await Ok("continue");
        Assert.Contains("## [0.1.0]", Testing.Git.Run(a, "show", "main:CHANGELOG.md"));
        Assert.Equal("tag", Testing.Git.Run(a, "cat-file", "-t", "v0.1.0").Trim());
    }

    [Fact]
    public async Task Bad_versions_existing_tags_and_malformed_manifests_are_refused_before_any_repo_changes()
    {
        await Ok("flow", "init");
        foreach (var repo in Names) Commit(repo, "feat: start");
        await Ok("flow", "release", "start", "1.0.0");
        await Ok("flow", "release", "finish", "1.0.0");
        foreach (var repo in Names) Commit(repo, "fix: after");
        var before = Refs.Of(_ws, Names);

        var lower = await _ws.Smctl("flow", "release", "start", "0.9.0");
        Assert.Equal(3, lower.ExitCode);
        Assert.Contains("0.9.0 is not above its last release v1.0.0", lower.Stderr);

        Testing.Git.Run(_ws.Repo("b"), "tag", "v1.0.1", "develop");
        var taken = await _ws.Smctl("flow", "release", "start", "1.0.1");
        Assert.NotEqual(0, taken.ExitCode);
        Assert.Contains("b: tag v1.0.1 already exists", taken.Stderr + taken.Stdout, StringComparison.Ordinal);
        Testing.Git.Run(_ws.Repo("b"), "tag", "-d", "v1.0.1");
        Assert.Equal(before, Refs.Of(_ws, Names));

        await Ok("flow", "release", "start", "1.0.1");
        Testing.Git.Commit(_ws.Repo("c"), "package.json", "{ \"name\": \"c\", \"version\": \"one\" }", "chore: a broken manifest");
        var started = Refs.Of(_ws, Names);
        var broken = await _ws.Smctl("flow", "release", "finish", "1.0.1");
        Assert.Equal(3, broken.ExitCode);
        Assert.Contains("c: package.json has the version 'one', which is not a semantic version", broken.Stderr);
        Assert.Equal(started, Refs.Of(_ws, Names));
    }

    [Fact]
    public async Task Independent_repos_each_release_their_own_version()
    {
        await Ok("flow", "init");
        Commit("a", "feat: a1");
        Commit("b", "feat: b1");
        await Ok("flow", "release", "start", "1.0.0", "--repos", "a");
        await Ok("flow", "release", "finish", "1.0.0");
        await Ok("flow", "release", "start", "0.3.0", "--repos", "b");
        await Ok("flow", "release", "finish", "0.3.0");
        Commit("a", "feat: a2");
        Commit("b", "fix: b2");

        await Ok("flow", "release", "start", "--auto");
        Assert.Equal("release/1.1.0", Testing.Git.Run(_ws.Repo("a"), "branch", "--show-current").Trim());
        Assert.Equal("release/0.3.1", Testing.Git.Run(_ws.Repo("b"), "branch", "--show-current").Trim());
        Assert.Equal("release/0.1.0", Testing.Git.Run(_ws.Repo("c"), "branch", "--show-current").Trim()); // never released: its first

        await Ok("config", "set", "release.sign", "true");
        var unsigned = await _ws.Smctl("flow", "release", "finish", "1.1.0");
        Assert.NotEqual(0, unsigned.ExitCode);
        Assert.Contains("no user.signingkey", unsigned.Stderr + unsigned.Stdout);
        await Ok("config", "set", "release.sign", "false");

        await Ok("flow", "release", "finish", "1.1.0");
        await Ok("flow", "release", "finish", "0.3.1");
        await Ok("flow", "release", "finish", "0.1.0");
        Assert.Equal(Testing.Git.Head(_ws.Repo("c"), "main"), Testing.Git.Head(_ws.Repo("c"), "v0.1.0^{commit}"));
        Assert.Equal(Testing.Git.Head(_ws.Repo("a"), "main"), Testing.Git.Head(_ws.Repo("a"), "v1.1.0^{commit}"));
        Assert.Equal(Testing.Git.Head(_ws.Repo("b"), "main"), Testing.Git.Head(_ws.Repo("b"), "v0.3.1^{commit}"));
    }

    [Fact]
    public async Task A_plan_sized_for_a_context_window_lists_the_significant_commits_and_counts_the_rest()
    {
        await Ok("flow", "init");
        Commit("a", "chore: one");
        Commit("a", "docs: two");
        Commit("a", "feat: three");
        Commit("a", "fix: four");
        Commit("a", "feat!: five");
        var full = (await Ok("release", "plan", "--json")).Json;
        var trimmed = (await Ok("release", "plan", "--commits", "2", "--changed-only", "--json")).Json;
        // Only a has commits since a release; b and c (nothing but the initial commit, or none) are left out.
        var changed = full.GetProperty("repos").EnumerateArray().Where(r => r.GetProperty("hasChanges").GetBoolean()).Select(r => r.GetProperty("repo").GetString()).ToList();
        Assert.Equal(changed, trimmed.GetProperty("repos").EnumerateArray().Select(r => r.GetProperty("repo").GetString()).ToList());
        var a = trimmed.GetProperty("repos").EnumerateArray().Single(r => r.GetProperty("repo").GetString() == "a");
        var allOfA = full.GetProperty("repos").EnumerateArray().Single(r => r.GetProperty("repo").GetString() == "a");
        Assert.Equal(["feat!: five", "feat: three"], a.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("subject").GetString()));
        Assert.Equal(allOfA.GetProperty("commits").GetArrayLength() - 2, a.GetProperty("omittedCommits").GetInt32());
        // The version is the one the whole history calls for.
        Assert.Equal(allOfA.GetProperty("nextVersion").GetString(), a.GetProperty("nextVersion").GetString());
        Assert.Equal(2, (await _ws.Smctl("release", "plan", "--commits", "-1")).ExitCode);
    }

    [Fact]
    public async Task A_first_release_and_non_conventional_commits()
    {
        Commit("a", "just some words");
        var plan = (await Ok("release", "plan", "--repos", "a", "--json")).Json.GetProperty("repos")[0];
        Assert.False(plan.TryGetProperty("lastTag", out _));
        Assert.Equal("0.1.0", plan.GetProperty("nextVersion").GetString());
        Assert.Contains(plan.GetProperty("commits").EnumerateArray(), c => c.GetProperty("subject").GetString() == "just some words" && c.GetProperty("group").GetString() == "Other");
        await Ok("config", "set", "release.initial_version", "1.0.0");
        Assert.Equal("1.0.0", (await Ok("release", "plan", "--repos", "a", "--json")).Json.GetProperty("repos")[0].GetProperty("nextVersion").GetString());
    }

    public static TheoryData<string[], string?> Histories => new()
    {
        { ["chore: init"], null },
        { ["chore: init", "TAG v0.1.0", "fix: a"], "0.1.1" },
        { ["chore: init", "TAG v0.1.0", "fix: a", "feat: b"], "0.2.0" },
        { ["chore: init", "TAG v0.1.0", "feat(x)!: c"], "1.0.0" },
        { ["chore: init", "TAG v1.2.3", "docs: x", "perf: y"], "1.2.4" },
        { ["chore: init", "TAG v1.2.3", "refactor: y\n\nBREAKING CHANGE: gone"], "2.0.0" },
        { ["chore: init", "TAG v1.2.3", "feat: a", "TAG v1.3.0", "fix: b", "feat(ui): c"], "1.4.0" },
    };

    /// <summary>
    /// The same history through git-cliff (npm, installed by test.sh): the same next version, and every commit in the same
    /// group under a git-cliff configuration that states smctl's Keep a Changelog mapping. Intended differences: smctl leaves
    /// merge commits out (git flow's bookkeeping) and lists non-conventional commits under Other where git-cliff's default
    /// drops them, so the histories here have neither.
    /// </summary>
    [Theory]
    [MemberData(nameof(Histories))]
    public async Task Versions_and_groups_agree_with_git_cliff(string[] history, string? expected)
    {
        var repo = _ws.Repo("a");
        Testing.Git.Run(repo, "checkout", "-q", "develop");
        foreach (var step in history)
        {
            if (step.StartsWith("TAG ", StringComparison.Ordinal)) Testing.Git.Run(repo, "tag", "-a", "-m", step, step[4..]);
            else Commit("a", step);
        }
        var ours = (await Ok("release", "plan", "--repos", "a", "--json")).Json.GetProperty("repos")[0];
        var cliffVersion = GitCliff(repo, "--bumped-version").Trim().TrimStart('v');
        Assert.Equal(expected ?? "0.1.0", ours.GetProperty("nextVersion").GetString());
        Assert.Equal(ours.GetProperty("nextVersion").GetString(), cliffVersion);

        var config = Path.Combine(_ws.Root, "cliff.toml");
        File.WriteAllText(config, """
            [changelog]
            body = "{% for group, commits in commits | group_by(attribute=\"group\") %}{{ group }}\n{% endfor %}"
            [git]
            conventional_commits = true
            filter_unconventional = false
            commit_parsers = [
              { message = "^feat", group = "Added" },
              { message = "^fix", group = "Fixed" },
              { message = "^(perf|refactor|style|revert)", group = "Changed" },
              { message = "^deprecate", group = "Deprecated" },
              { message = "^remove", group = "Removed" },
              { message = "^(security|sec)", group = "Security" },
              { message = ".*", group = "Other" },
            ]
            """);
        var context = JsonDocument.Parse(GitCliff(repo, "--config", config, "--unreleased", "--context")).RootElement;
        var theirs = context.EnumerateArray().SelectMany(r => r.GetProperty("commits").EnumerateArray())
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => (Group: c.GetProperty("group").GetString(), Breaking: c.TryGetProperty("breaking", out var b) && b.ValueKind == JsonValueKind.True));
        var commits = ours.GetProperty("commits").EnumerateArray().ToList();
        Assert.Equal(theirs.Count, commits.Count);
        foreach (var c in commits)
        {
            var sha = c.GetProperty("sha").GetString()!;
            Assert.Equal(theirs[sha].Group, c.GetProperty("group").GetString());
            Assert.Equal(theirs[sha].Breaking, c.GetProperty("breaking").GetBoolean());
        }
    }

    private static string GitCliff(string repo, params string[] args)
    {
        var (code, stdout, stderr) = Peers.Run(Peers.Bin("git-cliff"), repo, args);
        Assert.True(code == 0, stderr);
        return stdout;
    }
}
