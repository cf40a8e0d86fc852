using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Workspace;

public sealed class AddRemoveTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("core");

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task Add_clones_and_records_keeping_comments_and_layout()
    {
        File.WriteAllText(_ws.Manifest, "# my workspace — keep this\n[workspace]\nname = \"test\"   # trailing note\n\n[[repos]]\nname = \"core\"  # the core\nurl = \"" + _ws.RemoteUrl("core") + "\"\n");
        var before = File.ReadAllText(_ws.Manifest);
        _ws.CreateRemote("api");
        var run = await _ws.Smctl("workspace", "add", _ws.RemoteUrl("api"), "--depends-on", "core", "--build-cmd", "make", "--branch", "develop");
        Assert.Equal(0, run.ExitCode);
        var after = File.ReadAllText(_ws.Manifest);
        Assert.StartsWith(before, after);
        Assert.Contains("name = \"api\"", after);
        Assert.Contains("depends_on = [\"core\"]", after);
        Assert.Equal("develop", Testing.Git.Run(_ws.Repo("api"), "branch", "--show-current").Trim());

        var remove = await _ws.Smctl("workspace", "remove", "api");
        Assert.Equal(0, remove.ExitCode);
        Assert.Equal(before, File.ReadAllText(_ws.Manifest));
        Assert.True(Directory.Exists(_ws.Repo("api")));
    }

    [Fact]
    public async Task A_failed_clone_leaves_no_folder_and_the_manifest_unchanged()
    {
        var before = File.ReadAllText(_ws.Manifest);
        var run = await _ws.Smctl("workspace", "add", _ws.RemoteUrl("missing"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("cloning missing", run.Stderr);
        Assert.Equal(before, File.ReadAllText(_ws.Manifest));
        Assert.False(Directory.Exists(_ws.Repo("missing")));
        Assert.DoesNotContain(Directory.EnumerateDirectories(_ws.Ws, ".*"), d => !d.EndsWith(".smctl"));
    }

    [Theory]
    // On the command line a url that starts with a dash reads as an unknown option; over MCP, Core refuses it as no address.
    [InlineData(new[] { "--upload-pack=x" }, 2, "unknown option '--upload-pack=x'")]
    [InlineData(new[] { "file:///x/core.git" }, 2, "already has a repo named 'core'")]
    [InlineData(new[] { "file:///x/y.git", "--path", "../../etc" }, 4, "outside the workspace root")]
    [InlineData(new[] { "file:///x/y.git", "--depends-on", "nope" }, 2, "does not have: nope")]
    [InlineData(new[] { "file:///x/y.git", "--branch", "bad..name" }, 2, "not a valid branch name")]
    public async Task Bad_add_input_is_refused_before_anything_happens(string[] args, int code, string message)
    {
        var before = File.ReadAllText(_ws.Manifest);
        var run = await _ws.Smctl(["workspace", "add", .. args]);
        Assert.Equal(code, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.Equal(before, File.ReadAllText(_ws.Manifest));
    }

    [Fact]
    public async Task Remove_with_delete_files_needs_yes_refuses_unsaved_work_and_then_deletes()
    {
        var noYes = await _ws.Smctl("workspace", "remove", "core", "--delete-files");
        Assert.Equal(2, noYes.ExitCode);
        Assert.Contains("--yes", noYes.Stderr);
        Assert.True(Directory.Exists(_ws.Repo("core")));

        File.WriteAllText(Path.Combine(_ws.Repo("core"), "wip.txt"), "unsaved");
        var dirty = await _ws.Smctl("workspace", "remove", "core", "--delete-files", "--yes");
        Assert.Equal(3, dirty.ExitCode);
        Assert.Contains("1 untracked", dirty.Stderr);

        var dry = await _ws.Smctl("workspace", "remove", "core", "--delete-files", "--force", "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.True(Directory.Exists(_ws.Repo("core")));

        var forced = await _ws.Smctl("workspace", "remove", "core", "--delete-files", "--force", "--yes");
        Assert.Equal(0, forced.ExitCode);
        Assert.False(Directory.Exists(_ws.Repo("core")));
        Assert.DoesNotContain("core", File.ReadAllText(_ws.Manifest));
    }

    [Fact]
    public async Task Unpushed_commits_block_deleting_files()
    {
        Testing.Git.Run(_ws.Repo("core"), "checkout", "-q", "-b", "local-only");
        Testing.Git.Commit(_ws.Repo("core"), "x.txt", "x", "local work");
        var run = await _ws.Smctl("workspace", "remove", "core", "--delete-files", "--yes");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("local-only", run.Stderr);
    }

    [Fact]
    public async Task A_repo_others_depend_on_cannot_be_removed()
    {
        File.AppendAllText(_ws.Manifest, "\n[[repos]]\nname = \"app\"\ndepends_on = [\"core\"]\n");
        var run = await _ws.Smctl("workspace", "remove", "core");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("app depends on 'core'", run.Stderr);
    }

    [Theory]
    [InlineData("core/src", "lies inside repo 'core'")]
    [InlineData(".smctl", "is the workspace's .smctl/ folder")]
    [InlineData(".smctl/state", "lies in the workspace's .smctl/ folder")]
    public async Task A_repo_inside_another_repo_or_in_smctl_is_refused_and_removing_it_deletes_nothing(string path, string message)
    {
        var src = Path.Combine(_ws.Repo("core"), "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "edited.txt"), "the user's uncommitted work");
        var manifest = File.ReadAllText(_ws.Manifest);
        File.AppendAllText(_ws.Manifest, $"\n[[repos]]\nname = \"inner\"\npath = \"{path}\"\n");

        var remove = await _ws.Smctl("workspace", "remove", "inner", "--delete-files", "--force", "--yes");
        Assert.Equal(4, remove.ExitCode);
        Assert.Contains(message, remove.Stderr);
        Assert.Contains("workspace.toml:", remove.Stderr);
        Assert.True(File.Exists(Path.Combine(src, "edited.txt")));
        Assert.True(File.Exists(_ws.Manifest));

        File.WriteAllText(_ws.Manifest, manifest);
        var add = await _ws.Smctl("workspace", "add", _ws.RemoteUrl("core"), "--name", "inner", "--path", path);
        Assert.Equal(2, add.ExitCode);
        Assert.Contains(message, add.Stderr.Replace("\n", " "));
        Assert.Equal(manifest, File.ReadAllText(_ws.Manifest));
    }

    [Fact]
    public async Task A_repo_that_would_hold_another_is_refused()
    {
        File.AppendAllText(_ws.Manifest, "\n[[repos]]\nname = \"outer\"\npath = \".\"\n");
        var list = await _ws.Smctl("workspace", "list");
        Assert.Equal(4, list.ExitCode);
        Assert.Contains("outside the workspace root", list.Stderr);
        File.WriteAllText(_ws.Manifest, File.ReadAllText(_ws.Manifest).Replace("path = \".\"", "path = \"group\""));
        File.AppendAllText(_ws.Manifest, "\n[[repos]]\nname = \"member\"\npath = \"group/member\"\n");
        var nested = await _ws.Smctl("workspace", "list");
        Assert.Equal(4, nested.ExitCode);
        Assert.Contains("lies inside repo 'outer' (group)", nested.Stderr);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_repository_is_not_deleted_without_force()
    {
        File.AppendAllText(_ws.Manifest, "\n[[repos]]\nname = \"notes\"\n");
        Directory.CreateDirectory(_ws.Repo("notes"));
        File.WriteAllText(Path.Combine(_ws.Repo("notes"), "todo.txt"), "mine");
        var run = await _ws.Smctl("workspace", "remove", "notes", "--delete-files", "--yes");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("not a git repository", run.Stderr);
        Assert.True(File.Exists(Path.Combine(_ws.Repo("notes"), "todo.txt")));
    }
}
