using Smctl.Core.Errors;

namespace Smctl.Core.Spec.Shared;

/// <summary>A capability's spec.md under a specs/ folder, by its id: the folder path below specs/ ("auth" or "identity/auth").</summary>
public sealed record SpecFile(string Id, string Path);

/// <summary>A markdown file with delta sections that the merge never reads (not a capability's spec.md).</summary>
public sealed record UnreadDeltaFile(string Path, string Expected);

/// <summary>
/// Finding spec files as OpenSpec does: spec.md at any depth below specs/ (not at its root), dot entries skipped,
/// symlinked folders not followed, an in-capability symlinked spec.md read; results in code-point order.
/// </summary>
public static class DeltaFiles
{
    public static IReadOnlyList<SpecFile> Discover(string specsRoot)
    {
        var results = new List<SpecFile>();
        void Walk(string dir, List<string> segments)
        {
            foreach (var entry in Entries(dir))
            {
                if (entry.Name.StartsWith('.')) continue;
                if (IsRealDirectory(entry)) Walk(entry.FullName, [.. segments, entry.Name]);
                else if (entry.Name == "spec.md" && segments.Count > 0 && IsFileOrLinkToFile(entry))
                {
                    // Folders on the way are real (symlinked ones are not walked), so only a linked spec.md can lead out.
                    if (entry.LinkTarget is not null) AssertWithin(specsRoot, dir, entry.FullName);
                    results.Add(new SpecFile(string.Join('/', segments), entry.FullName));
                }
            }
        }
        Walk(specsRoot, []);
        return [.. results.OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<UnreadDeltaFile> Unread(string specsRoot)
    {
        var results = new List<UnreadDeltaFile>();
        void Walk(string dir, List<string> segments)
        {
            foreach (var entry in Entries(dir))
            {
                if (entry.Name.StartsWith('.')) continue;
                if (IsRealDirectory(entry)) { Walk(entry.FullName, [.. segments, entry.Name]); continue; }
                if (entry.Name == "spec.md" || !entry.Name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || !IsFileOrLinkToFile(entry)) continue;
                if (!DeltaSpec.Parse(SpecText.Read(entry.FullName)).HasAnySection) continue;
                var capability = segments.Count > 0 ? string.Join('/', segments) : entry.Name[..^3];
                results.Add(new UnreadDeltaFile(string.Join('/', [.. segments, entry.Name]), $"{capability}/spec.md"));
            }
        }
        Walk(specsRoot, []);
        return [.. results.OrderBy(r => r.Path, StringComparer.Ordinal)];
    }

    /// <summary>Whether any non-dot file (or symlink) lies anywhere below the folder.</summary>
    public static bool AnyFileUnder(string dir) =>
        Entries(dir).Any(e => !e.Name.StartsWith('.') && (IsRealDirectory(e) ? AnyFileUnder(e.FullName) : e is FileInfo || e.LinkTarget is not null));

    private static IEnumerable<FileSystemInfo> Entries(string dir)
    {
        var info = new DirectoryInfo(dir);
        if (!info.Exists) return [];
        return info.EnumerateFileSystemInfos();
    }

    private static bool IsRealDirectory(FileSystemInfo entry) => entry is DirectoryInfo && entry.LinkTarget is null;

    private static bool IsFileOrLinkToFile(FileSystemInfo entry)
    {
        if (entry.LinkTarget is null) return entry is FileInfo;
        return File.Exists(entry.FullName);
    }

    /// <summary>A spec.md must lie (symlinks resolved) inside the specs root, or at least inside its own capability folder.</summary>
    private static void AssertWithin(string specsRoot, string capabilityDir, string file)
    {
        if (IO.Paths.IsWithinReal(specsRoot, file) || IO.Paths.IsWithinReal(capabilityDir, file)) return;
        throw new SmctlException(ErrorKind.SpecValidation, $"Path is outside the allowed directory: {file}", "a spec.md may link only within its capability folder");
    }
}
