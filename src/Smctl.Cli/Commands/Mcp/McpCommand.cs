using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Mcp;

namespace Smctl.Cli.Commands.Mcp;

/// <summary>smctl mcp: helpers for connecting assistants to 'smctl serve --mcp'.</summary>
public static class McpCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var mcp = new SmctlCommand("mcp", "Connect AI coding assistants to smctl's MCP server.");
        mcp.Add(OperationCommand.Create(host, OperationCatalog.McpConfig, "config", Render)
            .WithExamples("smctl mcp config --client claude", "smctl mcp config --client cursor --write", "smctl mcp config --client vscode --write --dry-run"));
        return mcp.WithExamples("smctl mcp config --client claude --write");
    }

    private static void Render(McpConfigResult result, Ui ui)
    {
        if (!result.Written) ui.Info($"for {result.Path}:");
        ui.Out.Write(result.Content);
        if (result.Written) ui.Info($"wrote {result.Path}");
    }
}
