using System.CommandLine;
using Smctl.Cli.Commands.Shared;
using Smctl.Core.Errors;
using Smctl.Mcp.Hosting;
using Smctl.Mcp.Tools;

namespace Smctl.Cli.Commands.Mcp;

/// <summary>smctl serve --mcp: the same operations as the CLI, as an MCP server for AI coding assistants.</summary>
public static class ServeCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var mcp = new Option<bool>("--mcp") { Description = "Serve the Model Context Protocol (the only protocol smctl serves; say it explicitly)" };
        var stdio = new Option<bool>("--stdio") { Description = "JSON-RPC on stdin/stdout, for clients that start smctl (default)" };
        var http = new Option<bool>("--http") { Description = "Streamable HTTP at http://HOST:PORT/mcp" };
        var sse = new Option<bool>("--sse") { Description = "Streamable HTTP plus the legacy HTTP+SSE transport (GET /mcp/sse, POST /mcp/message) for older clients" };
        var port = new Option<int>("--port") { Description = "HTTP port (0: any free one)", DefaultValueFactory = _ => 3100, HelpName = "N" };
        var hostOption = new Option<string>("--host") { Description = "Address to bind; anything but loopback needs --token", DefaultValueFactory = _ => "127.0.0.1", HelpName = "ADDR" };
        var token = new Option<string?>("--token") { Description = "Bearer token HTTP clients must send (else SMCTL_MCP_TOKEN)", HelpName = "SECRET" };
        var allowUserConfig = new Option<bool>("--allow-user-config")
        {
            Description = "Let tools write the user config and clients' user-wide settings too (by default tools write only inside the workspace)",
        };
        var toolsets = new Option<string?>("--toolsets")
        {
            Description = "The toolsets each session lists at its start, separated by commas, or 'all' (default: workspace,feature,runs; the others: "
                + string.Join(",", Toolsets.All.Select(t => t.Name).Except(Toolsets.Default)) + "); a model adds more with smctl_toolset_enable",
            HelpName = "LIST",
        };
        var command = new SmctlCommand("serve", "Serve every smctl operation as an MCP tool, the workspace as resources with subscriptions, over stdio, Streamable HTTP or SSE.")
        {
            mcp, stdio, http, sse, port, hostOption, token, allowUserConfig, toolsets,
        };
        command.SetAction(async (p, ct) =>
        {
            var ui = CommandRuntime.UiFor(p, host);
            return await CommandRuntime.GuardAsync(ui, async () =>
            {
                if (!p.GetValue(mcp)) throw SmctlException.Usage("serve needs --mcp", "smctl serve --mcp --stdio (or --http / --sse)");
                var transports = new[] { p.GetValue(stdio), p.GetValue(http), p.GetValue(sse) }.Count(t => t);
                if (transports > 1) throw SmctlException.Usage("choose one of --stdio, --http and --sse");
                var level = StderrLogging.LevelFrom(host.GetEnvironment("SMCTL_LOG"));
                using var loggers = StderrLogging.Create(level);
                var settings = new ServeSettings
                {
                    CurrentDirectory = host.CurrentDirectory,
                    WorkspacePath = p.GetValue(GlobalOptions.Workspace) ?? NonEmpty(host.GetEnvironment("SMCTL_WORKSPACE")),
                    UserConfigPath = p.GetValue(GlobalOptions.Config),
                    GetEnvironment = host.GetEnvironment,
                    LoggerFactory = loggers,
                    AllowUserConfig = p.GetValue(allowUserConfig),
                    Toolsets = Toolsets.Parse(p.GetValue(toolsets)),
                };
                if (p.GetValue(http) || p.GetValue(sse))
                {
                    var listen = new HttpListen(p.GetValue(hostOption)!, p.GetValue(port), p.GetValue(sse),
                        p.GetValue(token) ?? NonEmpty(host.GetEnvironment("SMCTL_MCP_TOKEN")));
                    return await HttpServe.RunAsync(settings, listen, level, host, ct).ConfigureAwait(false);
                }
                else
                {
                    await StdioHost.RunAsync(settings, ct).ConfigureAwait(false);
                }
                return 0;
            }).ConfigureAwait(false);
        });
        return command.WithExamples(
            "smctl serve --mcp --stdio",
            "smctl serve --mcp --http --port 3100",
            "smctl serve --mcp --stdio --toolsets default,spec,build",
            "smctl serve --mcp --http --host 0.0.0.0 --token \"$SECRET\"",
            "SMCTL_LOG=debug smctl serve --mcp --sse");
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
