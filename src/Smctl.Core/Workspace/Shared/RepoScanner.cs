using Smctl.Core.Git;

namespace Smctl.Core.Workspace.Shared;

/// <summary>Finds the git clones below a folder, for <c>workspace init --scan</c>.</summary>
public static class RepoScanner
{
    private const int MaxDepth = 4;

    /// <summary>Top-level work trees below <paramref name="root"/> (not the root itself, not inside another repo or .smctl/.worktrees).</summary>
    public static IReadOnlyList<string> Find(string root, IReadOnlySet<string> skip)
    {
        var found = new List<string>();
        Walk(new DirectoryInfo(root), 0);
        found.Sort(StringComparer.Ordinal);
        return found;

        void Walk(DirectoryInfo dir, int depth)
        {
            IEnumerable<DirectoryInfo> children;
            try { children = dir.EnumerateDirectories(); }
            catch (UnauthorizedAccessException) { return; }
            foreach (var child in children.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                if (child.Name is ".git" or SmctlLayout.FolderName || skip.Contains(child.FullName) || child.LinkTarget is not null) continue;
                if (RepoReader.IsRepository(child.FullName)) { found.Add(child.FullName); continue; }
                if (depth + 1 < MaxDepth && !child.Name.StartsWith('.')) Walk(child, depth + 1);
            }
        }
    }
}
