using System.Text;

namespace Smctl.Core.IO;

/// <summary>Writes files so a reader sees either the old or the new content, never half of one.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="durable">
    /// On the disk before it returns (the file before the rename, the folder after it): user files, and run state at
    /// the points a lag would cost; bookkeeping rewritten after every step skips it.
    /// </param>
    /// <param name="throughLinks">
    /// A symlink is written where it points, so the link stays (a user's dotfiles repo); smctl's own files never are.
    /// </param>
    public static void WriteAllText(string path, string content, bool durable = true, bool throughLinks = false)
    {
        Operations.DryRun.Refuse("writing " + path);
        if (throughLinks) path = ThroughLinks(path);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var scratchPrefix = $".{Path.GetFileName(path)}.";
        // Not on the bookkeeping rewritten after every step: a folder scan there would be paid ten times a second.
        if (durable) Leftovers.Sweep(dir, scratchPrefix);
        var temp = Path.Combine(dir, $"{scratchPrefix}{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = Utf8NoBom.GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: durable);
            }
            // The new file keeps the old one's permissions: a 0600 config must not become world-readable.
            if (!OperatingSystem.IsWindows() && File.Exists(path)) File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            File.Move(temp, path, overwrite: true);
            if (durable) DirectorySync.Flush(dir);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Where a chain of symlinks ends (the path itself when it is not a link, or the link dangles).</summary>
    public static string ThroughLinks(string path) =>
        new FileInfo(path).LinkTarget is not null ? File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path : path;
}
