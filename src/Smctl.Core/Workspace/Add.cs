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

public sealed record WorkspaceAddInput
{
    [Description("Where to clone from (a URL or a local path)")]
    [WorkspacePath(AllowUrl = true)]
    [Argument(0)]
    public required string Url { get; init; }
    [Description("Repo name (default: the url's last part without .git)")]
    [Option(HelpName = "NAME")]
    public string? Name { get; init; }
    [Description("Folder relative to the workspace root (default: the name)")]
    [WorkspacePath]
    [Option(HelpName = "PATH")]
    public string? Path { get; init; }
    [Description("Branch to check out, recorded as default_branch")]
    [Option(HelpName = "BRANCH")]
    public string? Branch { get; init; }
    [Description("Repos this one depends on (build order)")]
    [Option(Suggest = Suggestions.RepoNames)]
    public IReadOnlyList<string>? DependsOn { get; init; }
    [Description("Command that builds the repo")]
    [Option(HelpName = "CMD")]
    public string? BuildCmd { get; init; }
    [Description("Command that tests the repo")]
    [Option(HelpName = "CMD")]
    public string? TestCmd { get; init; }
}

/// <summary>Clones a repo into the workspace and records it in workspace.toml (comments and layout kept).</summary>
public sealed class WorkspaceAdd : IOperation<WorkspaceAddInput, RepoAction>
{
    public OperationInfo Info { get; } = new("workspace.add", "Clone a repo into the workspace and record it in workspace.toml.",
        OperationEffect.Mutating, OpenWorld: true);

    public JsonTypeInfo<WorkspaceAddInput> InputJson => SmctlJson.Default.WorkspaceAddInput;
    public JsonTypeInfo<RepoAction> ResultJson => SmctlJson.Default.RepoAction;

    public async Task<RepoAction> RunAsync(SmctlContext context, WorkspaceAddInput input, CancellationToken ct)
    {
        var ws = context.RequireWorkspace();
        if (input.Url.Length == 0 || input.Url.StartsWith('-'))
            throw SmctlException.Usage($"'{input.Url}' is not a repository address.", "give an https://, ssh://, git@host: or file:// url, or a local path");
        var name = input.Name ?? NameFromUrl(input.Url);
        if (ManifestReader.RepoNameProblem(name) is { } problem)
            throw SmctlException.Usage($"'{name}' is not a valid repo name: {problem}.", $"pass {context.Option("name")}");
        if (ws.Repos.Any(r => r.Name == name))
            throw SmctlException.Usage($"the workspace already has a repo named '{name}'.", $"pass {context.Option("name")} to choose another name");
        var relPath = input.Path ?? name;
        var full = ManifestReader.ResolveInside(ws.RootDir, relPath, new ValueOrigin("--path"));
        if (ws.Repos.FirstOrDefault(r => r.FullPath == full) is { } clash)
            throw SmctlException.Usage($"repo '{clash.Name}' already lives at {relPath}.", $"pass {context.Option("path")}");
        if (ManifestReader.NestingProblem(full, ws.Repos, ws.SmctlDir) is { } nesting)
            throw SmctlException.Usage($"a repo at {relPath} {nesting}.", $"pass {context.Option("path")} with a folder of its own");
        if (input.Branch is not null) BranchName.Validate(input.Branch);
        var unknown = (input.DependsOn ?? []).Where(d => ws.Repos.All(r => r.Name != d)).ToList();
        if (unknown.Count > 0)
            throw SmctlException.Usage($"{context.Option("dependsOn")} names repos this workspace does not have: {string.Join(", ", unknown)}.");

        var entry = ManifestText.RepoEntry(name, input.Url, relPath, input.Branch, input.DependsOn, input.BuildCmd, input.TestCmd);
        void Append(TomlFile file) => file.AppendSnippet(entry);
        // The edited manifest must read correctly as a whole before it replaces the user's file.
        void Check(string text) => Config.Shared.ConfigFileCheck.Check(ws.ManifestPath, text, isManifest: true);
        TomlFile.Edit(ws.ManifestPath, SmctlLayout.WriteLockOf(ws.ManifestPath), ErrorKind.Workspace, null, Append, Check, dryRun: true);
        var relShown = Path.GetRelativePath(ws.RootDir, full);
        var adopt = Directory.Exists(full) && RepoReader.IsRepository(full);
        if (context.DryRun) return new RepoAction(name, relShown, adopt ? "would-adopt" : "would-clone");

        if (!adopt) await RepoClone.CloneAsync(context.Git, name, input.Url, full, input.Branch, context.Progress, ct).ConfigureAwait(false);
        try
        {
            // Read afresh after the clone, which may have taken minutes: edits saved meanwhile stay.
            TomlFile.Edit(ws.ManifestPath, SmctlLayout.WriteLockOf(ws.ManifestPath), ErrorKind.Workspace, null, Append, Check);
        }
        catch
        {
            if (!adopt && Directory.Exists(full)) Directory.Delete(full, recursive: true);
            throw;
        }
        context.Reload();
        return new RepoAction(name, relShown, adopt ? "adopted" : "cloned");
    }

    /// <summary>The last path segment of a url without ".git": https://host/org/Api.git → Api.</summary>
    public static string NameFromUrl(string url)
    {
        var trimmed = url.TrimEnd('/');
        var cut = Math.Max(trimmed.LastIndexOf('/'), trimmed.LastIndexOf(':'));
        var last = cut >= 0 ? trimmed[(cut + 1)..] : trimmed;
        return last.EndsWith(".git", StringComparison.Ordinal) ? last[..^4] : last;
    }
}
