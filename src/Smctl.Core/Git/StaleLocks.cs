namespace Smctl.Core.Git;

/// <summary>
/// git's lock files (<c>index.lock</c>, <c>HEAD.lock</c>, <c>refs/heads/x.lock</c>, …) left behind when a git process
/// is killed: git takes each by creating it and holds it open until it renames or deletes it, so a lock file that no
/// live process has open is a dead one's, and every later git command refuses until it is gone.
/// </summary>
public static class StaleLocks
{
    /// <summary>
    /// Deletes the lock files under <paramref name="gitDir"/> (a repo's common git folder, its work trees' folders,
    /// its refs) that no process holds; returns the ones deleted. Where who holds a file cannot be told (no /proc),
    /// nothing is deleted while any git process runs.
    /// </summary>
    public static IReadOnlyList<string> Clear(string gitDir)
    {
        var found = Find(gitDir);
        if (found.Count == 0) return [];
        var held = OpenFiles();
        var cleared = new List<string>();
        foreach (var file in found)
        {
            if (held is null ? AnyGitRunning() : held.Contains(file)) continue;
            try
            {
                File.Delete(file);
                cleared.Add(file);
            }
            catch (IOException)
            {
                // Gone meanwhile (its git finished) or not ours to delete: either way not stale any more.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return cleared;
    }

    /// <summary>
    /// Why git would refuse to change the work tree at <paramref name="repoPath"/> because of a lock file of its index
    /// or HEAD, or null. Asked before a command changes any repo, so none is switched while another stays behind.
    /// </summary>
    public static string? BlockingWorkTree(string repoPath)
    {
        var gitDir = RepoReader.GitDirOf(repoPath);
        foreach (var name in new[] { "index.lock", "HEAD.lock" })
        {
            var file = Path.Combine(gitDir, name);
            if (!File.Exists(file)) continue;
            var held = OpenFiles();
            var holder = held is null ? "another git is running there, or a killed one left it"
                : held.Contains(Path.GetFullPath(file)) ? "a git running there holds it" : "no process holds it: a killed git left it";
            return $"git's {file} is there ({holder}); once no git runs in the repo, delete it";
        }
        return null;
    }

    /// <summary>The lock files git may leave: at the top of the git folder and of each work tree's, and among the refs.</summary>
    public static IReadOnlyList<string> Find(string gitDir)
    {
        if (!Directory.Exists(gitDir)) return [];
        var files = new List<string>(Directory.EnumerateFiles(gitDir, "*.lock"));
        var worktrees = Path.Combine(gitDir, "worktrees");
        if (Directory.Exists(worktrees))
            foreach (var dir in Directory.EnumerateDirectories(worktrees)) files.AddRange(Directory.EnumerateFiles(dir, "*.lock"));
        foreach (var sub in new[] { "refs", "logs" })
        {
            var dir = Path.Combine(gitDir, sub);
            if (Directory.Exists(dir)) files.AddRange(Directory.EnumerateFiles(dir, "*.lock", SearchOption.AllDirectories));
        }
        return [.. files.Select(Path.GetFullPath)];
    }

    /// <summary>Every file some process has open, from /proc (Linux), or null where that cannot be read.</summary>
    private static HashSet<string>? OpenFiles()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd")) return null;
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), out _)) continue;
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(proc, "fd")))
                    if (new FileInfo(fd).LinkTarget is { } target) open.Add(target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Ended while being read, or another user's: a git we may not look into might hold one of ours.
                if (ReadComm(proc) == "git") return null;
            }
        }
        return open;
    }

    private static string? ReadComm(string proc)
    {
        try { return File.ReadAllText(Path.Combine(proc, "comm")).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static bool AnyGitRunning() => System.Diagnostics.Process.GetProcessesByName("git").Length > 0;
}
