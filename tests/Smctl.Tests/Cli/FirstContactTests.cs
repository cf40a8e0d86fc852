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
}
