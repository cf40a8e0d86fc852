using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Cli;

/// <summary>A new user's first minutes: what smctl says before they know its commands.</summary>
public sealed class FirstContactTests
{
    [Fact]
    public async Task Bare_smctl_prints_the_help_and_exits_0()
    {
        using var dir = new TempDir();
        var bare = await CliRun.RunAsync(dir.Path, []);
        Assert.Equal(0, bare.ExitCode);
        Assert.Contains("Usage:", bare.Stdout);
        Assert.Contains("workspace", bare.Stdout);
        Assert.Equal("", bare.Stderr);
    }

    [Fact]
    public async Task A_usage_hint_at_the_top_level_names_the_help_without_a_gap()
    {
        using var dir = new TempDir();
        var unknown = await CliRun.RunAsync(dir.Path, ["--no-such-option"]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("see 'smctl --help'", unknown.Stderr);
    }

    [Fact]
    public async Task A_typo_gets_one_error_with_what_was_meant()
    {
        using var ws = new WorkspaceFixture("kernel", "runtime");
        var command = await ws.Smctl("worktre", "add", "x");
        Assert.Equal(2, command.ExitCode);
        Assert.Equal("error: 'worktre' is not a command of 'smctl'\nhint: did you mean 'worktree'?", command.Stderr.Trim());
        var sub = await ws.Smctl("flow", "feature", "strat", "x");
        Assert.Contains("did you mean 'start'?", sub.Stderr);
        // build takes repo names as arguments: a mistyped option is still read as an option.
        var option = await ws.Smctl("build", "--paralel");
        Assert.Equal(2, option.ExitCode);
        Assert.Equal("error: unknown option '--paralel' for 'smctl build'\nhint: did you mean '--parallel'?", option.Stderr.Trim());
        var repo = await ws.Smctl("workspace", "status", "--repos", "kernl");
        Assert.Equal(2, repo.ExitCode);
        Assert.Contains("hint: did you mean 'kernel'?", repo.Stderr);
        // Words after -- belong to the command run.
        Assert.Equal(0, (await ws.Smctl("exec", "--", "ls", "-la")).ExitCode);
    }

    [Fact]
    public async Task A_parse_error_under_json_is_json()
    {
        using var ws = new WorkspaceFixture("kernel");
        var run = await ws.Smctl("workspace", "statu", "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("usage", run.Json.GetProperty("kind").GetString());
        Assert.Equal("did you mean 'status'?", run.Json.GetProperty("suggestion").GetString());
        var missing = await ws.Smctl("workspace", "--json");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("needs a command", missing.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_demo_shows_progress_says_how_to_put_smctl_on_path_and_tours_in_an_order_that_works()
    {
        using var dir = new TempDir();
        var run = await CliRun.RunAsync(dir.Path, ["demo", Path.Combine(dir.Path, "demo")], new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/bin" });
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("kernel: created", run.Stderr);
        Assert.Contains("smctl is not on your PATH yet", run.Stdout);
        Assert.Contains("export PATH=", run.Stdout);
        // The new change is fast-forwarded before everything is validated.
        Assert.True(run.Stdout.IndexOf("smctl spec ff add-auth", StringComparison.Ordinal) < run.Stdout.IndexOf("smctl spec validate --all", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_never_pastes_the_repo_names_into_placeholders_even_at_thirty_repos()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir[".smctl"]);
        var names = Enumerable.Range(1, 30).Select(i => $"service-number-{i:00}").ToList();
        File.WriteAllText(dir[".smctl/workspace.toml"], "[workspace]\nname = \"big\"\n" + string.Concat(names.Select(n => $"\n[[repos]]\nname = \"{n}\"\n")));
        var host = new Smctl.Cli.CliHost { CurrentDirectory = dir.Path, GetEnvironment = _ => null, Out = TextWriter.Null, Err = TextWriter.Null };
        var paths = new List<string[]>();
        void Walk(System.CommandLine.Command command, string[] path)
        {
            paths.Add(path);
            foreach (var sub in command.Subcommands.Where(c => !c.Hidden)) Walk(sub, [.. path, sub.Name]);
        }
        Walk(Smctl.Cli.SmctlApp.Build(host), []);
        Assert.True(paths.Count > 50);
        foreach (var path in paths)
        {
            var help = await CliRun.RunAsync(dir.Path, [.. path, "--help"]);
            Assert.Equal(0, help.ExitCode);
            Assert.DoesNotContain("service-number-07", help.Stdout);
            Assert.All(help.Stdout.Split('\n'), line => Assert.True(line.Length <= 240, $"smctl {string.Join(' ', path)} --help: {line.Length} characters"));
        }
    }
}
