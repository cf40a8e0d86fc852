namespace Smctl.Core.Spec.Shared;

/// <summary>
/// A folder under changes/ that is not a change but wraps changes (changes/&lt;area&gt;/&lt;name&gt;/), which OpenSpec does not
/// support: reported instead of "no deltas", and refused by archive.
/// </summary>
public static class NestedChange
{
    public const string Marker = "is not a change: it is a folder wrapping";
    private static readonly string[] RootFiles = [ChangeMetadata.FileName, "proposal.md", "tasks.md", "design.md"];

    /// <summary>The nested change ids (area/name) when changes/&lt;name&gt; is such a folder, else null.</summary>
    public static IReadOnlyList<string>? In(string changesDir, string name)
    {
        if (name == "archive" || name.StartsWith('.')) return null;
        var dir = Path.Combine(changesDir, name);
        if (LooksLikeChange(dir) || HasOwnFile(dir)) return null;
        var nested = new List<string>();
        Collect(dir, name, 1, nested);
        return nested.Count == 0 ? null : [.. nested.Order(StringComparer.Ordinal)];
    }

    public static string Describe(string name, IReadOnlyList<string> nested) =>
        $"\"{name}\" {Marker} {string.Join(", ", nested.Select(id => $"openspec/changes/{id}/"))}. " +
        "A change must be a directory directly under openspec/changes/, so those nested directories are invisible to OpenSpec while the folder around them " +
        "is reported as a change. Nested paths are supported under openspec/specs/ only. " +
        $"Rename each nested change to a flat name (for example \"{nested[0].Replace('/', '-')}\").";

    private static bool LooksLikeChange(string dir) =>
        RootFiles.Any(f => File.Exists(Path.Combine(dir, f))) || DeltaFiles.AnyFileUnder(Path.Combine(dir, "specs"));

    private static bool HasOwnFile(string dir) =>
        Directory.Exists(dir) && new DirectoryInfo(dir).EnumerateFileSystemInfos().Any(e => !e.Name.StartsWith('.') && !(e is DirectoryInfo && e.LinkTarget is null));

    private static void Collect(string dir, string prefix, int depth, List<string> found)
    {
        if (depth > 3 || !Directory.Exists(dir)) return;
        foreach (var child in new DirectoryInfo(dir).EnumerateDirectories().Where(d => !d.Name.StartsWith('.') && d.LinkTarget is null))
        {
            var id = $"{prefix}/{child.Name}";
            if (LooksLikeChange(child.FullName)) found.Add(id);
            else Collect(child.FullName, id, depth + 1, found);
        }
    }
}
