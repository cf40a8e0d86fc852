using System.Diagnostics;
using Xunit;

namespace Smctl.Tests.Testing;

/// <summary>The real peers from npm that test.sh installs into tests/peers (openspec, git-cliff, the MCP clients), and running them.</summary>
public static class Peers
{
    public static readonly string Folder = Path.Combine(TestEnvironment.RepoRoot(), "tests", "peers");

    /// <summary>An installed program of node_modules/.bin, or a clear failure saying how to install it.</summary>
    public static string Bin(string name)
    {
        var path = Path.Combine(Folder, "node_modules", ".bin", name);
        Assert.True(File.Exists(path), $"{name} is missing: run ./test.sh, which installs the npm peers (npm install --prefix tests/peers)");
        return path;
    }

    /// <summary>Runs a program to its end: exit code, and stdout followed by stderr.</summary>
    public static (int Code, string Stdout, string Stderr) Run(string program, string cwd, IEnumerable<string> args, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(program) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within {limit}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The openspec CLI (npm @fission-ai/openspec 1.13.2) in <paramref name="cwd"/>: exit code, stdout then stderr.</summary>
    public static (int Code, string Output) Openspec(string cwd, params string[] args)
    {
        var (code, stdout, stderr) = Run(Bin("openspec"), cwd, args, env: new Dictionary<string, string> { ["OPENSPEC_TELEMETRY"] = "0" });
        return (code, stdout + stderr);
    }
}
