using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Catalog;
using Smctl.Core.Mcp;

namespace Smctl.Cli.Commands.Mcp;

/// <summary>smctl mcp config --client NAME: the entry an assistant's MCP settings need, shown or written.</summary>
public static class ClientConfigCommand
{
    public static SmctlCommand Create(CliHost host) =>
        OperationCommand.Create(host, OperationCatalog.McpConfig, "config", Render)
            .WithExamples("smctl mcp config --client claude", "smctl mcp config --client cursor --write", "smctl mcp config --client vscode --write --dry-run");

    private static void Render(McpConfigResult result, Ui ui)
    {
        if (!result.Written) ui.Info($"for {result.Path}:");
        ui.Out.Write(result.Content);
        if (result.Written) ui.Info($"wrote {result.Path}");
    }
}
