using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Exec;

public sealed record ExecInput : ICheckedInput
{
    [Description("One item runs through /bin/sh -c; several run as a program and arguments")]
    [Argument(0)]
    public required IReadOnlyList<string> Command { get; init; }
    [Description("Only these repos")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
    [Description("Seconds before a repo's command is stopped (default: 600)")]
    [Option("--timeout", HelpName = "SECONDS")]
    public int? TimeoutSeconds { get; init; }

    public void Check(Func<string, string> label) => InputRules.Positive(TimeoutSeconds, label("timeoutSeconds"));
}

/// <param name="ExitCode">Null when the command did not run: it failed to start (<paramref name="Error"/>), or this was a dry run.</param>
public sealed record ExecRepoResult(string Name, string Path, int? ExitCode, string Stdout, string Stderr, long DurationMs, string? Error = null)
{
    /// <summary>Nothing failed: the command exited 0, or it was not run and nothing stopped it (a dry run).</summary>
    public bool Ok => ExitCode == 0 || (ExitCode is null && Error is null);
}

/// <param name="DryRun">Nothing ran: each repo is where the command would run.</param>
public sealed record ExecResult(IReadOnlyList<string> Command, IReadOnlyList<ExecRepoResult> Repos, bool DryRun = false) : IOutcome
{
    public int Failed => Repos.Count(r => !r.Ok);
    [System.Text.Json.Serialization.JsonIgnore]
    public ErrorKind? FailureKind => Failed > 0 ? ErrorKind.General : null;
}

/// <summary>Runs one command in every selected repo in parallel and collects each repo's output and exit code.</summary>
public sealed class ExecRun : IOperation<ExecInput, ExecResult>
{
    // Destructive: the command is anyone's shell command, so nothing says what it leaves of a repo.
    public OperationInfo Info { get; } = new("exec", "Run a command in every selected repo in parallel; collect each repo's output and exit code.",
        OperationEffect.Destructive, OpenWorld: true);

    public JsonTypeInfo<ExecInput> InputJson => SmctlJson.Default.ExecInput;
    public JsonTypeInfo<ExecResult> ResultJson => SmctlJson.Default.ExecResult;

    public async Task<ExecResult> RunAsync(SmctlContext context, ExecInput input, CancellationToken ct)
    {
        if (input.Command.Count == 0 || input.Command[0].Length == 0)
            throw SmctlException.Usage("no command given.", "write the command after --, for example: smctl exec -- git log -1 --oneline");
        var ws = context.RequireWorkspace();
        var repos = ws.Select(input.Repos);
        var (file, args) = input.Command.Count == 1 ? ("/bin/sh", new[] { "-c", input.Command[0] }) : (input.Command[0], input.Command.Skip(1).ToArray());
        var timeout = input.TimeoutSeconds is > 0 ? TimeSpan.FromSeconds(input.TimeoutSeconds.Value) : GitRunner.DefaultTimeout;
        if (context.DryRun)
            return new ExecResult(input.Command, repos.Select(r => new ExecRepoResult(r.Name, r.Path, null, "", "", 0,
                Directory.Exists(r.FullPath) ? null : "not on disk")).ToList(), DryRun: true);

        var results = await RepoParallel.MapAsync(repos, context.Jobs, async (repo, token) =>
        {
            if (!Directory.Exists(repo.FullPath))
                return new ExecRepoResult(repo.Name, repo.Path, null, "", "", 0, "not on disk");
            context.Progress(new ProgressEvent(repo.Name, "running"));
            var env = new Dictionary<string, string> { ["SMCTL_REPO_NAME"] = repo.Name, ["SMCTL_REPO_PATH"] = repo.FullPath, ["SMCTL_WORKSPACE_ROOT"] = ws.RootDir };
            var clock = Stopwatch.StartNew();
            try
            {
                var run = await ProcessRunner.RunAsync(file, args, repo.FullPath, env, timeout, token,
                    onStdoutLine: context.OutputLine is { } o ? line => o(repo.Name, line, false) : null,
                    onStderrLine: context.OutputLine is { } e ? line => e(repo.Name, line, true) : null).ConfigureAwait(false);
                context.Progress(new ProgressEvent(repo.Name, $"exit {run.ExitCode}", Finished: true, Failed: !run.Ok));
                return new ExecRepoResult(repo.Name, repo.Path, run.ExitCode, run.Stdout, run.Stderr, clock.ElapsedMilliseconds);
            }
            catch (SmctlException e) when (!token.IsCancellationRequested)
            {
                context.Progress(new ProgressEvent(repo.Name, "failed", Finished: true, Failed: true, Detail: e.Message));
                return new ExecRepoResult(repo.Name, repo.Path, null, "", "", clock.ElapsedMilliseconds, e.Message);
            }
        }, ct).ConfigureAwait(false);
        return new ExecResult(input.Command, results);
    }
}
