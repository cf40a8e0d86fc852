using System.Text.Json.Nodes;
using CsCheck;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Errors;

/// <summary>
/// Input nobody should write, and files a crash or a disk can damage: each gets one error with the documented exit
/// code (under --json, a JSON error), never a stack trace or an "internal error".
/// </summary>
public sealed class DamagedInputTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("a", "b");

    public void Dispose() => _ws.Dispose();

    private static readonly int[] DocumentedExitCodes = [0, 1, 2, 3, 4, 5, 6, 7, 8];

    private static void OneClearError(CliRun run, int code)
    {
        Assert.True(run.ExitCode == code, run.ToString());
        Assert.DoesNotContain("internal error", run.Stdout + run.Stderr);
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr);
    }

    [Theory]
    [InlineData("x = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n", "maximum depth")]
    [InlineData("x = \"abc\\", "escape sequence")]
    [InlineData("[core]\njobs = 99999999999\n", "no larger than 1024")]
    public async Task A_manifest_the_parser_chokes_on_is_one_workspace_error(string tail, string message)
    {
        File.AppendAllText(_ws.Manifest, "\n" + tail);
        var list = await _ws.Smctl("workspace", "list");
        OneClearError(list, 4);
        Assert.Contains(message, list.Stderr);
        var json = await _ws.Smctl("workspace", "list", "--json");
        OneClearError(json, 4);
        Assert.Equal("workspace", json.Json.GetProperty("kind").GetString());
        Assert.Equal(0, (await _ws.Smctl("--help")).ExitCode);
    }

    [Fact]
    public async Task A_user_config_nested_too_deep_is_named_not_a_crash()
    {
        var dir = Path.Combine(_ws.UserConfigHome, "smctl");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "config.toml"), "x = " + string.Concat(Enumerable.Repeat("{a=", 70)) + "1" + new string('}', 70) + "\n");
        var run = await _ws.Smctl("workspace", "list");
        Assert.NotEqual(0, run.ExitCode);
        OneClearError(run, run.ExitCode);
        Assert.Contains("config.toml", run.Stderr);
    }

    [Fact]
    public async Task A_job_count_that_does_not_fit_is_refused_when_set()
    {
        var before = File.ReadAllText(_ws.Manifest);
        OneClearError(await _ws.Smctl("config", "set", "core.jobs", "99999999999"), 2);
        Assert.Equal(before, File.ReadAllText(_ws.Manifest));
        await _ws.SmctlOk("config", "set", "core.jobs", "16");
        await _ws.SmctlOk("workspace", "status");
    }

    [Fact]
    public async Task A_name_longer_than_a_file_name_can_be_is_refused_before_any_repo_changes()
    {
        await _ws.SmctlOk("flow", "init");
        var run = await _ws.Smctl("flow", "feature", "start", new string('b', 300));
        OneClearError(run, 2);
        Assert.Contains("longer than 200 characters", run.Stderr);
        Assert.False(File.Exists(Path.Combine(_ws.Ws, ".smctl", "state", "run.json")));
        OneClearError(await _ws.Smctl("workspace", "checkout", "x/" + new string('c', 251)), 2);
    }

    [Fact]
    public async Task A_change_whose_smctl_toml_does_not_parse_fails_validation_and_the_others_are_still_checked()
    {
        await _ws.SmctlOk("config", "set", "spec.openspec_dir", "openspec");
        foreach (var id in new[] { "add-a", "add-b" })
        {
            var dir = Path.Combine(_ws.Ws, "openspec", "changes", id);
            Directory.CreateDirectory(Path.Combine(dir, "specs", "auth"));
            File.WriteAllText(Path.Combine(dir, "proposal.md"), "## Why\nBecause logging in must work for everyone.\n\n## What Changes\n- auth\n");
            File.WriteAllText(Path.Combine(dir, "specs", "auth", "spec.md"),
                "## ADDED Requirements\n### Requirement: Login\nThe system SHALL log in.\n\n#### Scenario: ok\n- **WHEN** x\n- **THEN** y\n");
        }
        File.WriteAllText(Path.Combine(_ws.Ws, "openspec", "changes", "add-a", ".smctl.toml"), "safety = \"high\n");
        var run = await _ws.Smctl("spec", "validate", "--changes", "--json");
        OneClearError(run, 5);
        var items = run.Json.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.False(items["add-a"].GetProperty("valid").GetBoolean());
        Assert.Contains("Invalid newline", items["add-a"].GetProperty("issues")[0].GetProperty("message").GetString());
        Assert.True(items["add-b"].GetProperty("valid").GetBoolean(), run.Stdout);
    }

    [Fact]
    public async Task One_damaged_plan_does_not_hide_the_others()
    {
        await _ws.SmctlOk("flow", "init");
        var id = (await _ws.SmctlOk("flow", "feature", "start", "x", "--dry-run", "--save-plan", "--json")).Json.GetProperty("planId").GetString()!;
        File.WriteAllText(Path.Combine(_ws.Ws, ".smctl", "plans", "20260101-000000-broken.json"), "{\"plan\":{\"id\":\"p\",\"command\":\"c\",\"repos\":[null]}}");
        var list = await _ws.Smctl("plan", "list", "--json");
        OneClearError(list, 0);
        Assert.Contains(id, list.Stdout);
        Assert.Contains("is damaged", list.Stderr);
        OneClearError(await _ws.Smctl("plan", "apply", "20260101-000000-broken", "--yes"), 4);
    }

    /// <summary>
    /// A real interrupted run's file (b's remote refuses the push), with one field nulled, removed or given the wrong
    /// type at a random place: flow status, abort and continue each say the file is damaged, or work, with a documented
    /// exit code — before the fix, 84 of 450 such files crashed one of them.
    /// </summary>
    [Fact]
    public async Task A_damaged_run_file_is_named_by_every_command_that_reads_it()
    {
        await _ws.SmctlOk("flow", "init");
        var hook = Path.Combine(_ws.RemotePath("b"), "hooks", "pre-receive");
        File.WriteAllText(hook, "#!/bin/sh\nexit 1\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Equal(3, (await _ws.Smctl("flow", "feature", "start", "f1")).ExitCode);
        var runFile = Path.Combine(_ws.Ws, ".smctl", "state", "run.json");
        var original = JsonNode.Parse(File.ReadAllText(runFile))!;
        var paths = Paths(original).ToList();
        Assert.True(paths.Count > 40, $"{paths.Count} paths");

        var damaged = 0;
        Gen.Select(Gen.Int[0, paths.Count - 1], Gen.Int[0, 2]).Sample((index, how) =>
        {
            var copy = original.DeepClone();
            Mutate(copy, paths[index], how);
            foreach (var args in new[] { new[] { "flow", "status" }, ["abort", "--dry-run"], ["continue", "--dry-run"], ["abort", "--dry-run", "--json"] })
            {
                File.WriteAllText(runFile, copy.ToJsonString());
                var run = _ws.Smctl(args).GetAwaiter().GetResult();
                Assert.True(DocumentedExitCodes.Contains(run.ExitCode), $"{string.Join('/', paths[index])} ({how}): {run}");
                Assert.DoesNotContain("internal error", run.Stdout + run.Stderr);
                if (args[^1] == "--json" && run.ExitCode != 0) Assert.NotNull(run.Json.GetProperty("message").GetString());
                if (run.Stderr.Contains("is damaged", StringComparison.Ordinal)) damaged++;
            }
        }, iter: 40, threads: 1);
        Assert.True(damaged > 0, "no mutation was ever reported as damage");
        File.WriteAllText(runFile, original.ToJsonString());
        await _ws.SmctlOk("abort", "--yes");
    }

    private static IEnumerable<object[]> Paths(JsonNode node, object[]? at = null)
    {
        at ??= [];
        if (at.Length > 0) yield return at;
        if (node is JsonObject o)
            foreach (var (key, child) in o) { if (child is not null) foreach (var p in Paths(child, [.. at, key])) yield return p; }
        else if (node is JsonArray a)
            for (var i = 0; i < Math.Min(2, a.Count); i++) { if (a[i] is { } child) foreach (var p in Paths(child, [.. at, i])) yield return p; }
    }

    /// <summary>0: the value becomes null; 1: it is removed; 2: it gets a value of another type.</summary>
    private static void Mutate(JsonNode root, object[] path, int how)
    {
        var parent = root;
        foreach (var step in path[..^1]) parent = step is string key ? parent[key]! : parent[(int)step]!;
        var last = path[^1];
        var current = last is string k ? parent[k] : parent[(int)last];
        JsonNode? other = current is JsonValue ? new JsonArray() : JsonValue.Create(12345);
        if (last is string name)
        {
            var obj = parent.AsObject();
            if (how == 1) obj.Remove(name); else obj[name] = how == 0 ? null : other;
        }
        else
        {
            var arr = parent.AsArray();
            var i = (int)last;
            if (how == 1) arr.RemoveAt(i); else arr[i] = how == 0 ? null : other;
        }
    }
}
