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

    /// <summary>The commit a ref or name points at, or null when there is none.</summary>
    public async Task<string?> ResolveAsync(string rev, CancellationToken ct)
    {
        var r = await TryAsync(ct, "rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}").ConfigureAwait(false);
        return r.Ok ? r.Stdout.Trim() : null;
    }

    public async Task<bool> IsAncestorAsync(string ancestor, string descendant, CancellationToken ct) =>
        (await TryAsync(ct, "merge-base", "--is-ancestor", ancestor, descendant).ConfigureAwait(false)).ExitCode == 0;

    /// <summary>The folder of the worktree that has <paramref name="branch"/> checked out, or null.</summary>
    public async Task<string?> WorktreeOfAsync(string branch, CancellationToken ct)
    {
        var list = await RunAsync(ct, "worktree", "list", "--porcelain").ConfigureAwait(false);
        string? folder = null;
        foreach (var line in list.Split('\n'))
        {
            if (line.StartsWith("worktree ", StringComparison.Ordinal)) folder = line[9..];
            else if (line == $"branch refs/heads/{branch}") return folder;
        }
        return null;
    }

    public SmctlException Fail(string message, string? suggestion = null) => SmctlException.Git(message, Repo, suggestion);
}
