using Microsoft.Extensions.Logging;

namespace Smctl.Mcp.Hosting;

/// <summary>
/// Logs go to stderr (stdout is the protocol on stdio), one line each, at the level SMCTL_LOG names.
/// A few lines of our own instead of Microsoft.Extensions.Logging.Console: that package and the options and
/// configuration machinery it brings add megabytes to the NativeAOT binary, and start-up time to every command.
/// </summary>
public static class StderrLogging
{
    public static LogLevel LevelFrom(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
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
        logging.AddProvider(new StderrProvider());
    }

    public static ILoggerFactory Create(LogLevel level) => LoggerFactory.Create(b => Configure(b, level));

    private sealed class StderrProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new StderrLogger(categoryName);
        public void Dispose() { }
    }

    private sealed class StderrLogger(string category) : ILogger
    {
        private static readonly Lock Gate = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{DateTime.Now:HH:mm:ss.fff} {Short(logLevel)}: {category}: {formatter(state, exception)}"
                + (exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message);
            lock (Gate) Console.Error.WriteLine(line.ReplaceLineEndings(" "));
        }

        private static string Short(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
