using System.Text.Json;
using Smctl.Core.Catalog;
using Smctl.Mcp.Tools;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Mcp;

/// <summary>
/// Toolsets, seen by the official TypeScript client: a session starts with the everyday tools, within the token
/// budget a host can afford, and adds others at run time with smctl_toolset_enable and tools/list_changed.
/// </summary>
public sealed class McpToolsetTests
{
    private static readonly string Cli = typeof(Smctl.Cli.SmctlApp).Assembly.Location;

    [Fact]
    public void Every_operation_is_in_exactly_one_toolset()
    {
        foreach (var op in OperationCatalog.All)
            Assert.Single(Toolsets.All, t => t.Operations.Contains(op));
        Assert.Equal(OperationCatalog.All.Count, Toolsets.All.Sum(t => t.Operations.Count));
    }

    [Fact]
    public void Unknown_toolsets_are_refused_with_the_names_there_are()
    {
        var e = Assert.Throws<Smctl.Core.Errors.SmctlException>(() => Toolsets.Parse("workspace,nope"));
        Assert.Contains("'nope'", e.Message);
        Assert.Contains("spec", e.Suggestion);
        Assert.Equal(Toolsets.All, Toolsets.Parse("all"));
        Assert.Equal(["workspace", "feature", "runs", "spec"], Toolsets.Parse("default,spec,workspace").Select(t => t.Name));
    }

    [Fact]
    public void An_unknown_toolset_at_start_is_one_sentence_and_exit_2()
    {
        using var ws = new WorkspaceFixture("alpha");
        var (code, _, stderr) = Peers.Run("dotnet", ws.Ws, [Cli, "serve", "--mcp", "--stdio", "--toolsets", "workspace,nope"], TimeSpan.FromMinutes(1));
        Assert.Equal(2, code);
        Assert.Contains("there is no toolset 'nope'", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Over_stdio_a_session_starts_small_and_grows_when_asked()
    {
        using var ws = new WorkspaceFixture("alpha");
        var seen = RunClient(ws, "stdio", "dotnet", Cli, "serve", "--mcp", "--stdio");
        Check(seen);
    }

    [Fact]
    public async Task Over_http_each_session_has_its_own_toolsets()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome, toolsets: "default");
        var seen = RunClient(ws, "http", server.Url.ToString());
        Check(seen);
        // A second session, opened after the first enabled build, lists what every session starts with.
        Assert.Equal(Names(seen.GetProperty("first")), Names(seen.GetProperty("other")));
    }

    [Fact]
    public void All_tools_fit_in_10000_tokens_and_the_default_set_in_4000()
    {
        using var ws = new WorkspaceFixture("alpha");
        int Tokens(string toolsets)
        {
            var (code, stdout, stderr) = Peers.Run("node", ws.Ws, [Path.Combine(Peers.Folder, "tools-tokens.mjs"), "dotnet", Cli, "serve", "--mcp", "--stdio", "--toolsets", toolsets],
                TimeSpan.FromMinutes(2));
            Assert.True(code == 0, stdout + stderr);
            return JsonDocument.Parse(stdout.Trim()).RootElement.GetProperty("all").GetProperty("tokens").GetInt32();
        }
        var all = Tokens("all");
        var everyday = Tokens("default");
        Assert.True(all <= 10_000, $"tools/list of every tool is {all} o200k tokens");
        Assert.True(everyday <= 4_000, $"tools/list of the default toolsets is {everyday} o200k tokens");
    }

    private static void Check(JsonElement seen)
    {
        var defaults = Toolsets.Parse("default").SelectMany(t => t.Operations).Select(o => o.Info.ToolName).Append(ToolsetEnable.Name).Order();
        Assert.Equal(defaults, Names(seen.GetProperty("first")).Order());
        Assert.True(seen.GetProperty("firstTokens").GetInt32() <= 4_000, $"{seen.GetProperty("firstTokens")} tokens");
        // A tool of a toolset not enabled is refused with the way to enable it.
        Assert.True(seen.GetProperty("before").GetProperty("isError").GetBoolean());
        Assert.Contains("smctl_toolset_enable", seen.GetProperty("before").GetProperty("text").GetString());
        // Enabled: the client heard the list changed, and the new list has the build tools, the call then works.
        var buildTools = Toolsets.All.Single(t => t.Name == "build").Operations.Select(o => o.Info.ToolName).ToList();
        Assert.Equal(buildTools.Order(), Names(seen.GetProperty("enabled").GetProperty("added")).Order());
        Assert.Contains("build", Names(seen.GetProperty("enabled").GetProperty("enabled")));
        Assert.Equal(defaults.Concat(buildTools).Order(), Names(seen.GetProperty("second")).Order());
        Assert.False(seen.GetProperty("after").GetProperty("isError").GetBoolean());
        Assert.True(seen.GetProperty("after").GetProperty("structured").GetBoolean());
        Assert.True(seen.GetProperty("unknown").GetProperty("isError").GetBoolean());
        Assert.Contains("no toolset 'nope'", seen.GetProperty("unknown").GetProperty("text").GetString());
    }

    private static List<string> Names(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static JsonElement RunClient(WorkspaceFixture ws, string mode, params string[] target)
    {
        var (code, stdout, stderr) = Peers.Run("node", ws.Ws, [Path.Combine(Peers.Folder, "mcp-toolsets.mjs"), mode, .. target], TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = ws.UserConfigHome });
        Assert.True(code == 0, stdout + "\n--- stderr\n" + stderr);
        return JsonDocument.Parse(stdout.Split('\n').Last(l => l.StartsWith('{'))).RootElement.Clone();
    }
}
