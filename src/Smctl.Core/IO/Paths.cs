namespace Smctl.Core.IO;

/// <summary>Path containment with symlinks resolved, for checks that a file stays inside a folder.</summary>
public static class Paths
{
    /// <summary>The path with every symlink on it that exists resolved (what realpath(3) gives, for the existing part).</summary>
    public static string Real(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists) return Path.Combine([next, .. parts[(i + 1)..]]);
            current = info.LinkTarget is null ? next : Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next);
        }
        return current;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="dir"/> or below it, both with symlinks resolved.</summary>
    public static bool IsWithinReal(string dir, string path) => IsWithin(Real(dir), Real(path));

    /// <summary>True when <paramref name="path"/> is <paramref name="dir"/> or below it, lexically.</summary>
    public static bool IsWithin(string dir, string path)
    {
        var d = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));
        var p = Path.GetFullPath(path);
        return p == d || p.StartsWith(d + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
