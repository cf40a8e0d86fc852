using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Operations;

namespace Smctl.Core.Workspace;

public sealed record WorkspaceListInput;

public sealed record RepoListing(string Name, string Path, string? Url, string? DefaultBranch, bool SmctlHome,
    IReadOnlyList<string> DependsOn, string? BuildCmd, string? TestCmd, string? CleanCmd, string? VerifyCmd, bool OnDisk);

public sealed record WorkspaceListResult(string Workspace, string Root, string Manifest, IReadOnlyList<RepoListing> Repos);

/// <summary>The repos of the manifest: paths, urls, dependencies and commands.</summary>
public sealed class WorkspaceList : IOperation<WorkspaceListInput, WorkspaceListResult>
{
    public OperationInfo Info { get; } = new("workspace.list", "List the workspace's repos with their paths, urls, dependencies and commands.",
        OperationEffect.ReadOnly, Idempotent: true);

    public JsonTypeInfo<WorkspaceListInput> InputJson => SmctlJson.Default.WorkspaceListInput;
    public JsonTypeInfo<WorkspaceListResult> ResultJson => SmctlJson.Default.WorkspaceListResult;

    public Task<WorkspaceListResult> RunAsync(SmctlContext context, WorkspaceListInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var repos = ws.Repos.Select(r => new RepoListing(r.Name, r.Path, Redact.Url(r.Url), r.DefaultBranch, r.SmctlHome, r.DependsOn,
            r.BuildCmd, r.TestCmd, r.CleanCmd, r.VerifyCmd, Directory.Exists(r.FullPath))).ToList();
        return Task.FromResult(new WorkspaceListResult(ws.Name, ws.RootDir, ws.ManifestPath, repos));
    }
}
