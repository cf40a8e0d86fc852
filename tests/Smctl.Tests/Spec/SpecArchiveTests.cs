using System.Text.Json;
using System.Text.Json.Nodes;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Spec;

/// <summary>spec archive side by side with 'openspec archive' 1.13.2: byte-identical specs trees, the same refusals; then the commit and the finish.</summary>
public sealed class SpecArchiveTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("docs", "app");
    private readonly TempDir _theirs = new();
    private string Docs => _ws.Repo("docs");
    private string OpenspecDir => Path.Combine(Docs, "openspec");

    public SpecArchiveTests()
    {
        File.WriteAllText(_ws.Manifest, File.ReadAllText(_ws.Manifest).Replace("name = \"docs\"", "name = \"docs\"\nsmctl_home = true"));
        Assert.Equal(0, Peers.Openspec(Docs, "init", "--tools", "none", "--no-animation", ".").Code);
        Assert.Equal(0, Peers.Openspec(_theirs.Path, "init", "--tools", "none", "--no-animation", ".").Code);
        // Spec work happens on develop, where features start from.
        Testing.Git.Run(Docs, "checkout", "-q", "develop");
        CommitAll(Docs, "openspec init");
    }

    private static void CommitAll(string repo, string message)
    {
        Testing.Git.Run(repo, "add", "-A");
        Testing.Git.Run(repo, "commit", "-q", "-m", message);
    }

    public void Dispose()
    {
        _ws.Dispose();
        _theirs.Dispose();
    }

    [Theory]
    [InlineData("add-logout", true)]
    [InlineData("rename-login", true)]
    [InlineData("remove-export", true)]
    [InlineData("add-refunds", true)]
    [InlineData("add-brief", true)]
    [InlineData("retire-old", true)]
    [InlineData("crlf-change", true)]
    [InlineData("fenced-change", true)]
    [InlineData("orphans", true)]
    [InlineData("skip-specs", true)]
    [InlineData("tasks-numbering", true)]
    [InlineData("bad-missing-target", false)]
    [InlineData("bad-new-modified", false)]
    [InlineData("bad-scenario-loss", false)]
    [InlineData("near-miss", false)]
    [InlineData("retire-undeclared", false)]
    [InlineData("retire-note", false)]
    [InlineData("cross-conflict", false)]
    [InlineData("bad-root-spec", false)]
    [InlineData("bad-duplicates", false)]
    public async Task Archiving_leaves_the_specs_tree_openspec_leaves(string change, bool archives)
    {
        SpecCorpus.Write(Path.Combine(_theirs.Path, "openspec"), [change]);
        SpecCorpus.Write(OpenspecDir, [change]);
        CommitAll(Docs, "the corpus");
        var before = Tree(OpenspecDir);

        var (theirCode, theirOutput) = Peers.Openspec(_theirs.Path, "archive", change, "--yes", "--json");
        var ours = await _ws.Smctl("spec", "archive", change, "--yes", "--no-finish", "--json");
        Assert.True(theirCode == 0 == archives, theirOutput);
        Assert.True(ours.ExitCode == 0 == archives, ours.ToString());

        var theirTree = Tree(Path.Combine(_theirs.Path, "openspec"));
        var ourTree = Tree(OpenspecDir);
        Assert.Equal(theirTree.Keys, ourTree.Keys);
        foreach (var (file, bytes) in theirTree) Assert.True(bytes.SequenceEqual(ourTree[file]), $"{file} differs:\n--- openspec\n{Text(bytes)}\n--- smctl\n{Text(ourTree[file])}");
        if (!archives)
        {
            Assert.Equal(before.Keys, ourTree.Keys);
            Assert.Equal(5, ours.ExitCode);
            return;
        }
        // The same warnings, and the archive committed in the repo holding the specs.
        var theirWarnings = JsonNode.Parse(theirOutput)!["archive"]!["warnings"]?.AsArray().Select(w => (string)w!).ToList() ?? [];
        var ourWarnings = ours.Json.TryGetProperty("warnings", out var w) ? w.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        Assert.Equal(theirWarnings, ourWarnings);
        Assert.Equal($"chore(spec): archive change {change}", Testing.Git.Run(Docs, "log", "-1", "--format=%s").Trim());
        Assert.Empty(Testing.Git.Run(Docs, "status", "--porcelain", "--", "openspec").Trim());
    }

    [Fact]
    public async Task Archive_merges_commits_and_finishes_the_feature_in_every_repo()
    {
        SpecCorpus.Write(OpenspecDir, []);
        CommitAll(Docs, "main specs");
        Assert.Equal(0, (await _ws.Smctl("spec", "new", "add-logout", "--repos", "app,docs")).ExitCode);
        SpecCorpus.Write(OpenspecDir, ["add-logout"]);
        Testing.Git.Commit(_ws.Repo("app"), "src/logout.txt", "logout\n", "feat: logout");
        // A task ticked but not committed yet goes into the archive commit too.
        var tasks = Path.Combine(OpenspecDir, "changes", "add-logout", "tasks.md");
        File.WriteAllText(tasks, "# Tasks\n\n- [ ] 1.1 Do it @ann\n");
        Assert.Equal(0, (await _ws.Smctl("spec", "apply", "add-logout", "--done", "1.1")).ExitCode);

        var dry = await _ws.Smctl("spec", "archive", "add-logout", "--dry-run", "--json");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.False(dry.Json.GetProperty("archived").GetBoolean());
        Assert.Contains("+### Requirement: Logout", dry.Json.GetProperty("specs")[0].GetProperty("diff").GetString());
        Assert.Equal("planned", dry.Json.GetProperty("run").GetProperty("phase").GetString());
        Assert.True(Directory.Exists(Path.Combine(OpenspecDir, "changes", "add-logout")));
        // docs is dirty only from the tick, which the archive commits: the dry run lists it as the real run finishes it.
        static List<string> Repos(JsonElement finish) => [.. finish.GetProperty("repos").EnumerateArray().Select(r => r.GetProperty("repo").GetString()!).Order()];
        Assert.Equal(["app", "docs"], Repos(dry.Json.GetProperty("run")));

        var run = await _ws.Smctl("spec", "archive", "add-logout", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("completed", run.Json.GetProperty("run").GetProperty("phase").GetString());
        Assert.Equal(Repos(dry.Json.GetProperty("run")), Repos(run.Json.GetProperty("run")));
        foreach (var repo in new[] { "app", "docs" })
        {
            Assert.Equal("develop", Testing.Git.Run(_ws.Repo(repo), "branch", "--show-current").Trim());
            Assert.Empty(Testing.Git.Run(_ws.Repo(repo), "branch", "--list", "feature/add-logout").Trim());
            Assert.Equal(Testing.Git.Head(_ws.Repo(repo), "develop"), Testing.Git.Run(_ws.RemotePath(repo), "rev-parse", "develop").Trim());
        }
        var archived = $"openspec/changes/archive/{DateTime.Now:yyyy-MM-dd}-add-logout/tasks.md";
        Assert.Contains("- [x] 1.1 Do it @ann", Testing.Git.Run(Docs, "show", $"develop:{archived}"));
        Assert.Contains("### Requirement: Logout", Testing.Git.Run(Docs, "show", "develop:openspec/specs/auth/spec.md"));
        Assert.Contains("Merge branch 'feature/add-logout' into develop", Testing.Git.Run(Docs, "log", "-1", "--format=%s", "develop"));
    }

    [Fact]
    public async Task Archiving_after_the_feature_is_finished_says_the_commit_is_not_pushed()
    {
        SpecCorpus.Write(OpenspecDir, []);
        CommitAll(Docs, "main specs");
        Assert.Equal(0, (await _ws.Smctl("spec", "new", "add-logout", "--repos", "docs")).ExitCode);
        SpecCorpus.Write(OpenspecDir, ["add-logout"]);
        CommitAll(Docs, "the change");
        Assert.Equal(0, (await _ws.Smctl("flow", "feature", "finish", "add-logout")).ExitCode);

        var dry = await _ws.Smctl("spec", "archive", "add-logout", "--yes", "--dry-run", "--json");
        Assert.Contains("would be committed on develop in docs and not pushed", dry.Json.GetProperty("unpushed").GetString());
        var run = await _ws.Smctl("spec", "archive", "add-logout", "--yes", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var commit = run.Json.GetProperty("commit").GetString()!;
        Assert.Contains($"committed ({commit[..12]}) on develop in docs and not pushed", run.Json.GetProperty("unpushed").GetString());
        Assert.NotEqual(Testing.Git.Head(Docs, "develop"), Testing.Git.Run(_ws.RemotePath("docs"), "rev-parse", "develop").Trim());
    }

    [Fact]
    public async Task Refusals_write_nothing()
    {
        SpecCorpus.Write(OpenspecDir, ["add-logout", "add-brief"]);
        CommitAll(Docs, "the corpus");
        var archive = Path.Combine(OpenspecDir, "changes", "archive", $"{DateTime.Now:yyyy-MM-dd}-add-logout");
        Directory.CreateDirectory(archive);
        var before = Tree(OpenspecDir);
        var exists = await _ws.Smctl("spec", "archive", "add-logout", "--yes", "--no-finish");
        Assert.Equal(5, exists.ExitCode);
        Assert.Contains($"Archive '{DateTime.Now:yyyy-MM-dd}-add-logout' already exists.", exists.Stderr);
        Assert.Equal(before.Keys, Tree(OpenspecDir).Keys);

        Assert.Equal(0, (await _ws.Smctl("flow", "feature", "start", "add-brief", "--no-push")).ExitCode);
        // Incomplete tasks need a confirmation.
        File.WriteAllText(Path.Combine(OpenspecDir, "changes", "add-brief", "tasks.md"), "- [ ] 1.1 not yet @ann\n");
        var unconfirmed = await _ws.Smctl("spec", "archive", "add-brief", "--no-finish");
        Assert.True(unconfirmed.ExitCode == 2, unconfirmed.ToString());
        Assert.Contains("1 incomplete task(s)", unconfirmed.Stderr + unconfirmed.Stdout);
        Assert.True(Directory.Exists(Path.Combine(OpenspecDir, "changes", "add-brief")));

        // A dirty file outside the change stops a finishing archive before anything is written.
        File.WriteAllText(Path.Combine(Docs, "README.md"), "edited\n");
        var dirty = await _ws.Smctl("spec", "archive", "add-brief", "--yes");
        Assert.Equal(5, dirty.ExitCode);
        Assert.Contains("uncommitted changes outside the change: README.md", dirty.Stderr);
        Assert.False(File.Exists(Path.Combine(OpenspecDir, "specs", "brief", "spec.md")));
        var noFinish = await _ws.Smctl("spec", "archive", "add-brief", "--yes", "--no-finish");
        Assert.True(noFinish.ExitCode == 0, noFinish.ToString());
        Assert.Equal("feature/add-brief", Testing.Git.Run(Docs, "branch", "--show-current").Trim());
        Assert.Equal(" M README.md", Testing.Git.Run(Docs, "status", "--porcelain").TrimEnd());
    }

    /// <summary>A change with a task ticked and a note added since its last commit, on feature/add-logout in docs only.</summary>
    private async Task<string> ChangeWithUncommittedWorkAsync()
    {
        SpecCorpus.Write(OpenspecDir, []);
        CommitAll(Docs, "main specs");
        await _ws.SmctlOk("spec", "new", "add-logout", "--repos", "docs");
        SpecCorpus.Write(OpenspecDir, ["add-logout"]);
        CommitAll(Docs, "the change");
        var change = Path.Combine(OpenspecDir, "changes", "add-logout");
        File.AppendAllText(Path.Combine(change, "tasks.md"), "- [x] 1.2 Ticked, not committed @ann\n");
        File.WriteAllText(Path.Combine(change, "notes.txt"), "untracked note\n");
        return change;
    }

    private (SortedDictionary<string, string> Refs, string Status, SortedDictionary<string, byte[]> Files) Snapshot() =>
        (Refs.Of(_ws, "docs"), Testing.Git.Run(Docs, "status", "--porcelain", "--untracked-files=all"), Tree(OpenspecDir));

    private void AssertBackTo((SortedDictionary<string, string> Refs, string Status, SortedDictionary<string, byte[]> Files) start)
    {
        var now = Snapshot();
        Assert.Equal("", Refs.Diff(start.Refs, now.Refs));
        Assert.Equal(start.Status, now.Status);
        Assert.Equal(start.Files.Keys, now.Files.Keys);
        foreach (var (file, bytes) in start.Files) Assert.True(bytes.SequenceEqual(now.Files[file]), $"{file} differs:\n{Text(now.Files[file])}");
    }

    [Fact]
    public async Task A_killed_archive_waits_for_continue_or_abort_and_abort_gives_back_the_uncommitted_work()
    {
        await ChangeWithUncommittedWorkAsync();
        var start = Snapshot();
        // Killed right after the archive's commit, before the finish's merge: before, a re-run said "no active change".
        var env = new Dictionary<string, string> { ["SMCTL_TEST_CRASH_AFTER_STEP"] = "1", ["XDG_CONFIG_HOME"] = _ws.UserConfigHome };
        Assert.Equal(137, SmctlProcess.Run(_ws.Ws, env, "spec", "archive", "add-logout", "--yes").Code);
        Assert.Equal("chore(spec): archive change add-logout", Testing.Git.Run(Docs, "log", "-1", "--format=%s", "feature/add-logout").Trim());
        var again = await _ws.Smctl("spec", "archive", "add-logout", "--yes");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("smctl continue", again.Stderr);

        var abort = await _ws.Smctl("abort", "--yes");
        Assert.True(abort.ExitCode == 0, abort.ToString());
        AssertBackTo(start);

        // Whole again, then undone: the same start, the tick and the note uncommitted as they were.
        await _ws.SmctlOk("spec", "archive", "add-logout", "--yes");
        Assert.False(Directory.Exists(Path.Combine(OpenspecDir, "changes", "add-logout")));
        Assert.Contains("Merge branch 'feature/add-logout' into develop", Testing.Git.Run(Docs, "log", "-1", "--format=%s", "develop"));
        await _ws.SmctlOk("undo", "--yes");
        AssertBackTo(start);
    }

    [Fact]
    public async Task Continue_after_a_kill_while_git_wrote_the_finish_merge_into_the_work_tree_merges()
    {
        await ChangeWithUncommittedWorkAsync();
        // Killed after the archive and the switch to develop, while 'git merge' wrote the archived change into the work
        // tree: every file written, the index and MERGE_HEAD not yet (a kill sweep caught this, CI, 2026-12-03).
        var env = new Dictionary<string, string> { ["SMCTL_TEST_CRASH_AFTER_STEP"] = "2", ["XDG_CONFIG_HOME"] = _ws.UserConfigHome };
        Assert.Equal(137, SmctlProcess.Run(_ws.Ws, env, "spec", "archive", "add-logout", "--yes").Code);
        Assert.Equal("develop", Testing.Git.Run(Docs, "branch", "--show-current").Trim());
        var gitDir = Path.Combine(Docs, ".git");
        File.Copy(Path.Combine(gitDir, "index"), Path.Combine(_theirs.Path, "index"));
        Testing.Git.Run(Docs, "merge", "--no-ff", "--no-commit", "feature/add-logout");
        foreach (var file in new[] { "MERGE_HEAD", "MERGE_MSG", "MERGE_MODE" }) File.Delete(Path.Combine(gitDir, file));
        File.Copy(Path.Combine(_theirs.Path, "index"), Path.Combine(gitDir, "index"), overwrite: true);

        var resumed = await _ws.Smctl("continue");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(2, Testing.Git.Run(Docs, "log", "-1", "--format=%P", "develop").Trim().Split(' ').Length);
        Assert.Equal(Testing.Git.Head(Docs, "develop"), Testing.Git.Head(_ws.RemotePath("docs"), "develop"));
        Assert.Equal("", Testing.Git.Run(Docs, "status", "--porcelain", "--untracked-files=all"));
        Assert.False(Directory.Exists(Path.Combine(OpenspecDir, "changes", "add-logout")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Continue_after_a_kill_before_the_commit_finishes_the_archive(bool staged)
    {
        await ChangeWithUncommittedWorkAsync();
        // The specs written and the change moved, as a kill before the commit leaves them, with the run saved at its start;
        // staged: killed in 'git commit', after 'git add' had staged the move (a kill sweep caught this, CI, 2026-12-03:
        // the change folder, gone from the index, was left out of the commit, and develop then refused the merge).
        var env = new Dictionary<string, string> { ["SMCTL_TEST_CRASH_AFTER_STEP"] = "1", ["XDG_CONFIG_HOME"] = _ws.UserConfigHome };
        Assert.Equal(137, SmctlProcess.Run(_ws.Ws, env, "spec", "archive", "add-logout", "--yes").Code);
        Testing.Git.Run(Docs, "reset", "-q", "--soft", "HEAD~1");
        if (!staged) Testing.Git.Run(Docs, "reset", "-q");
        var run = Path.Combine(_ws.Ws, ".smctl", "state", "run.json");
        File.WriteAllText(run, File.ReadAllText(run).Replace("\"done\"", "\"pending\""));

        var resumed = await _ws.Smctl("continue");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var archived = $"openspec/changes/archive/{DateTime.Now:yyyy-MM-dd}-add-logout";
        Assert.Contains("untracked note", Testing.Git.Run(Docs, "show", $"develop:{archived}/notes.txt"));
        Assert.Contains("### Requirement: Logout", Testing.Git.Run(Docs, "show", "develop:openspec/specs/auth/spec.md"));
        Assert.Equal("", Testing.Git.Run(Docs, "ls-tree", "-r", "--name-only", "develop", "--", "openspec/changes/add-logout"));
        Assert.Equal("", Testing.Git.Run(Docs, "status", "--porcelain", "--untracked-files=all"));
        Assert.Equal(Testing.Git.Head(Docs, "develop"), Testing.Git.Head(_ws.RemotePath("docs"), "develop"));
    }

    [Fact]
    public async Task A_commit_refused_by_a_hook_with_the_change_staged_stops_the_run_and_abort_puts_every_file_back()
    {
        var change = await ChangeWithUncommittedWorkAsync();
        Testing.Git.Run(Docs, "add", "--", "openspec/changes/add-logout");
        var start = Snapshot();
        var hook = Path.Combine(Docs, ".git", "hooks", "pre-commit");
        File.WriteAllText(hook, "#!/bin/sh\necho 'commits are frozen' >&2\nexit 1\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var refused = await _ws.Smctl("spec", "archive", "add-logout", "--yes");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("commits are frozen", refused.Stderr + refused.Stdout);
        Assert.True(File.Exists(Path.Combine(_ws.Ws, ".smctl", "state", "run.json")));
        var abort = await _ws.Smctl("abort", "--yes");
        Assert.True(abort.ExitCode == 0, abort.ToString());
        // Back byte for byte; what was staged comes back unstaged.
        var now = Snapshot();
        Assert.Equal("", Refs.Diff(start.Refs, now.Refs));
        Assert.Equal(start.Files.Keys, now.Files.Keys);
        foreach (var (file, bytes) in start.Files) Assert.True(bytes.SequenceEqual(now.Files[file]), $"{file} differs");
        Assert.True(Directory.Exists(change));
    }

    private static SortedDictionary<string, byte[]> Tree(string openspecDir)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(openspecDir, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(openspecDir, file).Replace('\\', '/');
            if (rel.EndsWith(".smctl.toml") || rel == "config.yaml") continue;
            files[rel] = File.ReadAllBytes(file);
        }
        foreach (var dir in Directory.EnumerateDirectories(openspecDir, "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(openspecDir, dir).Replace('\\', '/') + "/"] = [];
        return files;
    }

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes).Replace("\r", "\\r");
}
