using System.Text.Json;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Spec;

/// <summary>spec new / ss and spec list, side by side with the real openspec CLI (npm @fission-ai/openspec 1.13.2).</summary>
public sealed class SpecNewTests : IDisposable
{
    private static readonly string[] Names = ["app", "lib", "docs"];
    private readonly WorkspaceFixture _ws = new(Names);

    public SpecNewTests()
    {
        // docs is the smctl_home repo: its openspec/ is the workspace's OpenSpec root.
        File.WriteAllText(_ws.Manifest, File.ReadAllText(_ws.Manifest).Replace("name = \"docs\"", "name = \"docs\"\nsmctl_home = true"));
    }

    public void Dispose() => _ws.Dispose();

    private void OpenspecInit(string repo)
    {
        var (code, output) = Peers.Openspec(_ws.Repo(repo), "init", "--tools", "none", "--no-animation", ".");
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Ss_creates_a_change_the_openspec_cli_reads_and_starts_its_branch_in_the_repos_it_concerns()
    {
        OpenspecInit("docs");
        var run = await _ws.Smctl("ss", "add-login", "--repos", "app,docs");
        Assert.True(run.ExitCode == 0, run.ToString());
        var change = Path.Combine(_ws.Repo("docs"), "openspec", "changes", "add-login");
        Assert.Equal("schema: spec-driven\ncreated: " + DateTime.Now.ToString("yyyy-MM-dd") + "\n", File.ReadAllText(Path.Combine(change, ".openspec.yaml")));
        Assert.Equal("feature/add-login", Testing.Git.Run(_ws.Repo("app"), "branch", "--show-current").Trim());
        Assert.Equal("feature/add-login", Testing.Git.Run(_ws.Repo("docs"), "branch", "--show-current").Trim());
        Assert.Equal("main", Testing.Git.Run(_ws.Repo("lib"), "branch", "--show-current").Trim());

        // The openspec CLI sees the same change, counts the same tasks, and finds proposal and tasks.
        var (code, output) = Peers.Openspec(_ws.Repo("docs"), "list", "--json");
        Assert.True(code == 0, output);
        var theirs = JsonDocument.Parse(output).RootElement.GetProperty("changes").EnumerateArray().Single();
        var ours = (await _ws.Smctl("spec", "list", "--json")).Json.GetProperty("changes").EnumerateArray().Single();
        foreach (var field in new[] { "name", "status" }) Assert.Equal(theirs.GetProperty(field).GetString(), ours.GetProperty(field).GetString());
        foreach (var field in new[] { "completedTasks", "totalTasks" }) Assert.Equal(theirs.GetProperty(field).GetInt32(), ours.GetProperty(field).GetInt32());
        Assert.Equal("feature/add-login", ours.GetProperty("branch").GetString());
        Assert.True(ours.GetProperty("branches").GetProperty("app").GetBoolean());

        (code, output) = Peers.Openspec(_ws.Repo("docs"), "status", "--change", "add-login", "--json");
        Assert.True(code == 0, output);
        var artifacts = JsonDocument.Parse(output).RootElement.GetProperty("artifactPaths");
        Assert.Single(artifacts.GetProperty("proposal").GetProperty("existingOutputPaths").EnumerateArray());
        Assert.Single(artifacts.GetProperty("tasks").GetProperty("existingOutputPaths").EnumerateArray());
        Assert.DoesNotContain(".smctl.toml", output);

        var again = await _ws.Smctl("spec", "new", "add-login", "--no-branch");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("Change 'add-login' already exists", again.Stderr);
    }

    [Fact]
    public async Task Task_counts_agree_with_openspec_on_odd_checkbox_forms()
    {
        OpenspecInit("docs");
        Assert.Equal(0, (await _ws.Smctl("spec", "new", "odd-boxes", "--no-branch")).ExitCode);
        File.WriteAllText(Path.Combine(_ws.Repo("docs"), "openspec", "changes", "odd-boxes", "tasks.md"),
            "# Tasks\r\n\r\n- [x] 1.1 done\r\n- [ ] 1.2 open\r\n* [X] 1.3 done\r\n+ [~] 1.4 in flight\r\n1. [ ] numbered\r\n  - [] nested empty\r\n- [ x ] padded\r\n- [A](https://example.com) a link\r\n- [ ](./x) odd link\r\n```\r\n- [ ] fenced\r\n```\r\n");
        var (_, output) = Peers.Openspec(_ws.Repo("docs"), "list", "--json");
        var theirs = JsonDocument.Parse(output).RootElement.GetProperty("changes").EnumerateArray().Single();
        var ours = (await _ws.Smctl("spec", "list", "--json")).Json.GetProperty("changes").EnumerateArray().Single();
        Assert.Equal(theirs.GetProperty("totalTasks").GetInt32(), ours.GetProperty("totalTasks").GetInt32());
        Assert.Equal(theirs.GetProperty("completedTasks").GetInt32(), ours.GetProperty("completedTasks").GetInt32());
    }

    [Theory]
    [InlineData("Add-Login")]
    [InlineData("add login")]
    [InlineData("add_login")]
    [InlineData("-add")]
    [InlineData("add-")]
    [InlineData("add--login")]
    [InlineData("add.login")]
    public async Task Bad_ids_get_openspecs_own_message(string id)
    {
        OpenspecInit("docs");
        var (code, output) = Peers.Openspec(_ws.Repo("docs"), "new", "change", "--", id);
        Assert.NotEqual(0, code);
        var run = await _ws.Smctl("spec", "new", "--no-branch", "--", id);
        Assert.Equal(2, run.ExitCode);
        var message = run.Stderr.Split('\n')[0].Replace("error: ", "");
        Assert.Contains(message, output);
        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(_ws.Repo("docs"), "openspec", "changes")), d => !d.EndsWith("archive"));
    }

    [Fact]
    public async Task Without_any_openspec_folder_spec_commands_say_how_to_start_and_others_are_unaffected()
    {
        var list = await _ws.Smctl("spec", "list");
        Assert.Equal(5, list.ExitCode);
        Assert.Contains("no OpenSpec root", list.Stderr);
        Assert.Contains("openspec init' in docs", list.Stderr);
        var refused = await _ws.Smctl("ss", "add-x");
        Assert.Equal(5, refused.ExitCode);
        Assert.Equal("main", Testing.Git.Run(_ws.Repo("app"), "branch", "--show-current").Trim());
        Assert.Equal(0, (await _ws.Smctl("workspace", "status")).ExitCode);
    }

    [Fact]
    public async Task The_same_id_in_two_roots_is_named_repo_colon_id()
    {
        OpenspecInit("docs");
        OpenspecInit("lib");
        Assert.Equal(0, (await _ws.Smctl("spec", "new", "shared", "--no-branch")).ExitCode);
        Assert.Equal(0, (await _ws.Smctl("spec", "new", "shared", "--no-branch", "--in", "lib")).ExitCode);
        var names = (await _ws.Smctl("spec", "list", "--json")).Json.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order();
        Assert.Equal(["docs:shared", "lib:shared"], names);
    }

    [Fact]
    public async Task Apply_ticks_only_the_box_and_status_reports_artifacts_questions_and_branches()
    {
        OpenspecInit("docs");
        Assert.Equal(0, (await _ws.Smctl("spec", "new", "add-login", "--repos", "app")).ExitCode);
        var dir = Path.Combine(_ws.Repo("docs"), "openspec", "changes", "add-login");
        const string tasks = "# Tasks\r\n\r\n## 1. Login\r\n\r\n- [ ] 1.1 form @ann\r\n- [ ] 1.2 session @bob\r\n  * [ ] 1.2.1 cookie\r\n\r\nNot a task: - [ ] inline\r\n";
        File.WriteAllText(Path.Combine(dir, "tasks.md"), tasks);
        File.WriteAllText(Path.Combine(dir, "design.md"), "# Design\n\n## Decisions\n\n- use cookies\n\n## Open Questions\n\n- which cookie name?\n- how long?\n\n## Later\n\n- not a question\n");

        var apply = await _ws.Smctl("spec", "apply", "add-login", "--done", "1.2", "3", "--json");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal(tasks.Replace("- [ ] 1.2 session", "- [x] 1.2 session").Replace("* [ ] 1.2.1", "* [x] 1.2.1"), File.ReadAllText(Path.Combine(dir, "tasks.md")));
        Assert.Equal(2, apply.Json.GetProperty("completedTasks").GetInt32());
        Assert.Equal("1.1 form @ann", apply.Json.GetProperty("next")[0].GetProperty("text").GetString());
        Assert.Contains(apply.Json.GetProperty("contextFiles").EnumerateArray(), f => f.GetString()!.EndsWith("design.md"));
        var (_, output) = Peers.Openspec(_ws.Repo("docs"), "list", "--json");
        Assert.Equal(2, JsonDocument.Parse(output).RootElement.GetProperty("changes")[0].GetProperty("completedTasks").GetInt32());

        Assert.Equal(0, (await _ws.Smctl("spec", "apply", "--undo", "1.2")).ExitCode);
        Assert.Equal(tasks.Replace("* [ ] 1.2.1", "* [x] 1.2.1"), File.ReadAllText(Path.Combine(dir, "tasks.md")));
        Assert.Equal(2, (await _ws.Smctl("spec", "apply", "--done", "9.9")).ExitCode);

        var status = (await _ws.Smctl("spec", "status", "add-login", "--json")).Json;
        Assert.Equal(["which cookie name?", "how long?"], status.GetProperty("openQuestions").EnumerateArray().Select(q => q.GetString()));
        var states = status.GetProperty("artifacts").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("status").GetString());
        (_, output) = Peers.Openspec(_ws.Repo("docs"), "status", "--change", "add-login", "--json");
        foreach (var a in JsonDocument.Parse(output).RootElement.GetProperty("artifacts").EnumerateArray())
            Assert.Equal(a.GetProperty("status").GetString(), states[a.GetProperty("id").GetString()!]);
        Assert.True(status.GetProperty("validation").TryGetProperty("warnings", out _));
        var branch = status.GetProperty("branches").EnumerateArray().Single();
        Assert.Equal("app", branch.GetProperty("repo").GetString());
        Assert.True(branch.GetProperty("exists").GetBoolean());
        Assert.False(branch.GetProperty("merged").GetBoolean());
    }

    [Fact]
    public async Task A_fast_forwarded_change_passes_openspec_validate_strict()
    {
        OpenspecInit("docs");
        Directory.CreateDirectory(Path.Combine(_ws.Repo("docs"), "openspec", "specs", "billing"));
        File.WriteAllText(Path.Combine(_ws.Repo("docs"), "openspec", "specs", "billing", "spec.md"),
            "# billing Specification\n\n## Purpose\nBilling of accounts, monthly and on demand.\n\n## Requirements\n\n### Requirement: Invoices\nThe system SHALL send an invoice every month.\n\n#### Scenario: Month end\n- **WHEN** a month ends\n- **THEN** an invoice is sent\n");

        // A change that names no capability: skip_specs, as OpenSpec asks, never an invented requirement.
        Assert.Equal(0, (await _ws.Smctl("spec", "new", "tidy-up", "--repos", "app")).ExitCode);
        var ff = await _ws.Smctl("spec", "ff", "tidy-up", "--json");
        Assert.True(ff.ExitCode == 0, ff.ToString());
        Assert.Contains(".openspec.yaml", ff.Json.GetProperty("generated").EnumerateArray().Select(g => g.GetString()));
        var (code, output) = Peers.Openspec(_ws.Repo("docs"), "validate", "tidy-up", "--strict", "--json");
        Assert.True(code == 0, output);

        // One that names a new and an existing capability gets a delta for each.
        Assert.Equal(0, (await _ws.Smctl("spec", "new", "add-auth", "--no-branch")).ExitCode);
        var proposal = Path.Combine(_ws.Repo("docs"), "openspec", "changes", "add-auth", "proposal.md");
        File.WriteAllText(proposal, File.ReadAllText(proposal)
            .Replace("### New Capabilities\n", "### New Capabilities\n\n- `user-auth`: logging in\n")
            .Replace("### Modified Capabilities\n", "### Modified Capabilities\n\n- `billing`: invoices name the user\n"));
        ff = await _ws.Smctl("spec", "ff", "add-auth", "--json");
        Assert.True(ff.ExitCode == 0, ff.ToString());
        Assert.Equal(["specs/billing/spec.md", "specs/user-auth/spec.md"], ff.Json.GetProperty("generated").EnumerateArray().Select(g => g.GetString()).Where(g => g!.StartsWith("specs")).Order());
        (code, output) = Peers.Openspec(_ws.Repo("docs"), "validate", "add-auth", "--strict", "--json");
        Assert.True(code == 0, output);
        Assert.True(ff.Json.GetProperty("validation").GetProperty("valid").GetBoolean(), ff.Stdout);
        Assert.Equal(0, ff.Json.GetProperty("validation").GetProperty("errors").GetInt32());
        (code, output) = Peers.Openspec(_ws.Repo("docs"), "status", "--change", "add-auth", "--json");
        var theirs = JsonDocument.Parse(output).RootElement.GetProperty("artifacts").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("status").GetString());
        foreach (var a in ff.Json.GetProperty("artifacts").EnumerateArray()) Assert.Equal(theirs[a.GetProperty("id").GetString()!], a.GetProperty("status").GetString());

        // A second ff has nothing left to write, and never touches what is there.
        var again = await _ws.Smctl("spec", "ff", "add-auth", "--json");
        Assert.Empty(again.Json.GetProperty("generated").EnumerateArray());
    }

    [Fact]
    public async Task Archived_changes_are_listed_only_when_asked_for()
    {
        OpenspecInit("docs");
        Assert.Equal(0, (await _ws.Smctl("spec", "new", "current", "--no-branch")).ExitCode);
        var old = Path.Combine(_ws.Repo("docs"), "openspec", "changes", "archive", "2026-01-01-old");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "tasks.md"), "- [x] 1.1 done\n- [x] 1.2 done\n");
        var active = (await _ws.Smctl("spec", "list", "--json")).Json.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("name").GetString());
        Assert.Equal(["current"], active);
        var archived = (await _ws.Smctl("spec", "list", "--archived", "--json")).Json.GetProperty("changes").EnumerateArray().Single();
        Assert.Equal("2026-01-01-old", archived.GetProperty("name").GetString());
        Assert.Equal("complete", archived.GetProperty("status").GetString());
    }
}
