namespace Smctl.Core.Git;

/// <summary>The state of one repo's working copy as <c>git status --porcelain=v2 --branch</c> would describe it.</summary>
public sealed record RepoStatus
{
    public required string Name { get; init; }
    public required string Path { get; init; }
    /// <summary>The folder does not exist.</summary>
    public bool Missing { get; init; }
    /// <summary>Why the repo could not be read (not a git repository, …), or null.</summary>
    public string? Error { get; init; }
    /// <summary>The current branch, or null when HEAD is detached.</summary>
    public string? Branch { get; init; }
    public bool Detached { get; init; }
    /// <summary>HEAD has no commit yet.</summary>
    public bool Unborn { get; init; }
    public string? Head { get; init; }
    public string? Upstream { get; init; }
    /// <summary>The upstream is configured but its ref is gone.</summary>
    public bool UpstreamGone { get; init; }
    public int? Ahead { get; init; }
    public int? Behind { get; init; }
    public int Staged { get; init; }
    public int Modified { get; init; }
    public int Untracked { get; init; }
    public int Conflicted { get; init; }
    /// <summary>An operation in progress: merge, rebase, cherry-pick, revert, bisect, am; null when none.</summary>
    public string? Operation { get; init; }
    public int Stashes { get; init; }

    public bool Dirty => Staged + Modified + Conflicted + Untracked > 0;
    /// <summary>Dirty in a way that blocks switching or merging: tracked changes or conflicts (untracked files do not).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasTrackedChanges => Staged + Modified + Conflicted > 0;
}
