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

    /// <summary>
    /// Starts smctl in a process group of its own (setsid) and, after <paramref name="after"/>, kills the whole group
    /// with SIGKILL — smctl and every git it runs, as a closed terminal or the OOM killer would; returns once it is gone.
    /// </summary>
    public static void KillGroupAfter(string cwd, IReadOnlyDictionary<string, string> env, TimeSpan after, params string[] args)
    {
        var psi = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd };
        psi.ArgumentList.Add("dotnet");
        psi.ArgumentList.Add(typeof(Smctl.Cli.SmctlApp).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(after))
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-KILL", "--", "-" + p.Id } })!;
            kill.WaitForExit();
            p.WaitForExit();
        }
        // Every git of the group is gone too before the caller looks (their pipes close when the last one dies).
        Task.WaitAll(stdout, stderr);
    }
}
