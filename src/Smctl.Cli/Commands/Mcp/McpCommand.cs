using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Cli.Output;
using Smctl.Core.Mcp;
using Smctl.Core.Operations;

namespace Smctl.Cli.Commands.Mcp;

/// <summary>smctl mcp: helpers for connecting assistants to 'smctl serve --mcp'.</summary>
public static class McpCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var mcp = new SmctlCommand("mcp", "Connect AI coding assistants to smctl's MCP server.");
        var client = new Option<string>("--client")
        {
            Description = "The assistant's client: " + string.Join(", ", McpConfig.Clients),
            Required = true,
            HelpName = "CLIENT",
        };
        client.AcceptOnlyFromAmong([.. McpConfig.Clients]);
        var write = new Option<bool>("--write") { Description = "Write it into the client's configuration file (other servers in it are kept)" };
        mcp.Add(OperationCommand.Create(host, OperationCatalog.McpConfig, "config", [client, write],
            p => new McpConfigInput { Client = p.GetValue(client)!, Write = p.GetValue(write) }, Render)
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
