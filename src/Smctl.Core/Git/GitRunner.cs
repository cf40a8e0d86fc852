using System.Diagnostics;
using System.Text;
using Smctl.Core.Errors;

namespace Smctl.Core.Git;

/// <summary>The result of one git (or other) process: exit code and captured output.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;
}

/// <summary>
/// The one door for everything that changes a repo or talks to a remote: runs the <c>git</c>
/// executable with an argument array (never a shell), in the C locale, never prompting.
/// </summary>
public sealed class GitRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Extra environment for every git call (tests and the demo pin identities and dates here).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Told every git command line before it runs (shown with -vv).</summary>
    public Action<string>? Trace { get; init; }

    /// <summary>-c settings put before every command (a commit identity where the repo has none: see SmctlContext.GitFor).</summary>
    public IReadOnlyList<string> ConfigArgs { get; init; } = [];

    /// <summary>This runner with more -c settings before every command and more environment.</summary>
    public GitRunner With(IReadOnlyList<string>? configArgs = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string>(Environment);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) env[key] = value;
        return new() { Environment = env, Timeout = Timeout, Trace = Trace, ConfigArgs = [.. ConfigArgs, .. configArgs ?? []] };
    }

    /// <summary>Runs <c>git -C dir args…</c>; a non-zero exit is returned, not thrown.</summary>
    public Task<ProcessResult> RunAsync(string? dir, IReadOnlyList<string> args, CancellationToken ct = default, Action<string>? onStderrLine = null)
    {
        var all = new List<string>(args.Count + ConfigArgs.Count + 2);
        if (dir is not null) { all.Add("-C"); all.Add(dir); }
        all.AddRange(ConfigArgs);
        all.AddRange(args);
        Trace?.Invoke("git " + string.Join(' ', all.Select(a => a.Contains(' ') ? $"'{a}'" : a)));
        return ProcessRunner.RunAsync("git", all, workingDir: null, Environment, Timeout, ct, onStderrLine: onStderrLine);
    }

    /// <summary>Runs git and throws a git error naming the repo when it fails.</summary>
    public async Task<string> RunCheckedAsync(string? dir, IReadOnlyList<string> args, string? repo = null, CancellationToken ct = default)
    {
        var result = await RunAsync(dir, args, ct).ConfigureAwait(false);
        if (!result.Ok)
        {
            var detail = FirstMeaningfulLine(result.Stderr) ?? FirstMeaningfulLine(result.Stdout) ?? $"exit code {result.ExitCode}";
            throw SmctlException.Git($"git {args[0]} failed{(repo is null ? "" : $" in {repo}")}: {detail}", repo);
        }
        return result.Stdout;
    }

    internal static string? FirstMeaningfulLine(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0 && !line.StartsWith("hint:", StringComparison.Ordinal)) return line;
        }
        return null;
    }
}

/// <summary>Starts a process from an argument array, captures output, enforces a timeout and kills the whole tree on cancel.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> args,
        string? workingDir,
        IReadOnlyDictionary<string, string>? environment,
        TimeSpan timeout,
        CancellationToken ct,
        Action<string>? onStdoutLine = null,
        Action<string>? onStderrLine = null)
    {
        if (!(fileName == "git" && Operations.DryRun.ReadsOnly(args))) Operations.DryRun.Refuse($"{fileName} {string.Join(' ', args.Take(4))}");
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDir ?? "",
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C";
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["GIT_ASKPASS"] = "";
        psi.Environment["SSH_ASKPASS"] = "";
        psi.Environment["GCM_INTERACTIVE"] = "never";
        if (environment is not null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;

        using var process = new Process { StartInfo = psi };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var stdoutDone = new TaskCompletionSource();
        var stderrDone = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { stdoutDone.TrySetResult(); return; }
            lock (stdout) stdout.Append(e.Data).Append('\n');
            onStdoutLine?.Invoke(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) { stderrDone.TrySetResult(); return; }
            lock (stderr) stderr.Append(e.Data).Append('\n');
            onStderrLine?.Invoke(e.Data);
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SmctlException(ErrorKind.General, $"could not start '{fileName}': {e.Message}",
                suggestion: fileName == "git" ? "install git 2.38 or newer and make sure it is on PATH" : null);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
            await Task.WhenAll(stdoutDone.Task, stderrDone.Task).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            if (ct.IsCancellationRequested) throw;
            throw new SmctlException(ErrorKind.General, $"'{fileName} {string.Join(' ', args)}' did not finish within {timeout.TotalSeconds:0} s and was stopped");
        }
        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
