using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ModelGate.Telemetry;

/// <summary>A log line of the gateway: when, how serious, which model it is about (if any), and what.</summary>
public sealed record LogLine(DateTimeOffset Time, string Level, string? Model, string Message);

/// <summary>
/// The gateway's recent log lines (a ring of the last few thousand) and live subscribers for streaming them: what
/// ModelGate's logs extension serves. Fed by the logging pipeline, so every ILogger line lands here too.
/// </summary>
public sealed class GatewayLog
{
    private const int Capacity = 5000;
    private readonly Lock _lock = new();
    private readonly LinkedList<LogLine> _lines = new();
    private readonly List<Channel<LogLine>> _subscribers = [];

    public void Add(LogLine line)
    {
        lock (_lock)
        {
            _lines.AddLast(line);
            if (_lines.Count > Capacity) _lines.RemoveFirst();
            foreach (var s in _subscribers) s.Writer.TryWrite(line);
        }
    }

    public void Add(string level, string? model, string message) => Add(new LogLine(DateTimeOffset.UtcNow, level, model, message));

    public IReadOnlyList<LogLine> Recent(int count, string? model)
    {
        lock (_lock) return [.. _lines.Where(l => model is null || l.Model == model).TakeLast(count)];
    }

    /// <summary>Every line from the moment of this call on (so nothing logged while a client connects is missed).</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_lock) _subscribers.Add(channel);
        return new Subscription(this, channel);
    }

    public sealed class Subscription(GatewayLog log, Channel<LogLine> channel) : IDisposable
    {
        public async IAsyncEnumerable<LogLine> Lines([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            while (await channel.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
                while (channel.Reader.TryRead(out var line)) yield return line;
        }

        public void Dispose()
        {
            lock (log._lock) log._subscribers.Remove(channel);
        }
    }
}

/// <summary>Sends the host's log lines (ASP.NET Core's, the gateway's) into the <see cref="GatewayLog"/>; a scope or state "model" names the model.</summary>
public sealed class GatewayLogProvider(GatewayLog log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(log);

    public void Dispose() { }

    private sealed class Logger(GatewayLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            string? model = null;
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
                foreach (var (key, value) in values)
                    if (key == "Model") model = value?.ToString();
            var message = formatter(state, exception) + (exception is null ? "" : $": {exception.Message}");
            log.Add(logLevel.ToString().ToLowerInvariant(), model, message);
        }
    }
}
