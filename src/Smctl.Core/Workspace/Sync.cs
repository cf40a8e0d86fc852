using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Workspace;

public sealed record WorkspaceSyncInput
{
    [Description("Only these repos")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
    [Description("Rebase a clean diverged branch onto its upstream instead of only reporting it")]
    public bool Rebase { get; init; }
}

/// <param name="Action">fast-forwarded, rebased, up-to-date, ahead, diverged, dirty, detached, no-upstream, upstream-gone, no-remote, missing, failed (or would-… in a dry run).</param>
public sealed record SyncRepoResult(string Name, string Path, string Action, string? Branch = null, string? Before = null, string? After = null,
    int? Ahead = null, int? Behind = null, string? Error = null);

public sealed record WorkspaceSyncResult(IReadOnlyList<SyncRepoResult> Repos) : IOutcome
{
    public int Failed => Repos.Count(r => r.Action is "failed" or "missing");
    [System.Text.Json.Serialization.JsonIgnore]
    public Errors.ErrorKind? FailureKind => Failed > 0 ? Errors.ErrorKind.Git : null;
}

/// <summary>Fetches every repo in parallel and fast-forwards clean current branches; diverged or dirty repos are reported, not touched.</summary>
public sealed class WorkspaceSync : IOperation<WorkspaceSyncInput, WorkspaceSyncResult>
{
    public OperationInfo Info { get; } = new("workspace.sync",
        "Fetch every repo and fast-forward each clean current branch; report diverged or dirty ones untouched (or rebase clean diverged ones).",
        OperationEffect.Mutating, OpenWorld: true, Idempotent: true);

    public JsonTypeInfo<WorkspaceSyncInput> InputJson => SmctlJson.Default.WorkspaceSyncInput;
    public JsonTypeInfo<WorkspaceSyncResult> ResultJson => SmctlJson.Default.WorkspaceSyncResult;

    public async Task<WorkspaceSyncResult> RunAsync(SmctlContext context, WorkspaceSyncInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var repos = ws.Select(input.Repos);
        var results = await RepoParallel.MapAsync(repos, context.NetworkJobs, (repo, token) => SyncOneAsync(context, repo, input.Rebase, token), ct).ConfigureAwait(false);
        return new WorkspaceSyncResult(results);
    }

    private static async Task<SyncRepoResult> SyncOneAsync(SmctlContext context, RepoEntry repo, bool rebase, CancellationToken ct)
    {
        var git = context.Git;
        var before = RepoReader.Status(repo.Name, repo.FullPath);
        if (before.Missing) return Done(new SyncRepoResult(repo.Name, repo.Path, "missing", Error: "not on disk (run 'smctl workspace init' to clone it)"));
        if (before.Error is not null) return Done(new SyncRepoResult(repo.Name, repo.Path, "failed", Error: before.Error));
        var remotes = await git.RunAsync(repo.FullPath, ["remote"], ct).ConfigureAwait(false);
        if (remotes.Stdout.Trim().Length == 0) return Done(new SyncRepoResult(repo.Name, repo.Path, "no-remote", before.Branch));

        context.Progress(new ProgressEvent(repo.Name, "fetching"));
        if (!context.DryRun)
        {
            var fetch = await git.RunAsync(repo.FullPath, ["fetch", "--prune", "--quiet", "--no-auto-maintenance"], ct).ConfigureAwait(false);
            if (!fetch.Ok)
                return Done(new SyncRepoResult(repo.Name, repo.Path, "failed", before.Branch,
                    Error: "fetch failed: " + (GitRunner.ErrorLine(fetch.Stderr) ?? $"exit code {fetch.ExitCode}")));
        }
        var s = RepoReader.Status(repo.Name, repo.FullPath);
        SyncRepoResult R(string action, string? error = null, string? after = null) =>
            new(repo.Name, repo.Path, action, s.Branch, s.Head, after ?? s.Head, s.Ahead, s.Behind, error);

        if (s.Detached) return Done(R("detached"));
        if (s.Upstream is null) return Done(R("no-upstream"));
        if (s.UpstreamGone) return Done(R("upstream-gone"));
        if (s.Behind == 0) return Done(R(s.Ahead > 0 ? "ahead" : "up-to-date"));
        if (s.HasTrackedChanges || s.Operation is not null) return Done(R("dirty"));
        var diverged = s.Ahead > 0;
        if (diverged && !rebase) return Done(R("diverged"));
        if (context.DryRun) return Done(R(diverged ? "would-rebase" : "would-fast-forward"));

        var args = diverged ? new[] { "rebase", "--quiet", "@{upstream}" } : new[] { "merge", "--ff-only", "--quiet", "@{upstream}" };
        // A rebase makes commits: where the repo has no identity, the user config's.
        var run = await (diverged ? context.GitFor(repo.FullPath) : git).RunAsync(repo.FullPath, args, ct).ConfigureAwait(false);
        if (!run.Ok)
        {
            if (diverged) await git.RunAsync(repo.FullPath, ["rebase", "--abort"], ct).ConfigureAwait(false);
            return Done(R("failed", $"{args[0]} failed: {GitRunner.ErrorLine(run.Stderr) ?? GitRunner.FirstMeaningfulLine(run.Stdout)}"
                + (diverged ? " (the rebase was aborted; the branch is as it was)" : "")));
        }
        var after = RepoReader.Status(repo.Name, repo.FullPath);
        return Done(new SyncRepoResult(repo.Name, repo.Path, diverged ? "rebased" : "fast-forwarded", s.Branch, s.Head, after.Head, after.Ahead, after.Behind));

        SyncRepoResult Done(SyncRepoResult r)
        {
            context.Progress(new ProgressEvent(repo.Name, r.Action, Finished: true, Failed: r.Action is "failed" or "missing", Detail: r.Error));
            return r;
        }
    }
}
