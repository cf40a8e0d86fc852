using CsCheck;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Errors;

/// <summary>
/// A real manifest and user config, damaged at random (bytes cut, duplicated, swapped for TOML's own punctuation,
/// lines repeated): every command that reads them answers with a documented exit code, one error (JSON under
/// --json), never an internal error, and never changes either file.
/// </summary>
public sealed class ConfigFuzzTests : IDisposable
{
    private static readonly int[] DocumentedExitCodes = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    private static readonly string[] Punctuation = ["[", "]", "[[", "=", "\"", "'", "\"\"\"", "\\", "{", "}", ",", "#", "\n", ".", "-", "\0", "é", "999999999999999999999"];
    private readonly WorkspaceFixture _ws = new("core", "api");

    public void Dispose() => _ws.Dispose();

    private string UserConfig => Path.Combine(_ws.UserConfigHome, "smctl", "config.toml");

    private static Gen<string> Damaged(string text) =>
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, text.Length - 1], Gen.Int[1, 100], Gen.Int[0, Punctuation.Length - 1]).Select((how, at, length, p) =>
        {
            var end = Math.Min(text.Length, at + length % 40);
            return how switch
            {
                0 => text[..at] + text[end..],
                1 => text[..end] + text[at..],
                2 => text[..at] + Punctuation[p] + text[at..],
                _ => text[..at] + string.Concat(Enumerable.Repeat(Punctuation[p], length)) + text[end..],
            };
        });

    private void Check(string file, Gen<string> damaged, string[][] commands)
    {
        var original = File.ReadAllText(file);
        damaged.Sample(text =>
        {
            File.WriteAllText(file, text);
            foreach (var args in commands)
            {
                var run = _ws.Smctl(args).GetAwaiter().GetResult();
                Assert.True(DocumentedExitCodes.Contains(run.ExitCode), $"{string.Join(' ', args)} on\n{text}\n{run}");
                Assert.DoesNotContain("internal error", run.Stdout + run.Stderr);
                Assert.DoesNotContain("   at ", run.Stderr);
                if (args.Contains("--json") && run.ExitCode != 0) Assert.NotNull(run.Json.GetProperty("message").GetString());
                Assert.Equal(text, File.ReadAllText(file));
            }
        }, iter: 100, threads: 1);
        File.WriteAllText(file, original);
    }

    [Fact]
    public void A_damaged_manifest_gets_one_clear_error_from_every_reader()
    {
        File.AppendAllText(_ws.Manifest, "\n[flow]\ntag_prefix = \"v\"\n\n[alias]\nst = \"workspace status\"\n\n[build]\njobs = 2\n");
        Check(_ws.Manifest, Damaged(File.ReadAllText(_ws.Manifest)), [["workspace", "list", "--json"], ["config", "show"], ["st"], ["--help"]]);
    }

    [Fact]
    public void A_damaged_user_config_gets_one_clear_error_from_every_reader()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(UserConfig)!);
        var text = "# mine\n[user]\nname = \"Ann\"\nemail = \"ann@example.org\"\n\n[core]\njobs = 4\nnetwork_timeout = 30\n\n[alias]\nls = \"workspace list\"\n";
        File.WriteAllText(UserConfig, text);
        Check(UserConfig, Damaged(text), [["config", "get", "core.jobs", "--json"], ["workspace", "status", "--json"], ["ls"]]);
    }
}
