using Smctl.Cli;

namespace Smctl.Tests.Testing;

/// <summary>One in-process run of the smctl command line, with its exit code and both streams.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> RunAsync(string cwd, string[] args, IReadOnlyDictionary<string, string?>? env = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var host = new CliHost
        {
            CurrentDirectory = cwd,
            GetEnvironment = name => env is not null && env.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name),
            Out = stdout,
            Err = stderr,
            Terminal = false,
        };
        var code = await SmctlApp.RunAsync(args, host);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
