using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Git;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Toml;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Workspace;

public sealed record WorkspaceRemoveInput
{
    [Description("Name of the repo to remove from the manifest")]
    [Argument(0, Suggest = Suggestions.RepoNames)]
    public required string Repo { get; init; }
    [Description("Also delete the repo's folder")]
    public bool DeleteFiles { get; init; }
    [Description("Delete the folder even when it holds uncommitted or unpushed work")]
    public bool Force { get; init; }
}

/// <summary>Takes a repo out of workspace.toml, and with DeleteFiles deletes its folder.</summary>
public sealed class WorkspaceRemove : IOperation<WorkspaceRemoveInput, RepoAction>
{
    public OperationInfo Info { get; } = new("workspace.remove",
        "Remove a repo from workspace.toml, and optionally delete its folder (refused when it holds unsaved work, unless forced).",
        OperationEffect.Destructive);

    public JsonTypeInfo<WorkspaceRemoveInput> InputJson => SmctlJson.Default.WorkspaceRemoveInput;
    public JsonTypeInfo<RepoAction> ResultJson => SmctlJson.Default.RepoAction;

    public Task<RepoAction> RunAsync(SmctlContext context, WorkspaceRemoveInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        var repo = ws.Repo(input.Repo);
        var dependents = ws.Repos.Where(r => r.DependsOn.Contains(repo.Name)).Select(r => r.Name).ToList();
        if (dependents.Count > 0)
            throw SmctlException.Usage($"{string.Join(", ", dependents)} depend{(dependents.Count == 1 ? "s" : "")} on '{repo.Name}'.",
                "remove it from their depends_on first");
        // The waiting run's continue and abort need the repo: it stays until that run is over.
        var store = new Plans.RunStore(ws.SmctlDir);
        if (store.Current()?.Repos.Any(r => r.Repo == repo.Name) == true) store.EnsureNoInterruptedRun();
        var deleting = input.DeleteFiles && Directory.Exists(repo.FullPath);
        if (deleting && !input.Force && UnsavedWork(repo) is { } work)
            throw SmctlException.Git($"'{repo.Name}' holds work that would be lost: {work}", repo.Name, $"commit and push it, or pass {context.Flag("force")}");
        if (context.DryRun) return Task.FromResult(new RepoAction(repo.Name, repo.Path, deleting ? "would-remove-and-delete" : "would-remove"));
        if (deleting) context.RequireConfirmation($"Delete {repo.FullPath} and everything in it?", repo.Name);

        // The entry is found by name in the file as it is now, under the lock: it may have moved since it was read.
        TomlFile.Edit(ws.ManifestPath, SmctlLayout.WriteLockOf(ws.ManifestPath), ErrorKind.Workspace, null, file => file.RemoveTableArrayEntry("repos", EntryIndex(file, repo.Name)),
            text => Config.Shared.ConfigFileCheck.Check(ws.ManifestPath, text, isManifest: true));
        context.Reload();
        if (deleting) Directory.Delete(repo.FullPath, recursive: true);
        return Task.FromResult(new RepoAction(repo.Name, repo.Path, deleting ? "removed-and-deleted" : "removed"));
    }

    private static int EntryIndex(TomlFile file, string name) =>
        file.Entries().FirstOrDefault(e => e is { Table: "repos", Key: "name" } && e.Value as string == name)?.Index
        ?? throw SmctlException.Usage($"'{name}' was removed from {file.Path} meanwhile.");

    private static string? UnsavedWork(RepoEntry repo)
    {
        // Not a repository of its own: git cannot say what in it is unsaved, so nothing in it counts as saved.
        if (!RepoReader.IsRepository(repo.FullPath)) return $"{repo.FullPath} is not a git repository, so none of its files are saved anywhere";
        var status = RepoReader.Status(repo.Name, repo.FullPath);
        if (status.Error is not null) return null;
        var parts = new List<string>();
        if (status.Dirty) parts.Add($"{status.Staged} staged, {status.Modified} modified, {status.Untracked} untracked, {status.Conflicted} conflicted");
        if (status.Ahead > 0) parts.Add($"{status.Ahead} unpushed commit(s) on {status.Branch}");
        if (status.Stashes > 0) parts.Add($"{status.Stashes} stash(es)");
        var unpushed = RepoReader.UnpushedBranches(repo.FullPath);
        if (unpushed.Count > 0) parts.Add($"branches not on any remote: {string.Join(", ", unpushed)}");
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
