using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Smctl.Mcp.Hosting;

/// <summary>Logs go to stderr (stdout is the protocol on stdio), one line each, at the level SMCTL_LOG names.</summary>
public static class StderrLogging
{
    public static LogLevel LevelFrom(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "off" or "none" => LogLevel.None,
        _ => LogLevel.Information,
    };

    public static void Configure(ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(level);
        // The SDK and ASP.NET Core are chatty at Information; smctl's own audit lines are what matter there.
        if (level > LogLevel.Debug)
        {
            logging.AddFilter("Microsoft", LogLevel.Warning);
            // A handler's refusal (unknown resource, no workspace) is an answer to the client, not a server fault.
            logging.AddFilter("ModelContextProtocol", LogLevel.Critical);
        }
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    public static ILoggerFactory Create(LogLevel level) => LoggerFactory.Create(b => Configure(b, level));
}
