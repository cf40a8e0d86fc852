using System.Diagnostics;

namespace Smctl.Tests.Testing;

/// <summary>smctl as a separate process (the built smctl.dll), for tests that kill it.</summary>
public static class SmctlProcess
{
    public static (int Code, string Stdout, string Stderr) Run(string cwd, IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd };
        psi.ArgumentList.Add(typeof(Smctl.Cli.SmctlApp).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }
}
