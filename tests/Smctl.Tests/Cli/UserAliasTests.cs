using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Cli;

public sealed class UserAliasTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("a");

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task Aliases_from_the_manifest_and_user_config_run_their_expansion_and_show_in_help()
    {
        File.AppendAllText(_ws.Manifest, "\n[alias]\nst = \"workspace status\"\nloop = \"loop\"\n");
        var userConfig = Path.Combine(_ws.UserConfigHome, "smctl", "config.toml");
        Directory.CreateDirectory(Path.GetDirectoryName(userConfig)!);
        File.WriteAllText(userConfig, "[alias]\nls = \"workspace list\"\nst = \"exec -- false\"\n");

        var st = await _ws.Smctl("st", "--json", "--repos", "a");
        Assert.True(st.ExitCode == 0, st.ToString());
        Assert.Equal("a", st.Json.GetProperty("repos")[0].GetProperty("name").GetString());
        var ls = await _ws.Smctl("ls");
        Assert.Contains("REPO", ls.Stdout);
        var help = await _ws.Smctl("--help");
        Assert.Contains("Alias for 'smctl workspace status'", help.Stdout);
        Assert.Contains("Alias for 'smctl workspace list'", help.Stdout);
        var loop = await _ws.Smctl("loop");
        Assert.Equal(2, loop.ExitCode);
        Assert.Contains("expands to itself", loop.Stderr);
    }

    [Fact]
    public async Task A_broken_user_config_is_named_when_its_alias_is_missing()
    {
        var userConfig = Path.Combine(_ws.UserConfigHome, "smctl", "config.toml");
        Directory.CreateDirectory(Path.GetDirectoryName(userConfig)!);
        File.WriteAllText(userConfig, "[alias]\nst = \"workspace status\"\n[flow\n");
        var run = await _ws.Smctl("st");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'st' is not a command of 'smctl', and no user alias could be read: " + userConfig + ":3:", run.Stderr);
        // A plain typo with readable files keeps its did-you-mean.
        File.WriteAllText(userConfig, "[alias]\nst = \"workspace status\"\n");
        Assert.Contains("did you mean", (await _ws.Smctl("workspac")).Stderr);
    }

    [Fact]
    public async Task A_built_in_command_cannot_be_shadowed()
    {
        File.AppendAllText(_ws.Manifest, "\n[alias]\nexec = \"workspace list\"\n");
        var run = await _ws.Smctl("exec", "--", "true");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 ok, 0 failed", run.Stderr);
    }
}
