using ModelContextProtocol.Server;

namespace Smctl.Mcp.Hosting;

/// <summary>The stdio transport: JSON-RPC on stdin/stdout, for assistants that start smctl as a child process.</summary>
public static class StdioHost
{
    public static async Task RunAsync(ServeSettings settings, CancellationToken ct)
    {
        using var smctl = new SmctlMcpServer(settings);
        var options = new McpServerOptions();
        smctl.Configure(options);
        await using var transport = new StdioServerTransport(options, settings.LoggerFactory);
        await using var server = McpServer.Create(transport, options, settings.LoggerFactory);
        await server.RunAsync(ct).ConfigureAwait(false);
    }
}
