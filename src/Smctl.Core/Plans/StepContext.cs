using Smctl.Core.Errors;
using Smctl.Core.Git;

namespace Smctl.Core.Plans;

/// <summary>What a step needs: the repo's folder, git, and the remote to use.</summary>
public sealed class StepContext
{
    public required string Repo { get; init; }
    public required string Path { get; init; }
    public required GitRunner Git { get; init; }
    public string Remote { get; init; } = "origin";

    public Task<ProcessResult> TryAsync(CancellationToken ct, params string[] args) => Git.RunAsync(Path, args, ct);

    public Task<string> RunAsync(CancellationToken ct, params string[] args) => Git.RunCheckedAsync(Path, args, Repo, ct);

    // Reads run in-process (no git process per question); everything that changes the repo goes through git.

    /// <summary>The commit a ref or name points at, or null when there is none.</summary>
    public Task<string?> ResolveAsync(string rev, CancellationToken ct) => Task.FromResult(RepoReader.Resolve(Path, rev));

    public Task<bool> IsAncestorAsync(string ancestor, string descendant, CancellationToken ct) =>
        Task.FromResult(RepoReader.IsAncestorRev(Path, ancestor, descendant));

    /// <summary>The folder of the worktree that has <paramref name="branch"/> checked out, or null.</summary>
    public Task<string?> WorktreeOfAsync(string branch, CancellationToken ct) => Task.FromResult(RepoReader.WorktreeOf(Path, branch));

    /// <summary>The branch checked out in this work tree, or null when HEAD is detached.</summary>
    public string? CurrentBranch() => RepoReader.CurrentBranch(Path);

    public SmctlException Fail(string message, string? suggestion = null) => SmctlException.Git(message, Repo, suggestion);
}
