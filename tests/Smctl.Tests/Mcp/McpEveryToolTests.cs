using System.Text.Json;
using System.Text.Json.Nodes;
using Smctl.Core.Catalog;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Mcp;

/// <summary>
/// Every tool, called by the official TypeScript client as an assistant host calls it: tools/list first, so the client
/// validates each result against the tool's output schema and throws on a mismatch; once with arguments that work
/// (mutating tools as dry runs) and once with arguments it refuses, over stdio and over Streamable HTTP. The schemas
/// are compiled by ajv in strict mode (2020-12) too.
/// </summary>
public sealed class McpEveryToolTests : IAsyncLifetime
{
    private PopulatedWorkspace _populated = null!;
    private WorkspaceFixture Ws => _populated.Ws;

    public async ValueTask InitializeAsync() => _populated = await PopulatedWorkspace.CreateAsync();

    public ValueTask DisposeAsync() => _populated.DisposeAsync();

    private static JsonObject Args(params (string Key, JsonNode? Value)[] pairs) => new(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    private static JsonArray Texts(params string[] texts) => [.. texts.Select(t => (JsonNode)t)];

    /// <summary>A call each tool answers without an error (read-only tools for real, the rest as dry runs).</summary>
    private Dictionary<string, JsonObject> Working() => new()
    {
        ["smctl_workspace_init"] = Args(("dryRun", true)),
        ["smctl_workspace_add"] = Args(("url", "https://example.com/acme/again.git"), ("dryRun", true)),
        ["smctl_workspace_remove"] = Args(("repo", "beta"), ("dryRun", true)),
        ["smctl_workspace_status"] = Args(),
        ["smctl_workspace_sync"] = Args(("dryRun", true)),
        ["smctl_workspace_list"] = Args(),
        ["smctl_workspace_checkout"] = Args(("branch", "main"), ("repos", Texts("docs")), ("dryRun", true)),
        ["smctl_exec"] = Args(("command", Texts("true")), ("dryRun", true)),
        ["smctl_config_show"] = Args(),
        ["smctl_config_get"] = Args(("key", "core.jobs")),
        ["smctl_config_set"] = Args(("key", "flow.develop_branch"), ("value", "dev"), ("dryRun", true)),
        ["smctl_flow_init"] = Args(("dryRun", true)),
        ["smctl_flow_feature_start"] = Args(("name", "f2"), ("repos", Texts("alpha")), ("dryRun", true)),
        ["smctl_flow_feature_finish"] = Args(("name", "f1"), ("dryRun", true)),
        ["smctl_flow_feature_update"] = Args(("name", "f1"), ("dryRun", true)),
        ["smctl_flow_feature_propose"] = Args(("name", "f1"), ("dryRun", true)),
        ["smctl_flow_feature_list"] = Args(),
        ["smctl_flow_release_start"] = Args(("version", "1.0.0"), ("repos", Texts("alpha")), ("dryRun", true)),
        ["smctl_flow_release_finish"] = Args(("version", "0.9.0"), ("dryRun", true)),
        ["smctl_flow_release_list"] = Args(),
        ["smctl_flow_hotfix_start"] = Args(("repos", Texts("alpha")), ("dryRun", true)),
        ["smctl_flow_hotfix_finish"] = Args(("version", "0.0.1"), ("dryRun", true)),
        ["smctl_flow_hotfix_list"] = Args(),
        ["smctl_flow_list"] = Args(),
        ["smctl_flow_status"] = Args(),
        ["smctl_undo"] = Args(("dryRun", true)),
        ["smctl_plan_show"] = Args(("id", _populated.PlanId)),
        ["smctl_plan_list"] = Args(),
        ["smctl_plan_apply"] = Args(("id", _populated.PlanId), ("dryRun", true)),
        ["smctl_worktree_add"] = Args(("name", "f3"), ("repos", Texts("alpha")), ("dryRun", true)),
        ["smctl_worktree_list"] = Args(),
        ["smctl_worktree_remove"] = Args(("name", "wt1"), ("dryRun", true)),
        ["smctl_worktree_path"] = Args(("name", "wt1"), ("repo", "beta")),
        ["smctl_worktree_prune"] = Args(("dryRun", true)),
        ["smctl_build"] = Args(("dryRun", true)),
        ["smctl_build_graph"] = Args(),
        ["smctl_build_status"] = Args(),
        ["smctl_build_clean_cache"] = Args(("dryRun", true)),
        ["smctl_spec_new"] = Args(("id", "add-search"), ("repos", Texts("alpha")), ("dryRun", true)),
        ["smctl_spec_list"] = Args(),
        ["smctl_spec_status"] = Args(("id", "add-login")),
        ["smctl_spec_ff"] = Args(("id", "add-login"), ("dryRun", true)),
        ["smctl_spec_apply"] = Args(("id", "add-login"), ("dryRun", true)),
        ["smctl_spec_validate"] = Args(("all", true)),
        ["smctl_spec_archive"] = Args(("id", "add-login"), ("noValidate", true), ("dryRun", true)),
        ["smctl_release_plan"] = Args(),
        ["smctl_release_notes"] = Args(),
        ["smctl_gate_status"] = Args(),
        ["smctl_gate_models_list"] = Args(),
        ["smctl_gate_models_add"] = Args(("path", "model.onnx"), ("name", "added"), ("dryRun", true)),
        ["smctl_gate_models_remove"] = Args(("name", "add"), ("dryRun", true)),
        ["smctl_gate_routes_list"] = Args(),
        ["smctl_gate_routes_set"] = Args(("model", "add"), ("endpoint", "1"), ("dryRun", true)),
        ["smctl_gate_routes_remove"] = Args(("model", "add"), ("dryRun", true)),
        ["smctl_gate_test"] = Args(("model", "add"), ("input", _populated.AddRequest)),
        ["smctl_gate_logs"] = Args(("lines", 5)),
        ["smctl_mcp_config"] = Args(("client", "claude")),
    };

    /// <summary>Tools that act on an interrupted run: they answer (with the run, interrupted) only when there is one.</summary>
    private static readonly string[] OnInterruptedRun = ["smctl_continue", "smctl_skip", "smctl_abort"];

    /// <summary>A call each tool refuses: a repo that does not exist, a name it cannot take, or an argument it does not have.</summary>
    private Dictionary<string, JsonObject> Refused()
    {
        var refused = new Dictionary<string, JsonObject>();
        foreach (var op in OperationCatalog.All) refused[op.Info.ToolName] = Args(("noSuchArgument", true));
        refused["smctl_workspace_status"] = Args(("repos", Texts("nope")));
        refused["smctl_flow_feature_start"] = Args(("name", "Not A Name"));
        refused["smctl_flow_feature_finish"] = Args(("name", "never-started"));
        refused["smctl_config_get"] = Args(("key", "no.such.key"));
        refused["smctl_spec_status"] = Args(("id", "no-such-change"));
        refused["smctl_gate_test"] = Args(("model", "nope"), ("input", _populated.AddRequest));
        refused["smctl_build"] = Args(("jobs", -3));
        refused["smctl_worktree_add"] = Args(("name", "x"), ("kind", "sideways"));
        foreach (var name in OnInterruptedRun) refused[name] = Args();
        return refused;
    }

    [Fact]
    public async Task Every_tool_answers_the_typescript_client_over_stdio() =>
        Check(await RunPhasesAsync(calls => RunClient(calls, "stdio", "dotnet", typeof(Smctl.Cli.SmctlApp).Assembly.Location, "serve", "--mcp", "--stdio", "--toolsets", "all")));

    [Fact]
    public async Task Every_tool_answers_the_typescript_client_over_http()
    {
        await using var server = await McpHttpServer.StartAsync(Ws.Ws, userConfigHome: Ws.UserConfigHome);
        Check(await RunPhasesAsync(calls => RunClient(calls, "http", server.Url.ToString())));
    }

    /// <summary>Everything but the run controls first; then, with an interrupted run (a remote refusing pushes), those.</summary>
    private async Task<List<(string Phase, JsonElement Seen)>> RunPhasesAsync(Func<List<(string Name, JsonObject Args)>, JsonElement> client)
    {
        var working = Working();
        var refused = Refused();
        var first = working.Select(w => (w.Key, w.Value)).Concat(refused.Select(r => (r.Key, r.Value))).ToList();
        var seen = new List<(string, JsonElement)> { ("refused and working", client(first)) };

        var hook = Path.Combine(Ws.RemotePath("alpha"), "hooks", "pre-receive");
        File.WriteAllText(hook, "#!/bin/sh\necho 'protected: pushes are refused' >&2\nexit 1\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var interrupted = await Ws.Smctl("flow", "feature", "start", "f9", "--repos", "alpha");
        Assert.True(interrupted.ExitCode != 0 && interrupted.Stdout.Contains("interrupted"), interrupted.ToString());
        seen.Add(("interrupted", client([.. OnInterruptedRun.Select(n => (n, Args(("dryRun", true))))])));
        return seen;
    }

    private void Check(List<(string Phase, JsonElement Seen)> phases)
    {
        var listed = phases[0].Seen.GetProperty("tools").EnumerateArray().Select(t => t.GetString()!).Order().ToList();
        Assert.Equal(OperationCatalog.All.Select(o => o.Info.ToolName).Order(), listed);
        var schemaProblems = phases[0].Seen.GetProperty("schemaProblems").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.True(schemaProblems.Count == 0, "ajv (strict, 2020-12) refused:\n" + string.Join("\n", schemaProblems));

        var results = phases.SelectMany(p => p.Seen.GetProperty("results").EnumerateArray().Select(r => (p.Phase, Result: r))).ToList();
        var thrown = results.Where(r => r.Result.TryGetProperty("thrown", out _)).Select(r => $"{r.Phase}: {r.Result.GetProperty("name")}: {r.Result.GetProperty("thrown")}").ToList();
        Assert.True(thrown.Count == 0, "the TypeScript client rejected:\n" + string.Join("\n", thrown));

        var workingCount = Working().Count;
        foreach (var (phase, r) in results)
        {
            var name = r.GetProperty("name").GetString()!;
            var isError = r.GetProperty("isError").GetBoolean();
            if (isError) Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("text").GetString()), $"{name}: an error says nothing");
            // With an interrupted run the run controls answer with it, interrupted (isError): what matters is that it validated.
            if (phase == "interrupted") continue;
            // A working call answers with its result (which may itself report a failure, as a validation that finds
            // errors does); a refused call answers with the error alone.
            var works = r.GetProperty("index").GetInt32() < workingCount;
            var structured = r.GetProperty("structured").GetBoolean();
            Assert.True(works ? structured : isError && !structured, $"{name} ({(works ? "should work" : "should be refused")}): {r.GetProperty("text")}");
        }
        // Every dry run comes back with a planId that plan apply executes (a program of steps, or the call itself).
        var dryRuns = Working().Where(w => w.Value.ContainsKey("dryRun")).Select(w => w.Key).ToHashSet();
        foreach (var (phase, r) in results.Where(x => x.Phase != "interrupted" && x.Result.GetProperty("index").GetInt32() < workingCount))
            if (dryRuns.Contains(r.GetProperty("name").GetString()!))
                Assert.True(r.GetProperty("planId").ValueKind == JsonValueKind.String, $"{r.GetProperty("name")}'s dry run has no planId: {r.GetProperty("text")}");
        // Every tool was called both ways: once refused, once answering with a result its schema describes.
        foreach (var op in OperationCatalog.All)
        {
            var mine = results.Where(r => r.Result.GetProperty("name").GetString() == op.Info.ToolName).Select(r => r.Result).ToList();
            Assert.Contains(mine, r => r.GetProperty("isError").GetBoolean() && !r.GetProperty("structured").GetBoolean());
            Assert.Contains(mine, r => r.GetProperty("structured").GetBoolean());
        }
    }

    private JsonElement RunClient(List<(string Name, JsonObject Args)> calls, string mode, params string[] target)
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "calls.json");
        File.WriteAllText(file, new JsonArray([.. calls.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["arguments"] = c.Args.DeepClone() })]).ToJsonString());
        Peers.Bin("conformance");
        var (code, stdout, stderr) = Peers.Run("node", Ws.Ws, [Path.Combine(Peers.Folder, "mcp-every-tool.mjs"), file, mode, .. target], TimeSpan.FromMinutes(4),
            new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = Ws.UserConfigHome });
        Assert.True(code == 0, stdout + "\n--- stderr\n" + stderr);
        return JsonDocument.Parse(stdout.Split('\n').Last(l => l.StartsWith('{'))).RootElement.Clone();
    }
}
