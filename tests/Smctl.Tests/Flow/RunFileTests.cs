using System.Text.Json;
using System.Text.RegularExpressions;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Flow;

/// <summary>What a run writes under .smctl/state/ and what --json says about it use the same names.</summary>
public sealed class RunFileTests : IDisposable
{
    private readonly WorkspaceFixture _ws = new("a", "b");

    public void Dispose() => _ws.Dispose();

    /// <summary>A completed run moves from run.json to last-run.json (what undo reads).</summary>
    private string RunFile => Path.Combine(_ws.Ws, ".smctl", "state", "last-run.json");

    private static List<string> Ops(JsonElement repos, string stepsProperty) =>
        [.. repos.EnumerateArray().SelectMany(r => r.GetProperty(stepsProperty).EnumerateArray().Select(s => s.GetProperty("op").GetString()!))];

    [Fact]
    public async Task Each_opcode_has_one_name_in_run_json_and_in_the_result()
    {
        var init = await _ws.SmctlOk("flow", "init", "--json");
        var saved = JsonDocument.Parse(File.ReadAllText(RunFile)).RootElement.GetProperty("plan").GetProperty("repos");
        var shown = init.Json.GetProperty("repos");
        Assert.Equal(Ops(saved, "steps"), Ops(shown, "steps"));
        // flow init sets git-flow's config: the opcode run.json has always called config_set.
        Assert.Contains("config_set", Ops(shown, "steps"));

        var start = await _ws.SmctlOk("flow", "feature", "start", "f1", "--worktree", "--json");
        saved = JsonDocument.Parse(File.ReadAllText(RunFile)).RootElement.GetProperty("plan").GetProperty("repos");
        Assert.Equal(Ops(saved, "steps"), Ops(start.Json.GetProperty("repos"), "steps"));
        Assert.Equal("completed", start.Json.GetProperty("phase").GetString());
        Assert.All(start.Json.GetProperty("repos").EnumerateArray().SelectMany(r => r.GetProperty("steps").EnumerateArray()),
            s => Assert.Equal("done", s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_run_file_written_before_phases_and_statuses_had_json_names_still_reads()
    {
        await _ws.SmctlOk("flow", "init");
        await _ws.SmctlOk("flow", "feature", "start", "f1");
        // Earlier versions wrote the enum members' own names: "Completed", "Done".
        var text = File.ReadAllText(RunFile);
        var old = Regex.Replace(text, "\"(completed|done)\"", m => "\"" + char.ToUpperInvariant(m.Groups[1].Value[0]) + m.Groups[1].Value[1..] + "\"");
        Assert.NotEqual(text, old);
        File.WriteAllText(RunFile, old);

        var undo = await _ws.SmctlOk("undo", "--dry-run", "--json");
        Assert.Equal("planned", undo.Json.GetProperty("phase").GetString());
        var undone = await _ws.SmctlOk("undo", "--yes", "--json");
        Assert.Equal("undone", undone.Json.GetProperty("phase").GetString());
        Assert.Equal("", Testing.Git.Run(_ws.Repo("a"), "branch", "--list", "feature/f1").Trim());
    }
}
