using System.Text.RegularExpressions;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Formal;

/// <summary>
/// The Promela models of formal/ checked exhaustively with spin (ARCHITECTURE.md, "Formal models"): the
/// model as smctl works must hold, and every known-broken variant must be caught, so a model that has
/// stopped checking anything fails here too.
/// </summary>
public sealed partial class ModelCheckTests
{
    private static readonly string Models = Path.Combine(TestEnvironment.RepoRoot(), "formal");

    [Theory]
    [InlineData("run.pml", 1_000_000)]
    [InlineData("flow.pml", 100_000)]
    [InlineData("remote.pml", 50_000)]
    public void The_model_holds_under_every_interleaving_and_crash(string model, long fewestStates)
    {
        var (errors, states, output) = Check(model);
        Assert.True(errors == 0, output);
        // An exhaustive search of the model stores at least this many states; far fewer means it no longer explores.
        Assert.True(states >= fewestStates, $"only {states} states were explored:\n{output}");
        Assert.DoesNotContain("max search depth too small", output);
    }

    [Theory]
    [InlineData("run.pml", "BROKEN_LOCK", "assertion violated (inside==1)")]
    [InlineData("run.pml", "BROKEN_ABORT", "assertion violated ((mem[i]!=3)||(effect[i]==1))")]
    [InlineData("run.pml", "BROKEN_STEPS", "assertion violated (effect[step]<=1)")]
    [InlineData("flow.pml", "BROKEN_MERGE_CHECK", "assertion violated (merges<=")]
    [InlineData("remote.pml", "BROKEN_RESTORE", "assertion violated (wdev!=")]
    [InlineData("remote.pml", "BROKEN_MERGE", "assertion violated teammateCaused")]
    [InlineData("flow.pml", "BROKEN_BACKMERGE", "assertion violated ((tag[t]==(main&tag[t]))&&((tag[t]&develop)==tag[t]))")]
    public void Each_known_broken_variant_is_caught(string model, string variant, string violation)
    {
        var (errors, _, output) = Check(model, variant);
        Assert.True(errors > 0, $"spin found nothing wrong with {variant}:\n{output}");
        Assert.Contains(violation, output);
    }

    private static (int Errors, long States, string Output) Check(string model, string? define = null)
    {
        using var dir = new TempDir();
        File.Copy(Path.Combine(Models, model), dir[model]);
        string[] spinArgs = define is null ? ["-a", model] : ["-a", "-D" + define, model];
        var spin = Peers.Run("spin", dir.Path, spinArgs);
        Assert.True(spin.Code == 0, $"spin -a failed (is the Debian package 'spin' installed? ./test.sh installs it):\n{spin.Stdout}{spin.Stderr}");
        // COLLAPSE: the same search in about half the memory.
        var cc = Peers.Run(Compiler(), dir.Path, ["-O2", "-DSAFETY", "-DCOLLAPSE", "-o", "pan", "pan.c"]);
        Assert.True(cc.Code == 0, $"compiling pan.c failed:\n{cc.Stdout}{cc.Stderr}");
        var pan = Peers.Run(dir["pan"], dir.Path, ["-m100000"], TimeSpan.FromMinutes(5));
        var output = pan.Stdout + pan.Stderr;
        var errors = ErrorsLine().Match(output);
        Assert.True(errors.Success, $"no result from pan:\n{output}");
        var states = StatesLine().Match(output);
        return (int.Parse(errors.Groups[1].Value), states.Success ? (long)double.Parse(states.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0, output);
    }

    private static string Compiler() =>
        new[] { "gcc", "clang", "cc" }.FirstOrDefault(c => Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, c)))) ?? "cc";

    [GeneratedRegex(@"errors: (\d+)")]
    private static partial Regex ErrorsLine();

    [GeneratedRegex(@"^\s*([0-9.e+]+) states, stored", RegexOptions.Multiline)]
    private static partial Regex StatesLine();
}
