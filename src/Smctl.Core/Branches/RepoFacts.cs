using Smctl.Core.Git;
using Smctl.Core.Plans;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Branches;

/// <summary>What validation knows of one repo: its status, its refs (after an optional fetch) and whether it has a remote.</summary>
public sealed class RepoFacts
{
    public required RepoEntry Repo { get; init; }
    /// <summary>The work tree as validation needs it: tracked changes, HEAD, operation (untracked files not counted).</summary>
    public required RepoStatus Status { get; init; }
    public RefSnapshot Refs { get; init; } = new([], null, null);
    public bool HasRemote { get; init; }
    public string? FetchError { get; init; }
    public StepContext Git { get; init; } = null!;
    /// <summary>This repo's branch model: its own production and integration branches and tag prefix (see RepoFlow).</summary>
    public required FlowModel Flow { get; init; }

    public string? Local(string branch) => Refs[GitRefs.Branch(branch)];
    public string? Remote(string branch) => Refs[GitRefs.RemoteBranch(GitRefs.DefaultRemote, branch)];
    public string? Tag(string tag) => Refs[GitRefs.Tag(tag)];
    public bool HasBranch(string branch) => Local(branch) is not null || Remote(branch) is not null;

    /// <summary>Reads every selected repo in parallel, fetching first unless told not to (the handles are the context's: see SmctlContext.CloseHandles).</summary>
    public static async Task<RepoFacts[]> GatherAsync(SmctlContext context, IReadOnlyList<RepoEntry> repos, bool fetch, Problems problems, CancellationToken ct) =>
        await GatherAsync(context, FlowModel.From(context.Settings), repos, fetch, problems, ct).ConfigureAwait(false);

    private static async Task<RepoFacts[]> GatherAsync(SmctlContext context, FlowModel workspace, IReadOnlyList<RepoEntry> repos, bool fetch, Problems problems, CancellationToken ct) =>
        await RepoParallel.MapAsync(repos, fetch ? context.NetworkJobs : context.Jobs, async (repo, token) =>
        {
            var git = context.Own(RunExecutor.ContextFor(context, repo));
            var isRepo = Directory.Exists(repo.FullPath) && RepoReader.IsRepository(repo.FullPath);
            // Status, refs and the plan's later questions share one libgit2 handle (see StepContext.Read).
            var hasRemote = isRepo && TryRead(git, handle => RepoReader.HasRemote(handle, git.Remote), _ => false);
            // The fetch runs while the work tree is read in-process: only its refs are read after it (the snapshot below).
            Task<ProcessResult>? fetching = null;
            // A dry run changes nothing, remote-tracking refs included: it plans from what was fetched last.
            if (fetch && hasRemote && !context.DryRun)
            {
                context.Progress(new ProgressEvent(repo.Name, "fetching"));
                // No auto-maintenance: git would start 'git maintenance run --auto' after every fetch, a process per repo per command.
                fetching = git.TryAsync(token, "fetch", "--prune", "--quiet", "--no-auto-maintenance", git.Remote);
            }
            var status = isRepo
                ? TryRead(git, handle => RepoReader.TrackedStatus(handle, repo.Name, repo.FullPath), e => new RepoStatus { Name = repo.Name, Path = repo.FullPath, Error = e.Message })
                : RepoReader.Status(repo.Name, repo.FullPath);
            if (status.Missing || status.Error is not null)
            {
                if (fetching is not null) await fetching.ConfigureAwait(false);
                problems.Add(repo.Name, status.Missing ? "not on disk (run 'smctl workspace init')" : status.Error!);
                return new RepoFacts { Repo = repo, Status = status, Flow = workspace };
            }
            string? fetchError = null;
            if (fetching is not null && await fetching.ConfigureAwait(false) is { Ok: false } result)
            {
                fetchError = GitRunner.ErrorLine(result.Stderr) ?? $"exit code {result.ExitCode}";
                problems.Add(repo.Name, $"cannot reach {git.Remote}: {fetchError} (use {context.Flag("noFetch")} to work locally)");
            }
            var refs = await RefSnapshot.TakeAsync(git, token).ConfigureAwait(false);
            context.FreshSnapshots[repo.FullPath] = refs;
            var flow = git.Read(handle => RepoFlow.Resolve(workspace, repo, refs, key => handle.Config.Get<string>(key)?.Value));
            return new RepoFacts { Repo = repo, Status = status, Refs = refs, HasRemote = hasRemote, FetchError = fetchError, Git = git, Flow = flow };
        }, ct).ConfigureAwait(false);

    /// <summary>A read whose failure (a repo libgit2 cannot open) becomes a value: the status then says what is wrong.</summary>
    private static T TryRead<T>(StepContext git, Func<LibGit2Sharp.Repository, T> read, Func<LibGit2Sharp.LibGit2SharpException, T> failed)
    {
        try
        {
            return git.Read(read);
        }
        catch (LibGit2Sharp.LibGit2SharpException e)
        {
            return failed(e);
        }
    }

    /// <summary>The common refusals: a merge or rebase in progress, a detached HEAD, uncommitted changes.</summary>
    public bool CheckWorkTree(Problems problems, bool needClean)
    {
        if (Status.Missing || Status.Error is not null) return false;
        if (Status.Operation is not null) { problems.Add(Repo.Name, $"a {Status.Operation} is in progress: finish or abort it first"); return false; }
        if (Status.Detached) { problems.Add(Repo.Name, "HEAD is detached: check out a branch first"); return false; }
        if (Core.Git.StaleLocks.BlockingWorkTree(Repo.FullPath) is { } locked) { problems.Add(Repo.Name, locked); return false; }
        if (needClean && Status.HasTrackedChanges)
        {
            problems.Add(Repo.Name, $"has uncommitted changes ({Status.Staged} staged, {Status.Modified} modified): commit or stash them");
            return false;
        }
        return true;
    }

    /// <summary>
    /// The tip a branch will have when the plan merges into it: a local branch strictly behind its remote is first
    /// fast-forwarded (a step added to <paramref name="steps"/>); one that diverged is a problem.
    /// </summary>
    public string? TargetTip(string branch, Problems problems, List<Plans.Steps.Step> steps)
    {
        var (local, remote) = (Local(branch), Remote(branch));
        var tip = UpToDateTip(branch, problems, takeRemoteWhenBehind: true);
        if (local is not null && tip == remote && remote != local) steps.Add(new Plans.Steps.BranchFastForward(branch, remote!));
        return tip;
    }

    /// <summary>
    /// A branch's tip to work from: the local one, or the remote one when only that exists. A local branch behind its
    /// remote is a problem, unless <paramref name="takeRemoteWhenBehind"/> (starting a branch: start from the newer remote tip).
    /// </summary>
    public string? UpToDateTip(string branch, Problems problems, bool takeRemoteWhenBehind = false)
    {
        var (local, remote) = (Local(branch), Remote(branch));
        if (local is null) return remote;
        if (remote is null || remote == local) return local;
        var ahead = Behind(remote, local);
        var behind = Behind(local, remote);
        if (behind && !ahead && takeRemoteWhenBehind) return remote;
        if (behind && !ahead) problems.Add(Repo.Name, $"{branch} is behind origin/{branch}: pull it first (smctl workspace sync)");
        else if (behind) problems.Add(Repo.Name, $"{branch} has diverged from origin/{branch}: reconcile them first");
        return local;

        bool Behind(string a, string b) => !Git.Read(handle => RepoReader.IsAncestorRev(handle, b, a));
    }
}
