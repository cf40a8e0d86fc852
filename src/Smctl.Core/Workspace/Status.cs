using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Workspace;

public sealed record WorkspaceStatusInput
{
    [Description("Only these repos")]
    [Option(Alias = "-r", Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? Repos { get; init; }
}

public sealed record WorkspaceStatusResult(string Workspace, string Root, IReadOnlyList<RepoStatus> Repos);

/// <summary>Branch, upstream, ahead/behind, changes, operations in progress and stashes of every repo at once.</summary>
public sealed class WorkspaceStatus : IOperation<WorkspaceStatusInput, WorkspaceStatusResult>
{
    public OperationInfo Info { get; } = new("workspace.status",
        "Show every repo's branch, upstream, ahead/behind, change counts, operation in progress and stashes.",
        OperationEffect.ReadOnly, Idempotent: true);

    public JsonTypeInfo<WorkspaceStatusInput> InputJson => SmctlJson.Default.WorkspaceStatusInput;
    public JsonTypeInfo<WorkspaceStatusResult> ResultJson => SmctlJson.Default.WorkspaceStatusResult;

    public Task<WorkspaceStatusResult> RunAsync(SmctlContext context, WorkspaceStatusInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var repos = ws.Select(input.Repos);
        var statuses = RepoParallel.Map(repos, context.Jobs, r => RepoReader.Status(r.Name, r.FullPath) with { Path = r.Path }, ct);
        return Task.FromResult(new WorkspaceStatusResult(ws.Name, ws.RootDir, statuses));
    }
}
