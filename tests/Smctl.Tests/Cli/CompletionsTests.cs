using System.Diagnostics;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Cli;

public sealed class CompletionsTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("api", "web", "worker");

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task Suggest_completes_commands_options_and_repo_names()
    {
        var commands = await _ws.Smctl("[suggest:10]", "workspace ");
        Assert.Contains("status", commands.Stdout.Split('\n'));
        Assert.Contains("checkout", commands.Stdout.Split('\n'));
        var repos = await _ws.Smctl("[suggest:26]", "workspace status --repos w");
        Assert.Equal(["web", "worker"], repos.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var listed = await _ws.Smctl("[suggest:17]", "exec --repos api,");
        Assert.Equal(["api,api", "api,web", "api,worker"], listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private async Task<string[]> Suggest(string line) =>
        (await _ws.Smctl($"[suggest:{line.Length}]", line)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Suggest_matches_by_prefix_offers_options_after_a_dash_and_never_slash_forms()
    {
        Assert.Equal(["status"], await Suggest("workspace st"));
        var words = await Suggest("workspace ");
        Assert.DoesNotContain(words, w => w.StartsWith('-') || w.StartsWith('/'));
        var options = await Suggest("workspace status -");
        Assert.Contains("--json", options);
        Assert.DoesNotContain("-?", options);
        Assert.DoesNotContain(options, o => o.StartsWith('/'));
        // A command with nothing else to offer offers its options.
        Assert.Contains("--json", await Suggest("workspace status "));
    }

    [Fact]
    public async Task Suggest_completes_feature_names_branches_versions_and_change_ids()
    {
        await _ws.SmctlOk("flow", "init");
        await _ws.SmctlOk("flow", "feature", "start", "gpu-accel", "--repos", "api");
        await _ws.SmctlOk("flow", "feature", "start", "login", "--repos", "web", "--no-checkout");
        await _ws.SmctlOk("flow", "release", "start", "1.2.0", "--repos", "worker", "--no-checkout");
        Directory.CreateDirectory(Path.Combine(_ws.Repo("api"), "openspec", "changes"));
        await _ws.SmctlOk("spec", "new", "add-auth", "--no-branch");
        Assert.Equal(["gpu-accel", "login"], await Suggest("flow feature finish "));
        Assert.Equal(["gpu-accel"], await Suggest("flow feature update g"));
        Assert.Equal(["1.2.0"], await Suggest("flow release finish "));
        Assert.Contains("feature/login", await Suggest("workspace checkout feature/"));
        Assert.Contains("develop", await Suggest("workspace checkout d"));
        Assert.Equal(["add-auth"], await Suggest("spec status a"));
    }

    /// <summary>The bash script, sourced in a real bash, completes through a real smctl process.</summary>
    [Fact]
    public async Task Bash_script_completes_repo_names_in_a_real_shell()
    {
        var script = (await _ws.Smctl("completions", "bash")).Stdout;
        var bin = Path.Combine(_ws.Root, "bin");
        Directory.CreateDirectory(bin);
        var dll = typeof(Smctl.Cli.SmctlApp).Assembly.Location;
        File.WriteAllText(Path.Combine(bin, "smctl"), $"#!/bin/sh\nexec dotnet '{dll}' \"$@\"\n");
        File.WriteAllText(Path.Combine(bin, "completion.bash"), script);
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _ws.Ws,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"chmod +x '{bin}/smctl'; export PATH='{bin}':$PATH; source '{bin}/completion.bash'; " +
                             "COMP_LINE='smctl workspace status --repos we'; COMP_POINT=${#COMP_LINE}; _smctl_complete; printf '%s\\n' \"${COMPREPLY[@]}\"");
        using var bash = Process.Start(psi)!;
        var output = await bash.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal("web", output.Trim());
    }

    [Theory]
    [InlineData("zsh", "compdef _smctl smctl")]
    [InlineData("fish", "complete -c smctl")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName smctl")]
    public async Task Other_shells_get_their_script(string shell, string marker)
    {
        var run = await _ws.Smctl("completions", shell);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(marker, run.Stdout);
        Assert.Contains("[suggest:", run.Stdout);
    }

    [Fact]
    public async Task An_unknown_shell_is_a_usage_error()
    {
        var run = await _ws.Smctl("completions", "tcsh");
        Assert.Equal(2, run.ExitCode);
    }
}
