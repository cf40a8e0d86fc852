namespace Smctl.Core.Workspace.Shared;

/// <summary>What an operation did (or would do, in a dry run) to one repo.</summary>
/// <param name="Action">cloned, adopted, present, skipped, failed, removed, would-clone, …</param>
public sealed record RepoAction(string Name, string Path, string Action, string? Error = null);
