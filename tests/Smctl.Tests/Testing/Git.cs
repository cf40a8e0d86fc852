using System.Diagnostics;

namespace Smctl.Tests.Testing;

/// <summary>Runs the real git for test set-up and for checking what smctl did.</summary>
public static class Git
{
    public static string Run(string dir, params string[] args)
    {
        var (code, stdout, stderr) = TryRun(dir, args);
        if (code != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} in {dir} failed ({code}): {stderr}");
        return stdout;
    }

    public static (int Code, string Stdout, string Stderr) TryRun(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    public static void Commit(string dir, string file, string content, string message)
    {
        var full = Path.Combine(dir, file);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        Run(dir, "add", "--", file);
        Run(dir, "commit", "-q", "-m", message);
    }

    public static string Head(string dir, string rev = "HEAD") => Run(dir, "rev-parse", rev).Trim();
}
