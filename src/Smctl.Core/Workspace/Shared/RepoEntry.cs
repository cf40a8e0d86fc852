using Smctl.Core.Toml;

namespace Smctl.Core.Workspace.Shared;

/// <summary>One <c>[[repos]]</c> entry of workspace.toml, with paths resolved against the workspace root.</summary>
public sealed record RepoEntry
{
    public required string Name { get; init; }
    public string? Url { get; init; }
    /// <summary>The path as written (relative to the workspace root); defaults to the name.</summary>
    public required string Path { get; init; }
    /// <summary>The absolute folder of the repo.</summary>
    public required string FullPath { get; init; }
    public string? DefaultBranch { get; init; }
    /// <summary>The production branch, when it is not the one flow would otherwise take (see RepoFlow).</summary>
    public string? MainBranch { get; init; }
    /// <summary>The integration branch, when it is not the workspace's.</summary>
    public string? DevelopBranch { get; init; }
    /// <summary>What release tags start with; "" for tags like 2.8.0. Null: read from the repo's tags.</summary>
    public string? TagPrefix { get; init; }
    public bool SmctlHome { get; init; }
    public string? BuildCmd { get; init; }
    public string? TestCmd { get; init; }
    public string? CleanCmd { get; init; }
    public string? VerifyCmd { get; init; }
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    public ValueOrigin? Origin { get; init; }
}
