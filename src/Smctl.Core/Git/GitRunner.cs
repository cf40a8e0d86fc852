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
public sealed partial class GitRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Extra environment for every git call (tests and the demo pin identities and dates here).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>
    /// How long a command that talks to a remote may go without printing anything (git reports progress about once
    /// a second while data moves): a remote that accepted and never answers is stopped after this, not after the wall.
    /// </summary>
    public TimeSpan NetworkStall { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The transports smctl supports, for every git it runs: 'ext::' (runs a command) and 'fd::' (hangs) are refused
    /// even where the environment would allow them, so a crafted URL in a manifest cannot run anything.
    /// </summary>
    public const string AllowedProtocols = "file:git:http:https:ssh";

    /// <summary>Told every git command line before it runs (shown with -vv).</summary>
    public Action<string>? Trace { get; init; }

    /// <summary>-c settings put before every command (a commit identity where the repo has none: see SmctlContext.GitFor).</summary>
    public IReadOnlyList<string> ConfigArgs { get; init; } = [];

    /// <summary>This runner with more -c settings before every command and more environment.</summary>
    public GitRunner With(IReadOnlyList<string>? configArgs = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string>(Environment);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) env[key] = value;
        return new() { Environment = env, Timeout = Timeout, NetworkStall = NetworkStall, Trace = Trace, ConfigArgs = [.. ConfigArgs, .. configArgs ?? []] };
    }

    /// <summary>This runner with another <see cref="NetworkStall"/>.</summary>
    public GitRunner WithNetworkStall(TimeSpan stall) =>
        new() { Environment = Environment, Timeout = Timeout, NetworkStall = stall, Trace = Trace, ConfigArgs = ConfigArgs };

    /// <summary>Runs <c>git -C dir args…</c>; a non-zero exit is returned, not thrown.</summary>
    public Task<ProcessResult> RunAsync(string? dir, IReadOnlyList<string> args, CancellationToken ct = default, Action<string>? onStderrLine = null)
    {
        var all = new List<string>(args.Count + ConfigArgs.Count + 3);
        if (dir is not null) { all.Add("-C"); all.Add(dir); }
        all.AddRange(ConfigArgs);
        var network = args.Count > 0 && args[0] is "fetch" or "clone" or "push" or "pull" or "ls-remote";
        all.AddRange(args.Take(1));
        // Progress even without a terminal: it is what tells a slow transfer from a stalled one.
        if (network && args[0] != "ls-remote" && !args.Contains("--progress")) all.Add("--progress");
        all.AddRange(args.Skip(1));
        Trace?.Invoke("git " + string.Join(' ', all.Select(a => a.Contains(' ') ? $"'{a}'" : a)));
        var env = new Dictionary<string, string>(Environment) { ["GIT_ALLOW_PROTOCOL"] = AllowedProtocols };
        return ProcessRunner.RunAsync("git", all, workingDir: null, env, Timeout, ct, onStderrLine: onStderrLine, stall: network ? NetworkStall : null);
    }

    /// <summary>Runs git and throws a git error naming the repo when it fails.</summary>
    public async Task<string> RunCheckedAsync(string? dir, IReadOnlyList<string> args, string? repo = null, CancellationToken ct = default)
    {
        var result = await RunAsync(dir, args, ct).ConfigureAwait(false);
        if (!result.Ok)
        {
            var detail = ErrorLine(result.Stderr) ?? FirstMeaningfulLine(result.Stdout) ?? $"exit code {result.ExitCode}";
            throw SmctlException.Git($"git {args[0]} failed{(repo is null ? "" : $" in {repo}")}: {detail}", repo);
        }
        return result.Stdout;
    }

    /// <summary>
    /// The line of git's stderr that says what went wrong: its first 'fatal:' line, else the first line that is
    /// neither a hint nor progress ("Cloning into …", "Receiving objects: 40%"), such as a remote's refusal.
    /// </summary>
    public static string? ErrorLine(string stderr)
    {
        var raw = stderr.Split('\n', '\r').Where(l => l.Trim().Length > 0).ToList();
        var lines = raw.Select(l => l.Trim()).ToList();
        var line = lines.FirstOrDefault(l => l.StartsWith("fatal:", StringComparison.Ordinal))
            ?? FirstMeaningfulLine(string.Join('\n', lines.Where(l => !IsProgress(l))));
        if (line is null || !line.EndsWith(':')) return line;
        // "…would be overwritten by merge:" and the like name the files on the tab-indented lines that follow.
        var listed = raw.Skip(lines.IndexOf(line) + 1).TakeWhile(l => l.StartsWith('\t')).Select(l => l.Trim()).ToList();
        return listed.Count == 0 ? line : $"{line} {string.Join(", ", listed.Take(8))}{(listed.Count > 8 ? $" (+{listed.Count - 8} more)" : "")}";
    }

    private static bool IsProgress(string line) => ProgressLine().IsMatch(line);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(remote: )?(Cloning into .*|Total \d+.*|Delta compression using up to \d+ threads\.?|[A-Z][a-z]+( [a-z]+)*: +\d+(%.*|,? done\.?|/\d+.*)?)$")]
    private static partial System.Text.RegularExpressions.Regex ProgressLine();

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
        Action<string>? onStderrLine = null,
        TimeSpan? stall = null)
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
        using var stallCts = new CancellationTokenSource();
        // Every line of output starts the stall clock again; a process that stays silent that long is stopped.
        void Alive() { if (stall is { } s) { try { stallCts.CancelAfter(s); } catch (ObjectDisposedException) { } } }
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { stdoutDone.TrySetResult(); return; }
            Alive();
            lock (stdout) stdout.Append(e.Data).Append('\n');
            onStdoutLine?.Invoke(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) { stderrDone.TrySetResult(); return; }
            Alive();
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

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct, stallCts.Token);
        timeoutCts.CancelAfter(timeout);
        Alive();
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
            await Task.WhenAll(stdoutDone.Task, stderrDone.Task).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            if (ct.IsCancellationRequested) throw;
            // A failure of this command like any other, so the other repos' results still come back.
            var why = stallCts.IsCancellationRequested
                ? $"fatal: stopped by smctl: no progress for {stall!.Value.TotalSeconds:0} s (the remote accepted and did not answer, or is too slow; see core.network_timeout)"
                : $"fatal: stopped by smctl: not finished within {timeout.TotalSeconds:0} s";
            lock (stderr) return new ProcessResult(124, stdout.ToString(), stderr.ToString() + why + "\n");
        }
        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
