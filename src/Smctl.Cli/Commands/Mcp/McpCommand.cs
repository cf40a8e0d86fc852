using Smctl.Cli.Commands.Shared;

namespace Smctl.Cli.Commands.Mcp;

/// <summary>smctl mcp: helpers for connecting assistants to 'smctl serve --mcp'.</summary>
public static class McpCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var mcp = new SmctlCommand("mcp", "Connect AI coding assistants to smctl's MCP server.");
        mcp.Add(ClientConfigCommand.Create(host));
        return mcp.WithExamples("smctl mcp config --client claude --write");
    }
}
