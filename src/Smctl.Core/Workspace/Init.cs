using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Smctl.Core.Catalog;
using Smctl.Core.Config.Shared;
using Smctl.Core.Errors;
using Smctl.Core.Git;
using Smctl.Core.IO;
using Smctl.Core.Operations;
using Smctl.Core.Operations.Inputs;
using Smctl.Core.Toml;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Workspace;

public sealed record WorkspaceInitInput
{
    [Description("Workspace name (default: the folder's name)")]
    public string? Name { get; init; }
    [Description("A manifest to start from: a file path, or an http(s)/file url")]
    [WorkspacePath(AllowUrl = true)]
    [Option(HelpName = "FILE_OR_URL")]
    public string? From { get; init; }
    [Description("Adopt the git clones already below the folder")]
    public bool Scan { get; init; }
}

public sealed record WorkspaceInitResult(string Workspace, string Manifest, bool Created, IReadOnlyList<RepoAction> Repos) : IOutcome
{
    public int Failed => Repos.Count(r => r.Action == "failed");
    [System.Text.Json.Serialization.JsonIgnore]
    public ErrorKind? FailureKind => Failed > 0 ? ErrorKind.Git : null;
}

/// <summary>Creates .smctl/workspace.toml (or completes an existing one) and clones what is not on disk.</summary>
public sealed class WorkspaceInit : IOperation<WorkspaceInitInput, WorkspaceInitResult>
{
    public OperationInfo Info { get; } = new("workspace.init",
        "Create .smctl/workspace.toml (from a manifest, or adopting the clones below) and clone the repos not yet on disk.",
        OperationEffect.Mutating, OpenWorld: true, Idempotent: true);

    public JsonTypeInfo<WorkspaceInitInput> InputJson => SmctlJson.Default.WorkspaceInitInput;
    public JsonTypeInfo<WorkspaceInitResult> ResultJson => SmctlJson.Default.WorkspaceInitResult;

    public async Task<WorkspaceInitResult> RunAsync(SmctlContext context, WorkspaceInitInput input, CancellationToken ct)
    {
        var home = Path.GetFullPath(context.WorkspacePath ?? context.CurrentDirectory, context.CurrentDirectory);
        var smctlDir = Path.Combine(home, SmctlLayout.FolderName);
        var manifestPath = Path.Combine(smctlDir, SmctlLayout.ManifestName);
        var exists = File.Exists(manifestPath);
        if (exists && input.From is not null)
            throw SmctlException.Workspace($"{manifestPath} already exists; --from would replace it", "remove it first, or run 'smctl workspace init' without --from to clone its missing repos");
        if (exists && input.Name is not null)
            throw SmctlException.Usage($"{manifestPath} already exists; --name only applies to a new workspace.", "use 'smctl config set workspace.name NAME'");

        var text = exists ? await File.ReadAllTextAsync(manifestPath, ct).ConfigureAwait(false)
            : input.From is not null ? await ReadFromAsync(input.From, context.CurrentDirectory, ct).ConfigureAwait(false)
            : ManifestText.NewManifest(input.Name ?? Path.GetFileName(home.TrimEnd('/')));
        var file = TomlFile.Parse(input.From is not null && !exists ? input.From : manifestPath, text);
        var warnings = new List<string>();
        var rootDir = ManifestReader.RootDir(Settings.FileLayer(file.Entries(), ConfigScope.Workspace, ErrorKind.Workspace, warnings), home);
        var repos = ManifestReader.ReadRepos(file, rootDir, Path.Combine(home, SmctlLayout.FolderName), warnings).ToList();
        foreach (var w in warnings) context.Warn(w);

        var adopted = new List<RepoAction>();
        var adoptedEntries = new List<string>();
        if (input.Scan)
        {
            var skip = new HashSet<string> { Path.GetFullPath(Path.Combine(rootDir, context.Settings.Text(ConfigKeys.WorktreeBaseDir))).TrimEnd('/') };
            var known = repos.Select(r => r.FullPath).ToHashSet();
            var names = repos.Select(r => r.Name).ToHashSet();
            foreach (var dir in RepoScanner.Find(rootDir, skip))
            {
                if (known.Contains(dir)) continue;
                var rel = Path.GetRelativePath(rootDir, dir);
                var name = UniqueName(Path.GetFileName(dir), rel, names);
                names.Add(name);
                adoptedEntries.Add(ManifestText.RepoEntry(name, RepoReader.OriginUrl(dir), rel, RepoReader.DefaultBranch(dir), null, null, null));
                file.AppendSnippet(adoptedEntries[^1]);
                adopted.Add(new RepoAction(name, rel, context.DryRun ? "would-adopt" : "adopted"));
            }
            repos = ManifestReader.ReadRepos(file, rootDir, Path.Combine(home, SmctlLayout.FolderName), warnings).ToList();
        }

        var toClone = repos.Where(r => !Directory.Exists(r.FullPath) || !Directory.EnumerateFileSystemEntries(r.FullPath).Any()).ToList();
        var name0 = ReadName(file) ?? Path.GetFileName(home.TrimEnd('/'));
        if (context.DryRun)
        {
            var planned = repos.Where(r => adopted.All(a => a.Name != r.Name)).Select(r => toClone.Contains(r)
                ? new RepoAction(r.Name, r.Path, r.Url is null ? "missing-no-url" : "would-clone")
                : new RepoAction(r.Name, r.Path, "present"));
            return new WorkspaceInitResult(name0, manifestPath, !exists, [.. planned, .. adopted]);
        }

        Directory.CreateDirectory(smctlDir);
        Shared.Workspace.EnsureGitignore(smctlDir);
        if (!exists) AtomicFile.WriteAllText(manifestPath, file.ToString());
        else if (adoptedEntries.Count > 0)
            TomlFile.Edit(manifestPath, SmctlLayout.WriteLockOf(manifestPath), ErrorKind.Workspace, null, fresh => adoptedEntries.ForEach(fresh.AppendSnippet),
                text => Config.Shared.ConfigFileCheck.Check(manifestPath, text, isManifest: true));
        context.Reload();

        var actions = await RepoParallel.MapAsync(repos, context.NetworkJobs, async (repo, token) =>
        {
            if (adopted.FirstOrDefault(a => a.Name == repo.Name) is { } a) return a;
            if (!toClone.Contains(repo)) return new RepoAction(repo.Name, repo.Path, "present");
            if (repo.Url is null) return new RepoAction(repo.Name, repo.Path, "missing-no-url", "not on disk and the manifest gives no url to clone from");
            try
            {
                await RepoClone.CloneAsync(context.Git, repo.Name, repo.Url, repo.FullPath, repo.DefaultBranch, context.Progress, token).ConfigureAwait(false);
                return new RepoAction(repo.Name, repo.Path, "cloned");
            }
            catch (SmctlException e)
            {
                return new RepoAction(repo.Name, repo.Path, "failed", e.Message);
            }
        }, ct).ConfigureAwait(false);
        return new WorkspaceInitResult(name0, manifestPath, !exists, actions);
    }

    private static string? ReadName(TomlFile file) =>
        file.Entries().FirstOrDefault(e => e.FullKey == ConfigKeys.WorkspaceName.Name)?.Value as string;

    private static string UniqueName(string folder, string relative, HashSet<string> taken)
    {
        var name = ManifestReader.RepoNameProblem(folder) is null ? folder : "repo";
        if (!taken.Contains(name)) return name;
        var fromPath = relative.Replace('/', '-');
        if (ManifestReader.RepoNameProblem(fromPath) is null && !taken.Contains(fromPath)) return fromPath;
        for (var i = 2; ; i++)
            if (!taken.Contains($"{name}-{i}")) return $"{name}-{i}";
    }

    private static async Task<string> ReadFromAsync(string from, string cwd, CancellationToken ct)
    {
        if (Uri.TryCreate(from, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            try { return await http.GetStringAsync(uri, ct).ConfigureAwait(false); }
            catch (HttpRequestException e) { throw new SmctlException(ErrorKind.Network, $"cannot download the manifest {from}: {e.Message}"); }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { throw new SmctlException(ErrorKind.Network, $"downloading the manifest {from} timed out"); }
        }
        var path = uri is { IsFile: true } ? uri.LocalPath : Path.GetFullPath(from, cwd);
        if (!File.Exists(path)) throw SmctlException.Usage($"manifest {path} does not exist.");
        return await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
    }
}
