namespace Smctl.Cli;

/// <summary>What the CLI reads from and writes to the world: folder, environment, streams. Tests give their own.</summary>
public sealed class CliHost
{
    public required string CurrentDirectory { get; init; }
    public required Func<string, string?> GetEnvironment { get; init; }
    public required TextWriter Out { get; init; }
    public required TextWriter Err { get; init; }
    /// <summary>Whether stdout/stderr are terminals; null means ask the console.</summary>
    public bool? Terminal { get; init; }

    public static CliHost FromConsole() => new()
    {
        CurrentDirectory = Environment.CurrentDirectory,
        GetEnvironment = Environment.GetEnvironmentVariable,
        Out = Console.Out,
        Err = Console.Error,
    };
}
