using Smctl.Core.Config.Shared;
using Smctl.Core.Errors;
using Smctl.Core.Toml;

namespace Smctl.Core.Workspace.Shared;

/// <summary>A loaded workspace: where it is, its repos and its effective settings.</summary>
public sealed class Workspace
{
    public required string SmctlDir { get; init; }
    public required string RootDir { get; init; }
    public required string ManifestPath { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<RepoEntry> Repos { get; init; }
    public required Settings Settings { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The folder holding .smctl/ (the workspace's home).</summary>
    public string HomeDir => Path.GetDirectoryName(SmctlDir)!;

    public RepoEntry Repo(string name) =>
        Repos.FirstOrDefault(r => r.Name == name)
        ?? throw SmctlException.Usage($"'{name}' is not a repo of this workspace.", KnownReposHint(name));

    /// <summary>The repos named in <paramref name="names"/> (all when empty), in manifest order; unknown names are an error.</summary>
    public IReadOnlyList<RepoEntry> Select(IReadOnlyCollection<string>? names)
    {
        if (names is null || names.Count == 0) return Repos;
        var unknown = names.Where(n => Repos.All(r => r.Name != n)).ToList();
        if (unknown.Count > 0)
            throw SmctlException.Usage($"not a repo of this workspace: {string.Join(", ", unknown)}.", KnownReposHint(unknown[0]));
        return Repos.Where(r => names.Contains(r.Name)).ToList();
    }

    /// <summary>"did you mean 'kernel'?" for a typo; else the repos there are (the first ten: a workspace may have hundreds).</summary>
    private string KnownReposHint(string typed) => DidYouMean.Hint(typed, Repos.Select(r => r.Name),
        $"known repos: {string.Join(", ", Repos.Take(10).Select(r => r.Name))}{(Repos.Count > 10 ? $", … ({Repos.Count} in all; see 'smctl workspace list')" : "")}")!;

    /// <summary>Reads the manifest at <paramref name="manifestPath"/> and builds the settings layers around it.</summary>
    public static Workspace Load(string manifestPath, Func<string, Settings> settingsFor)
    {
        var file = TomlFile.Load(manifestPath);
        var warnings = new List<string>();
        var entries = file.Entries();
        var manifestLayer = Settings.FileLayer(entries, ConfigScope.Workspace, ErrorKind.Workspace, warnings);
        foreach (var (table, origin) in file.Tables())
            if (!ConfigKeys.KnownTables.Contains(table) && !ConfigKeys.ReservedTables.Contains(table))
                warnings.Add($"{origin}: unknown section [{table}] is ignored");
        var smctlDir = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var home = Path.GetDirectoryName(smctlDir)!;
        var rootDir = ManifestReader.RootDir(manifestLayer, home);
        var repos = ManifestReader.ReadRepos(file, rootDir, smctlDir, warnings);
        var settings = settingsFor(manifestPath).WithWorkspace(manifestLayer);
        var name = manifestLayer.TryGetValue(ConfigKeys.WorkspaceName.Name, out var n) ? (string)n.Item1 : Path.GetFileName(home);
        return new Workspace
        {
            SmctlDir = smctlDir,
            RootDir = rootDir,
            ManifestPath = Path.GetFullPath(manifestPath),
            Name = name,
            Repos = repos,
            Settings = settings,
            Warnings = warnings,
        };
    }

    /// <summary>Finds workspace.toml: an explicit path (folder or file), else upward from <paramref name="start"/>.</summary>
    public static string? Locate(string? explicitPath, string start)
    {
        if (explicitPath is { Length: > 0 })
        {
            var full = Path.GetFullPath(explicitPath, start);
            if (File.Exists(full)) return full;
            var inFolder = Path.Combine(full, SmctlLayout.FolderName, SmctlLayout.ManifestName);
            if (File.Exists(inFolder)) return inFolder;
            throw SmctlException.Workspace($"no smctl workspace at {full} (no {SmctlLayout.FolderName}/{SmctlLayout.ManifestName} there)",
                "check the -w/--workspace path or SMCTL_WORKSPACE, or run 'smctl workspace init' in that folder");
        }
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, SmctlLayout.FolderName, SmctlLayout.ManifestName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Makes sure .smctl/.gitignore keeps smctl's own state out of commits.</summary>
    public static void EnsureGitignore(string smctlDir)
    {
        var path = Path.Combine(smctlDir, ".gitignore");
        var content = $"# smctl's own state: never commit it ({SmctlLayout.ManifestName} is yours to commit)\n" + string.Concat(SmctlLayout.OwnFolders.Select(f => f + "/\n"));
        if (!File.Exists(path)) IO.AtomicFile.WriteAllText(path, content);
    }
}
