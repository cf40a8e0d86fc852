using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using Smctl.Mcp.Hosting;
using Smctl.Mcp.Http;
using Smctl.Mcp.Tools;
using Xunit;

namespace Smctl.Tests.Testing;

/// <summary>smctl's MCP server for tests: over HTTP in this process, or over stdio as a child process, with the SDK's own client.</summary>
public sealed class McpHttpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;

    public Uri Url { get; }

    private McpHttpServer(Uri url, Task running, CancellationTokenSource stop)
    {
        Url = url;
        _running = running;
        _stop = stop;
    }

    /// <param name="toolsets">What each session lists at its start; every tool unless a test is about toolsets.</param>
    /// <param name="environment">Variables the server reads instead of the process's (SMCTL_MCP_CONFORMANCE).</param>
    public static async Task<McpHttpServer> StartAsync(string cwd, HttpListenOptions? listen = null, string? userConfigHome = null, bool allowUserConfig = false,
        string toolsets = "all", IReadOnlyDictionary<string, string>? environment = null)
    {
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = new CancellationTokenSource();
        var settings = Settings(cwd, userConfigHome, allowUserConfig, toolsets, environment);
        var running = Task.Run(() => HttpHost.RunAsync(settings, listen ?? new HttpListenOptions("127.0.0.1", 0, Sse: true, Token: null),
            LogLevel.Warning, url => started.TrySetResult(url), stop.Token));
        if (await Task.WhenAny(started.Task, running) == running) await running; // surfaces the start-up error
        return new McpHttpServer(await started.Task, running, stop);
    }

    public static ServeSettings Settings(string cwd, string? userConfigHome = null, bool allowUserConfig = false, string toolsets = "all",
        IReadOnlyDictionary<string, string>? environment = null) => new()
        {
            CurrentDirectory = cwd,
            AllowUserConfig = allowUserConfig,
            Toolsets = Toolsets.Parse(toolsets),
            GetEnvironment = name => name == "XDG_CONFIG_HOME" && userConfigHome is not null ? userConfigHome
                : environment?.GetValueOrDefault(name) ?? Environment.GetEnvironmentVariable(name),
            LoggerFactory = StderrLogging.Create(LogLevel.Warning),
        };

    public Task<McpClient> ConnectAsync(string? protocolVersion = null, HttpTransportMode mode = HttpTransportMode.StreamableHttp) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = mode == HttpTransportMode.Sse ? new Uri(Url + "/sse") : Url, TransportMode = mode }),
            new McpClientOptions { ProtocolVersion = protocolVersion }, cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}

public static class McpStdio
{
    /// <summary>smctl serve --mcp --stdio as a child process (the built smctl.dll), connected with the SDK's stdio client.</summary>
    /// <param name="stderr">Receives each line the server writes to stderr (its log).</param>
    public static Task<McpClient> ConnectAsync(string cwd, IReadOnlyDictionary<string, string?>? env = null, string? protocolVersion = null, Action<string>? stderr = null) =>
        McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [typeof(Smctl.Cli.SmctlApp).Assembly.Location, "serve", "--mcp", "--stdio", "--toolsets", "all"],
            WorkingDirectory = cwd,
            EnvironmentVariables = env is null ? null : new Dictionary<string, string?>(env),
            StandardErrorLines = stderr,
        }), new McpClientOptions { ProtocolVersion = protocolVersion }, cancellationToken: TestContext.Current.CancellationToken);
}
