using Smctl.Core.Errors;
using Smctl.Mcp.Hosting;
using Smctl.Mcp.Http;

// Started by the NativeAOT smctl for 'serve --mcp --http|--sse' with the options it parsed:
//   smctl-mcp-http --host ADDR --port N [--sse] [--workspace PATH] [--config PATH] [--allow-user-config] [--toolsets LIST]
// The token comes in SMCTL_MCP_TOKEN (never on the command line, where other users could read it).
var options = new Dictionary<string, string>();
var sse = false;
var allowUserConfig = false;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--sse") sse = true;
    else if (args[i] == "--allow-user-config") allowUserConfig = true;
    else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) options[args[i][2..]] = args[++i];
    else
    {
        Console.Error.WriteLine($"smctl-mcp-http: unexpected argument '{args[i]}' (this helper is started by 'smctl serve --mcp --http')");
        return 2;
    }
}
using var cancel = new CancellationTokenSource();
// Ctrl-C, and the SIGTERM smctl forwards when it is stopped: finish the calls in flight, stop, exit 0.
void Stop(System.Runtime.InteropServices.PosixSignalContext signal)
{
    signal.Cancel = true;
    cancel.Cancel();
}
using var onInterrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
using var onTerminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
var level = StderrLogging.LevelFrom(Environment.GetEnvironmentVariable("SMCTL_LOG"));
using var loggers = StderrLogging.Create(level);
try
{
    // Inside the try: an unknown toolset is one sentence and exit 2, as any other start-up error.
    var settings = new ServeSettings
    {
        CurrentDirectory = Environment.CurrentDirectory,
        WorkspacePath = options.GetValueOrDefault("workspace"),
        UserConfigPath = options.GetValueOrDefault("config"),
        LoggerFactory = loggers,
        AllowUserConfig = allowUserConfig,
        Toolsets = Smctl.Mcp.Tools.Toolsets.Parse(options.GetValueOrDefault("toolsets")),
    };
    var listen = new HttpListenOptions(options.GetValueOrDefault("host", "127.0.0.1"), int.Parse(options.GetValueOrDefault("port", "3100"), System.Globalization.CultureInfo.InvariantCulture),
        sse, Environment.GetEnvironmentVariable("SMCTL_MCP_TOKEN") is { Length: > 0 } token ? token : null);
    await HttpHost.RunAsync(settings, listen, level, url => Console.Error.WriteLine(HttpHost.ListeningLine(url, sse)), cancel.Token);
    return 0;
}
catch (SmctlException e)
{
    Console.Error.WriteLine("error: " + e.Message + (e.Suggestion is null ? "" : "\nhint: " + e.Suggestion));
    return e.Kind.ExitCode();
}
