using System.Text.RegularExpressions;
using Smctl.Core.Errors;
using Smctl.Core.Toml;

namespace Smctl.Core.Workspace.Shared;

/// <summary>Reads and checks the <c>[[repos]]</c> entries of workspace.toml; every error names file:line:col.</summary>
public static partial class ManifestReader
{
    private static readonly HashSet<string> RepoKeys =
    [
        "name", "url", "path", "default_branch", "main_branch", "develop_branch", "tag_prefix", "smctl_home", "build_cmd", "test_cmd", "clean_cmd", "verify_cmd", "depends_on",
    ];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex RepoNamePattern();

    /// <summary>A repo name is also a folder name (its default path, worktree folders), held to 255 bytes.</summary>
    public const int MaxRepoNameLength = 200;

    public static string? RepoNameProblem(string name) =>
        name.Length > MaxRepoNameLength ? $"a repo name is at most {MaxRepoNameLength} characters"
        : RepoNamePattern().IsMatch(name) && name != "." && name != ".." ? null
            : "a repo name starts with a letter or digit and holds only letters, digits, '.', '_' and '-'";

    /// <summary>The folder repo paths are relative to: [workspace] root, resolved against the folder holding .smctl/.</summary>
    public static string RootDir(Dictionary<string, (object Value, ValueOrigin Origin)> manifestLayer, string home) =>
        Path.GetFullPath(Path.Combine(home, manifestLayer.TryGetValue(Config.Shared.ConfigKeys.WorkspaceRoot.Name, out var r) ? (string)r.Value : "."));

    /// <summary>The repos of the manifest; <paramref name="smctlDir"/> is the workspace's .smctl folder, which no repo may hold or lie in.</summary>
    public static IReadOnlyList<RepoEntry> ReadRepos(TomlFile file, string rootDir, string smctlDir, List<string> warnings)
    {
        var headers = file.TableArrayOrigins("repos");
        var byIndex = file.Entries().Where(e => e.Table == "repos" && e.Index >= 0).GroupBy(e => e.Index).ToDictionary(g => g.Key, g => g.ToList());
        var repos = new List<RepoEntry>();
        for (var i = 0; i < headers.Count; i++)
        {
            var entries = byIndex.GetValueOrDefault(i) ?? [];
            foreach (var e in entries.Where(e => !RepoKeys.Contains(e.Key)))
                warnings.Add($"{e.Origin}: unknown repo key '{e.Key}' is ignored");
            var fields = entries.Where(e => RepoKeys.Contains(e.Key)).ToDictionary(e => e.Key);
            var name = Str(fields, "name") ?? throw Error(headers[i], "this [[repos]] entry has no 'name'", "add name = \"…\" to it");
            if (RepoNameProblem(name) is { } nameProblem) throw Error(fields["name"].Origin, $"'{name}' is not a valid repo name: {nameProblem}");
            var path = Str(fields, "path") ?? name;
            var fullPath = ResolveInside(rootDir, path, fields.GetValueOrDefault("path")?.Origin ?? headers[i]);
            var url = Str(fields, "url");
            if (url is not null && (url.Length == 0 || url.StartsWith('-')))
                throw Error(fields["url"].Origin, $"url '{url}' is not a repository address", "use an https://, ssh://, git@host: or file:// url, or a local path");
            var branch = BranchField(fields, "default_branch");
            repos.Add(new RepoEntry
            {
                Name = name,
                Url = url,
                Path = path,
                FullPath = fullPath,
                DefaultBranch = branch,
                MainBranch = BranchField(fields, "main_branch"),
                DevelopBranch = BranchField(fields, "develop_branch"),
                TagPrefix = TagPrefixField(fields),
                SmctlHome = Bool(fields, "smctl_home"),
                BuildCmd = Str(fields, "build_cmd"),
                TestCmd = Str(fields, "test_cmd"),
                CleanCmd = Str(fields, "clean_cmd"),
                VerifyCmd = Str(fields, "verify_cmd"),
                DependsOn = StrList(fields, "depends_on"),
                Origin = headers[i],
            });
        }
        CheckUnique(repos, fields: r => r.Name, "name", "names");
        CheckUnique(repos, fields: r => r.FullPath, "path", "paths");
        for (var i = 0; i < repos.Count; i++) // each against the ones above it, so the error names the later entry
            if (NestingProblem(repos[i].FullPath, repos.Take(i), smctlDir) is { } nesting)
                throw Error(repos[i].Origin!, $"repo '{repos[i].Name}' at '{repos[i].Path}' {nesting}", "give every repo a folder of its own, beside the others and outside .smctl/");
        CheckDependencies(file, repos);
        return repos;
    }

    /// <summary>Resolves a repo path against the root and refuses one that leaves it (.., absolute, symlinks out).</summary>
    public static string ResolveInside(string rootDir, string path, ValueOrigin origin)
    {
        var root = System.IO.Path.GetFullPath(rootDir).TrimEnd('/');
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, path)).TrimEnd('/');
        if (!full.StartsWith(root + "/", StringComparison.Ordinal))
            throw Error(origin, $"path '{path}' is outside the workspace root {root}", "use a folder below the workspace root");
        if (LinkBelow(root, full) is { } link)
            throw Error(origin, $"path '{path}' leads outside the workspace root through the symbolic link {link}", "use a folder below the workspace root");
        return full;
    }

    /// <summary>
    /// Why a repo cannot live at <paramref name="fullPath"/>, or null: inside another repo (removing one would delete the
    /// other's work), holding another repo, or in or around the workspace's own .smctl folder.
    /// </summary>
    public static string? NestingProblem(string fullPath, IEnumerable<RepoEntry> others, string smctlDir)
    {
        var inSmctl = IO.Paths.IsWithin(smctlDir, fullPath);
        if (inSmctl || IO.Paths.IsWithin(fullPath, smctlDir))
            return $"{(inSmctl && IO.Paths.IsWithin(fullPath, smctlDir) ? "is" : inSmctl ? "lies in" : "holds")} the workspace's {SmctlLayout.FolderName}/ folder";
        foreach (var other in others)
        {
            if (IO.Paths.IsWithin(other.FullPath, fullPath)) return $"lies inside repo '{other.Name}' ({other.Path})";
            if (IO.Paths.IsWithin(fullPath, other.FullPath)) return $"holds repo '{other.Name}' ({other.Path})";
        }
        return null;
    }

    /// <summary>
    /// The first symbolic link between the root and the path that points outside the root, or null.
    /// Only the components below the root are looked at (one readlink each): the root itself may be a link.
    /// </summary>
    private static string? LinkBelow(string root, string full)
    {
        var current = root;
        foreach (var part in full[(root.Length + 1)..].Split('/'))
        {
            current = current + "/" + part;
            string? target;
            try { target = new FileInfo(current).LinkTarget; }
            catch (IOException) { return null; }
            if (target is null) continue; // not a link, or not there yet (a repo still to clone)
            var resolved = System.IO.Path.GetFullPath(target, System.IO.Path.GetDirectoryName(current)!).TrimEnd('/');
            if (!resolved.StartsWith(root + "/", StringComparison.Ordinal)) return current;
            current = resolved;
        }
        return null;
    }

    private static void CheckUnique(List<RepoEntry> repos, Func<RepoEntry, string> fields, string what, string plural)
    {
        var seen = new Dictionary<string, RepoEntry>();
        foreach (var repo in repos)
        {
            var value = fields(repo);
            if (seen.TryGetValue(value, out var first))
                throw Error(repo.Origin!, $"repos '{first.Name}' (line {first.Origin!.Line}) and '{repo.Name}' have the same {what}", $"give every repo its own {what}; {plural} must be unique");
            seen[value] = repo;
        }
    }

    private static void CheckDependencies(TomlFile file, List<RepoEntry> repos)
    {
        var names = repos.Select(r => r.Name).ToHashSet();
        var origins = file.Entries().Where(e => e.Table == "repos" && e.Key == "depends_on").ToDictionary(e => e.Index, e => e.Origin);
        for (var i = 0; i < repos.Count; i++)
            foreach (var dep in repos[i].DependsOn)
                if (!names.Contains(dep))
                    throw Error(origins[i], $"repo '{repos[i].Name}' depends on '{dep}', which is not a repo of this workspace",
                        $"known repos: {string.Join(", ", names.Order())}");
        if (DependencyGraph.FindCycle(repos) is { } cycle)
        {
            var first = repos.First(r => r.Name == cycle[0]);
            throw Error(origins[repos.IndexOf(first)], $"dependency cycle: {string.Join(" -> ", cycle)}", "remove one of these depends_on entries");
        }
    }

    private static SmctlException Error(ValueOrigin origin, string message, string? suggestion = null) =>
        new(ErrorKind.Workspace, $"{origin}: {message}", suggestion: suggestion);

    private static string? Str(Dictionary<string, TomlEntry> fields, string key)
    {
        if (!fields.TryGetValue(key, out var e)) return null;
        return e.Value as string ?? throw Error(e.Origin, $"'{key}' must be a string, not a {e.TomlKind}");
    }

    private static string? BranchField(Dictionary<string, TomlEntry> fields, string key)
    {
        var branch = Str(fields, key);
        if (branch is not null && Git.BranchName.Problem(branch) is { } problem)
            throw Error(fields[key].Origin, $"'{branch}' is not a valid branch name: {problem}");
        return branch;
    }

    /// <summary>A tag prefix: "" (tags like 2.8.0) or text a tag name may start with.</summary>
    private static string? TagPrefixField(Dictionary<string, TomlEntry> fields)
    {
        var prefix = Str(fields, "tag_prefix");
        if (prefix is { Length: > 0 } && Git.BranchName.Problem(prefix + "1.0.0") is { } problem)
            throw Error(fields["tag_prefix"].Origin, $"'{prefix}' cannot start a tag name: {problem}");
        return prefix;
    }

    private static bool Bool(Dictionary<string, TomlEntry> fields, string key)
    {
        if (!fields.TryGetValue(key, out var e)) return false;
        return e.Value as bool? ?? throw Error(e.Origin, $"'{key}' must be true or false, not a {e.TomlKind}");
    }

    private static IReadOnlyList<string> StrList(Dictionary<string, TomlEntry> fields, string key)
    {
        if (!fields.TryGetValue(key, out var e)) return [];
        if (e.Value is List<object?> list && list.All(x => x is string)) return list.Cast<string>().ToList();
        throw Error(e.Origin, $"'{key}' must be a list of repo names, like [\"a\", \"b\"]");
    }
}
