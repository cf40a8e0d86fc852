using System.Text.RegularExpressions;

namespace Smctl.Core.IO;

/// <summary>
/// Scratch files and folders carry the id of the process that made them (".config.toml.4242.&lt;guid&gt;.tmp",
/// "smctl-commit-4242-…"): one a kill left behind belongs to no live process, and the next smctl that makes such
/// things in the same place removes it. A live process's scratch is never touched.
/// </summary>
public static partial class Leftovers
{
    /// <summary>A scratch name for this process: <paramref name="prefix"/>, the process id, a unique part.</summary>
    public static string Name(string prefix) => $"{prefix}{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>A new scratch folder under the system temp folder, readable by this user only.</summary>
    public static DirectoryInfo TempFolder(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), Name(prefix));
        return OperatingSystem.IsWindows() ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Removes the entries of <paramref name="dir"/> that start with <paramref name="prefix"/> and whose process is gone.</summary>
    public static void Sweep(string dir, string prefix)
    {
        if (!Directory.Exists(dir)) return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir, prefix + "*"))
        {
            var match = OwnerPid().Match(Path.GetFileName(entry)[prefix.Length..]);
            if (!match.Success || !int.TryParse(match.Groups[1].Value, out var pid) || IsAlive(pid)) continue;
            try
            {
                if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
            }
            catch (IOException) { } // its process was not so dead after all, or another smctl swept it first
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Where process ids cannot be told apart from /proc, every process counts as alive (nothing is removed).</summary>
    private static bool IsAlive(int pid) =>
        pid == Environment.ProcessId || !OperatingSystem.IsLinux() || !Directory.Exists("/proc/self") || Directory.Exists($"/proc/{pid}");

    [GeneratedRegex(@"^(\d+)[-.]")]
    private static partial Regex OwnerPid();
}
