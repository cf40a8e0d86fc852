using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Config;

public sealed class ConfigTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("a");
    private string UserConfig => Path.Combine(_ws.UserConfigHome, "smctl", "config.toml");

    public void Dispose() => _ws.Dispose();

    private async Task<(string? Value, string Origin)> Get(Dictionary<string, string?> env, params string[] extra)
    {
        var run = await _ws.SmctlWithEnv(env, ["config", "get", "flow.tag_prefix", "--json", .. extra]);
        Assert.Equal(0, run.ExitCode);
        return (run.Json.GetProperty("value").GetString(), run.Json.GetProperty("origin").GetString()!);
    }

    [Fact]
    public async Task Layers_resolve_flags_over_environment_over_workspace_over_user()
    {
        Assert.Equal(("v", "default"), await Get([]));

        Directory.CreateDirectory(Path.GetDirectoryName(UserConfig)!);
        File.WriteAllText(UserConfig, "[flow]\ntag_prefix = \"user-\"\n");
        var (value, origin) = await Get([]);
        Assert.Equal("user-", value);
        Assert.Equal($"{UserConfig}:2:14", origin);

        File.AppendAllText(_ws.Manifest, "\n[flow]\ntag_prefix = \"ws-\"\n");
        Assert.Equal("ws-", (await Get([])).Value);

        var env = new Dictionary<string, string?> { ["SMCTL_FLOW_TAG_PREFIX"] = "env-" };
        Assert.Equal(("env-", "env:SMCTL_FLOW_TAG_PREFIX"), await Get(env));

        // core.jobs has a flag: -j beats everything.
        var jobs = await _ws.SmctlWithEnv(new() { ["SMCTL_CORE_JOBS"] = "3" }, "config", "get", "core.jobs", "-j", "7", "--json");
        Assert.Equal(("7", "flag:--jobs"), (jobs.Json.GetProperty("value").GetString(), jobs.Json.GetProperty("origin").GetString()));
    }

    [Fact]
    public async Task Show_origin_names_each_source()
    {
        var run = await _ws.SmctlWithEnv(new() { ["SMCTL_FLOW_MAIN_BRANCH"] = "trunk" }, "config", "show", "--origin");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("env:SMCTL_FLOW_MAIN_BRANCH", run.Stdout);
        Assert.Contains("workspace.toml:3:8", run.Stdout);
        Assert.Contains("default", run.Stdout);
        var plain = await _ws.Smctl("config", "show");
        Assert.DoesNotContain("ORIGIN", plain.Stdout);
    }

    [Fact]
    public async Task Set_writes_the_workspace_by_default_and_the_user_file_with_user()
    {
        var before = File.ReadAllText(_ws.Manifest);
        var run = await _ws.Smctl("config", "set", "flow.develop_branch", "dev");
        Assert.Equal(0, run.ExitCode);
        var after = File.ReadAllText(_ws.Manifest);
        Assert.StartsWith(before, after);
        Assert.EndsWith("[flow]\ndevelop_branch = \"dev\"\n", after);

        var again = await _ws.Smctl("config", "set", "flow.develop_branch", "integration", "--scope", "workspace");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(before + "\n[flow]\ndevelop_branch = \"integration\"\n", File.ReadAllText(_ws.Manifest));

        var user = await _ws.Smctl("config", "set", "user.email", "me@example.com", "--scope", "user");
        Assert.Equal(0, user.ExitCode);
        Assert.Contains("[user]\nemail = \"me@example.com\"", File.ReadAllText(UserConfig));
        Assert.Equal("me@example.com", (await _ws.Smctl("config", "get", "user.email")).Stdout.Trim());
    }

    [Theory]
    [InlineData(new[] { "config", "set", "no.such", "x" }, "not a setting smctl knows")]
    [InlineData(new[] { "config", "set", "core.jobs", "many" }, "must be a positive integer")]
    [InlineData(new[] { "config", "set", "flow.model", "waterfall" }, "must be one of git-flow, trunk")]
    [InlineData(new[] { "config", "set", "workspace.name", "x", "--scope", "user" }, "can only be set in the workspace manifest")]
    [InlineData(new[] { "config", "get", "nope" }, "not a setting smctl knows")]
    public async Task Bad_config_input_is_a_usage_error_and_changes_nothing(string[] args, string message)
    {
        var before = File.ReadAllText(_ws.Manifest);
        var run = await _ws.Smctl(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.Equal(before, File.ReadAllText(_ws.Manifest));
        Assert.False(File.Exists(UserConfig));
    }

    [Fact]
    public async Task A_bad_environment_value_is_named()
    {
        var run = await _ws.SmctlWithEnv(new() { ["SMCTL_CORE_JOBS"] = "zero" }, "workspace", "status");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("env:SMCTL_CORE_JOBS", run.Stderr);
    }

    [Fact]
    public async Task Edit_puts_a_valid_edit_in_place_and_keeps_a_broken_one_aside()
    {
        var editor = Path.Combine(_ws.Root, "editor.sh");
        File.WriteAllText(editor, "#!/bin/sh\nprintf '\\n[flow]\\ntag_prefix = \"r\"\\n' >> \"$1\"\n");
        var ok = await _ws.SmctlWithEnv(new() { ["SMCTL_EDITOR"] = "sh " + editor }, "config", "edit");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("tag_prefix = \"r\"", File.ReadAllText(_ws.Manifest));

        var before = File.ReadAllText(_ws.Manifest);
        File.WriteAllText(editor, "#!/bin/sh\nprintf '\\n[[repos]]\\nname = \"x\"\\npath = \"../../etc\"\\n' >> \"$1\"\n");
        var bad = await _ws.SmctlWithEnv(new() { ["SMCTL_EDITOR"] = "sh " + editor }, "config", "edit");
        Assert.Equal(4, bad.ExitCode);
        Assert.Contains("outside the workspace root", bad.Stderr);
        Assert.Equal(before, File.ReadAllText(_ws.Manifest));
        Assert.Contains("your edit is kept in", bad.Stderr);

        // A syntax error's position is in the copy the user edited, which is kept: that is the file it names.
        File.WriteAllText(editor, "#!/bin/sh\nprintf '\\n[flow\\n' >> \"$1\"\n");
        var broken = await _ws.SmctlWithEnv(new() { ["SMCTL_EDITOR"] = "sh " + editor }, "config", "edit");
        Assert.Equal(4, broken.ExitCode);
        var named = broken.Stderr.Split(':')[1].Trim();
        Assert.Contains(".edit-", named);
        Assert.Contains("[flow", File.ReadAllText(named));
        Assert.Equal(before, File.ReadAllText(_ws.Manifest));
    }

    [Fact]
    public async Task Edit_refuses_to_replace_a_file_someone_else_saved_while_the_editor_was_open()
    {
        var editor = Path.Combine(_ws.Root, "editor.sh");
        // The editor's session overlaps a 'config set' from another process (an assistant, a script).
        File.WriteAllText(editor, $"#!/bin/sh\nprintf '\\n# mine\\n' >> \"$1\"\nprintf '\\n[flow]\\ntag_prefix = \"theirs-\"\\n' >> '{_ws.Manifest}'\n");
        var run = await _ws.SmctlWithEnv(new() { ["SMCTL_EDITOR"] = "sh " + editor }, "config", "edit");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("was changed by someone else while you edited it", run.Stderr);
        Assert.Contains("tag_prefix = \"theirs-\"", File.ReadAllText(_ws.Manifest));
        Assert.DoesNotContain("# mine", File.ReadAllText(_ws.Manifest));
    }
}
