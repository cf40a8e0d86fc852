using Smctl.Core.Errors;
using Smctl.Core.Git;

namespace Smctl.Core.Plans;

/// <summary>What a step needs: the repo's folder, git, and the remote to use.</summary>
public sealed class StepContext : IDisposable
{
    private LibGit2Sharp.Repository? _handle;
    private readonly Lock _handleLock = new();

    public required string Repo { get; init; }
    public required string Path { get; init; }
    public required GitRunner Git { get; init; }
    public string Remote { get; init; } = GitRefs.DefaultRemote;

    public Task<ProcessResult> TryAsync(CancellationToken ct, params string[] args) => Git.RunAsync(Path, args, ct);

    public Task<string> RunAsync(CancellationToken ct, params string[] args) => Git.RunCheckedAsync(Path, args, Repo, ct);

    // Reads run in-process (no git process per question); everything that changes the repo goes through git.

    /// <summary>
    /// Runs an in-process read on this repo's libgit2 handle, opened on first use and then kept: opening one reads
    /// every config file, which costs more than most reads. Refs, HEAD and new objects are read from disk each time,
    /// so what git changed between steps is seen; config read this way may be stale once a step has changed it.
    /// </summary>
    public T Read<T>(Func<LibGit2Sharp.Repository, T> read)
    {
        lock (_handleLock)
        {
            _handle ??= new LibGit2Sharp.Repository(Path);
            return read(_handle);
        }
    }

    /// <summary>The commit a ref or name points at, or null when there is none.</summary>
    public Task<string?> ResolveAsync(string rev, CancellationToken ct) => Task.FromResult(Read(repo => RepoReader.ResolveIn(repo, rev)));

    public Task<bool> IsAncestorAsync(string ancestor, string descendant, CancellationToken ct) =>
        Task.FromResult(Read(repo => RepoReader.IsAncestorRev(repo, ancestor, descendant)));

    /// <summary>
    /// A commit on a branch or tag whose first parent is <paramref name="parent"/> and that <paramref name="matches"/>
    /// (a resumed run's proof that its commit was made, even where a later step merged it and deleted its branch), or null.
    /// </summary>
    public async Task<string?> ChildOfAsync(string parent, Func<string, string, Task<bool>> matches, CancellationToken ct)
    {
        var children = await TryAsync(ct, "log", "--ancestry-path", "--branches", "--tags", "--format=%H%x00%P%x00%s", "^" + parent).ConfigureAwait(false);
        if (!children.Ok) return null;
        foreach (var line in children.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\0');
            if (fields.Length == 3 && fields[1].Split(' ')[0] == parent && await matches(fields[0], fields[2]).ConfigureAwait(false)) return fields[0];
        }
        return null;
    }

    /// <summary>A child of <paramref name="parent"/> (see above) with this message's subject.</summary>
    public Task<string?> ChildOfAsync(string parent, string message, CancellationToken ct) =>
        ChildOfAsync(parent, (_, subject) => Task.FromResult(subject == message.Split('\n')[0]), ct);

    /// <summary>The folder of the worktree that has <paramref name="branch"/> checked out, or null.</summary>
    public Task<string?> WorktreeOfAsync(string branch, CancellationToken ct) => Task.FromResult(RepoReader.WorktreeOf(Path, branch));

    /// <summary>The branch checked out in this work tree, or null when HEAD is detached.</summary>
    public string? CurrentBranch() => Read(RepoReader.CurrentBranch);

    public void Dispose()
    {
        lock (_handleLock)
        {
            _handle?.Dispose();
            _handle = null;
        }
    }

    public SmctlException Fail(string message, string? suggestion = null) => SmctlException.Git(message, Repo, suggestion);
}
