using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Smctl.Core.Catalog;
using Smctl.Core.Errors;
using Smctl.Core.Operations;
using Smctl.Mcp.Hosting;

namespace Smctl.Mcp.Resources;

/// <summary>What the workspace changed: which parts a file change touches, so only their resources are announced.</summary>
[Flags]
public enum WorkspaceChange
{
    None = 0,
    Repos = 1,
    Manifest = 2,
    Run = 4,
    Build = 8,
    Spec = 16,
    /// <summary>A file of a repo's work tree (an edit, a new file): what status counts as modified or untracked.</summary>
    WorkTree = 32,
}

/// <summary>A read-only view of the workspace an assistant can read and subscribe to.</summary>
/// <param name="Document">For a change's resource (smctl://spec/{name}/…): which of its documents; Name is then the change.</param>
public sealed record ResourceEntry(string Uri, string Name, string Description, string MimeType, WorkspaceChange ChangesWith, IOperation? Operation, string? Document = null);

/// <summary>The resources: each is a read-only operation's result (or the manifest's text), so a resource and its tool never disagree.</summary>
public sealed class ResourceCatalog(ServeSettings settings)
{
    public const string Json = "application/json";

    public static readonly IReadOnlyList<ResourceEntry> Entries =
    [
        new("smctl://workspace/config", "workspace.toml", "The workspace manifest (.smctl/workspace.toml) as written", "application/toml", WorkspaceChange.Manifest, null),
        new("smctl://workspace/status", "workspace status", "Every repo's branch, dirty state, ahead/behind", Json, WorkspaceChange.Repos | WorkspaceChange.Manifest | WorkspaceChange.WorkTree, OperationCatalog.WorkspaceStatus),
        new("smctl://worktree/list", "worktrees", "Every worktree set: repos, branch, clean/dirty, ahead/behind, path", Json, WorkspaceChange.Repos | WorkspaceChange.Manifest | WorkspaceChange.WorkTree, OperationCatalog.WorktreeList),
        new("smctl://flow/branches", "flow branches", "Feature, release and hotfix branches across repos, ahead/behind their base", Json, WorkspaceChange.Repos | WorkspaceChange.Manifest, OperationCatalog.FlowBranches),
        new("smctl://flow/run", "flow run", "The current or last multi-repo run and each step's state (what continue/abort/undo would act on)", Json, WorkspaceChange.Run, OperationCatalog.FlowStatus),
        new("smctl://build/verify", "verification", "The latest verification (verify_cmd) result per repo, and the last build", Json, WorkspaceChange.Build, OperationCatalog.BuildStatus),
        new("smctl://spec/list", "OpenSpec changes", "Every OpenSpec change across the workspace's roots: tasks done/total, status, repo, branch", Json, WorkspaceChange.Spec | WorkspaceChange.Repos, OperationCatalog.SpecList),
        new("smctl://build/last", "last build", "The last build: each repo's status, duration, cached or not", Json, WorkspaceChange.Build, OperationCatalog.BuildStatus),
        // Read from the gateway on every read (a server's state is not watched): the first of [gate] instances.
        new("smctl://gate/models", "gateway models", "The models the ModelGate gateway serves: state, versions, inputs and outputs", Json, WorkspaceChange.None, OperationCatalog.GateModelsList),
        new("smctl://gate/routes", "gateway routes", "The ModelGate gateway's routing table: model to local version or upstream server", Json, WorkspaceChange.None, OperationCatalog.GateRoutesList),
    ];

    /// <summary>A change's documents and status: {name} is its id, or repo:id percent-encoded (repo%3Aid).</summary>
    public static readonly IReadOnlyList<ResourceTemplate> Templates =
    [
        new() { UriTemplate = "smctl://spec/{name}/proposal", Name = "change proposal", Description = "A change's proposal.md", MimeType = "text/markdown" },
        new() { UriTemplate = "smctl://spec/{name}/design", Name = "change design", Description = "A change's design.md", MimeType = "text/markdown" },
        new() { UriTemplate = "smctl://spec/{name}/tasks", Name = "change tasks", Description = "A change's tasks.md (checkboxes as written)", MimeType = "text/markdown" },
        new() { UriTemplate = "smctl://spec/{name}/status", Name = "change status", Description = "Tasks done/total, artifact states, open questions, branches", MimeType = Json },
    ];

    public const string SpecPrefix = "smctl://spec/";

    public ValueTask<ListResourceTemplatesResult> ListTemplatesAsync(RequestContext<ListResourceTemplatesRequestParams> request, CancellationToken ct) =>
        ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = [.. Templates] });

    public ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken ct) =>
        ValueTask.FromResult(new ListResourcesResult
        {
            Resources = [.. Entries.Select(e => new Resource { Uri = e.Uri, Name = e.Name, Description = e.Description, MimeType = e.MimeType })],
        });

    public async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken ct)
    {
        var uri = request.Params?.Uri;
        var entry = Entries.FirstOrDefault(e => e.Uri == uri) ?? SpecDocument(uri)
            // 2026-07-28 and later answer an unknown resource with InvalidParams, earlier revisions with ResourceNotFound.
            ?? throw new McpProtocolException($"Unknown resource: '{uri}'",
                string.CompareOrdinal(request.Server.NegotiatedProtocolVersion, "2026-07-28") >= 0 ? McpErrorCode.InvalidParams : McpErrorCode.ResourceNotFound);
        string text;
        try
        {
            text = await TextOf(entry, ct).ConfigureAwait(false);
        }
        catch (SmctlException e)
        {
            throw new McpProtocolException(e.Message + (e.Suggestion is null ? "" : $" ({e.Suggestion})"), (McpErrorCode)e.Kind.McpCode());
        }
        return new ReadResourceResult { Contents = [new TextResourceContents { Uri = entry.Uri, MimeType = entry.MimeType, Text = text }] };
    }

    /// <summary>smctl://spec/{name}/{document} as an entry to read, or null when the uri is not one.</summary>
    private static ResourceEntry? SpecDocument(string? uri)
    {
        if (uri is null || !uri.StartsWith(SpecPrefix, StringComparison.Ordinal)) return null;
        var parts = uri[SpecPrefix.Length..].Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1] is not ("proposal" or "design" or "tasks" or "status")) return null;
        var name = Uri.UnescapeDataString(parts[0]);
        return new ResourceEntry(uri, name, $"{name}: {parts[1]}", parts[1] == "status" ? Json : "text/markdown", WorkspaceChange.Spec,
            parts[1] == "status" ? OperationCatalog.SpecStatus : null, parts[1]);
    }

    private async Task<string> TextOf(ResourceEntry entry, CancellationToken ct)
    {
        var context = settings.NewContext(dryRun: false);
        if (entry.Document is { } document)
        {
            if (entry.Operation is { } status)
                return (await status.RunJsonAsync(context, new JsonObject { ["id"] = entry.Name }, ct).ConfigureAwait(false)).Json;
            var change = Core.Spec.Shared.ChangeLocator.Find(Core.Spec.Shared.SpecRoots.Require(context, context.RequireWorkspace()), entry.Name);
            var file = Path.Combine(change.Dir, document + ".md");
            return File.Exists(file) ? await File.ReadAllTextAsync(file, ct).ConfigureAwait(false)
                : throw new SmctlException(ErrorKind.SpecValidation, $"{change.Name} has no {document}.md yet");
        }
        if (entry.Operation is null)
            return Smctl.Core.Redact.Text(await File.ReadAllTextAsync(context.RequireWorkspace().ManifestPath, ct).ConfigureAwait(false));
        // Before the first run there is nothing to continue or undo: that is an answer, not an error.
        if (entry.Operation == OperationCatalog.FlowStatus && new Core.Plans.RunStore(context.RequireWorkspace().SmctlDir) is { } store
            && store.Current() is null && store.Last() is null)
            return new JsonObject { ["phase"] = "none", ["message"] = "no run yet in this workspace: flow, worktree and plan apply commands start one" }.ToJsonString();
        var output = await entry.Operation.RunJsonAsync(context, [], ct).ConfigureAwait(false);
        if (entry.Uri != "smctl://build/last") return output.Json;
        var last = JsonNode.Parse(output.Json)?["last"];
        return last?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) ?? "null";
    }
}
