using Smctl.Core.Config.Shared;
using Smctl.Core.Errors;

namespace Smctl.Core.Spec.Shared;

/// <summary>An OpenSpec root (a folder holding changes/ and specs/), and the repo it lies in, if any.</summary>
/// <param name="Primary">The workspace's own root: [spec] openspec_dir, else the smctl_home repo's openspec/.</param>
public sealed record SpecRoot(string Path, string? Repo, bool Primary)
{
    public string ChangesDir => System.IO.Path.Combine(Path, "changes");
    public string SpecsDir => System.IO.Path.Combine(Path, "specs");
}

/// <summary>Where OpenSpec trees are: the workspace's root and every repo's own openspec/ folder.</summary>
public static class SpecRoots
{
    public static IReadOnlyList<SpecRoot> Find(SmctlContext context, Workspace.Shared.Workspace ws)
    {
        var roots = new List<SpecRoot>();
        var primary = PrimaryPath(context, ws);
        if (primary is not null && Directory.Exists(primary)) roots.Add(new SpecRoot(primary, RepoOf(ws, primary), Primary: true));
        foreach (var repo in ws.Repos)
        {
            var folder = System.IO.Path.Combine(repo.FullPath, "openspec");
            if (Directory.Exists(folder) && roots.All(r => !SamePath(r.Path, folder))) roots.Add(new SpecRoot(folder, repo.Name, Primary: false));
        }
        return roots;
    }

    /// <summary>Every root, or one clear error saying how to start when there is none.</summary>
    public static IReadOnlyList<SpecRoot> Require(SmctlContext context, Workspace.Shared.Workspace ws)
    {
        var roots = Find(context, ws);
        if (roots.Count > 0) return roots;
        var home = ws.Repos.FirstOrDefault(r => r.SmctlHome);
        throw new SmctlException(ErrorKind.SpecValidation, "no OpenSpec root in this workspace: no openspec/ folder in any repo" +
            (context.Settings.String(ConfigKeys.OpenspecDir) is { } dir ? $" and none at spec.openspec_dir ({dir})" : ""),
            home is null
                ? "run 'openspec init' in the repo that should hold the specs, or set spec.openspec_dir"
                : $"run 'openspec init' in {home.Name} (the smctl_home repo), or set spec.openspec_dir");
    }

    private static string? PrimaryPath(SmctlContext context, Workspace.Shared.Workspace ws)
    {
        if (context.Settings.String(ConfigKeys.OpenspecDir) is { Length: > 0 } dir) return System.IO.Path.GetFullPath(dir, ws.RootDir);
        return ws.Repos.FirstOrDefault(r => r.SmctlHome) is { } home ? System.IO.Path.Combine(home.FullPath, "openspec") : null;
    }

    private static string? RepoOf(Workspace.Shared.Workspace ws, string path) =>
        ws.Repos.FirstOrDefault(r => path.StartsWith(r.FullPath + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))?.Name;

    private static bool SamePath(string a, string b) => System.IO.Path.GetFullPath(a) == System.IO.Path.GetFullPath(b);
}
