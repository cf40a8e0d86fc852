using System.Text.Json.Nodes;
using Smctl.Tests.Testing;
using Xunit;

namespace Smctl.Tests.Mcp;

public sealed class McpConfigTests
{
    [Fact]
    public async Task Config_for_claude_is_written_beside_other_servers()
    {
        using var ws = new WorkspaceFixture("alpha");
        var file = Path.Combine(ws.Ws, ".mcp.json");
        File.WriteAllText(file, """{ "mcpServers": { "other": { "command": "other-tool" } } }""");
        var printed = await ws.Smctl("mcp", "config", "--client", "claude");
        Assert.Equal(0, printed.ExitCode);
        Assert.Contains("\"serve\"", printed.Stdout);
        Assert.DoesNotContain("smctl", File.ReadAllText(file));

        var written = await ws.Smctl("mcp", "config", "--client", "claude", "--write");
        Assert.Equal(0, written.ExitCode);
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        Assert.Equal("other-tool", json["mcpServers"]!["other"]!["command"]!.GetValue<string>());
        Assert.Equal(["serve", "--mcp", "--stdio"], json["mcpServers"]!["smctl"]!["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(ws.Ws, json["mcpServers"]!["smctl"]!["env"]!["SMCTL_WORKSPACE"]!.GetValue<string>());

        var vscode = await ws.Smctl("mcp", "config", "--client", "vscode", "--write", "--dry-run");
        Assert.Equal(0, vscode.ExitCode);
        Assert.False(File.Exists(Path.Combine(ws.Ws, ".vscode", "mcp.json")));
    }

    [Fact]
    public async Task A_broken_client_file_is_left_alone()
    {
        using var ws = new WorkspaceFixture("alpha");
        Directory.CreateDirectory(Path.Combine(ws.Ws, ".cursor"));
        var file = Path.Combine(ws.Ws, ".cursor", "mcp.json");
        File.WriteAllText(file, "{ broken");
        var run = await ws.Smctl("mcp", "config", "--client", "cursor", "--write");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not valid JSON", run.Stderr);
        Assert.Equal("{ broken", File.ReadAllText(file));
        Assert.Equal(2, (await ws.Smctl("mcp", "config", "--client", "emacs")).ExitCode);
    }
}
