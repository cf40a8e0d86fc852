using Smctl.Core.Git;
using Smctl.Core.Plans.Steps;

namespace Smctl.Core.Plans;

/// <summary>A work tree whose files a step rewrites, and the commit or tree whose files it writes there.</summary>
public sealed record WorkTreeWrite(string Folder, string Target);

/// <summary>
/// What a kill of the whole process group (a closed terminal, Ctrl-C, the OOM killer) leaves behind mid-git, undone
/// before continue, skip or abort go on: git's lock files that no process holds any more, and the files a killed
/// switch or merge had half-written into a work tree.
/// </summary>
public static class Recovery
{
    /// <summary>Clears the stale git locks of a run's repo, and of its remote where that is a folder here (its git ran in our group too).</summary>
    public static void ClearStaleLocks(SmctlContext context, StepContext repo)
    {
        var dirs = new List<string> { RepoReader.CommonDir(repo.Path) };
        if (LocalRemote(repo) is { } remote) dirs.Add(remote);
        foreach (var file in dirs.SelectMany(StaleLocks.Clear))
            context.Warn($"{repo.Repo}: removed {file}, a lock a killed git left behind");
    }

    /// <summary>The git folder of the remote when its url is a path on this machine.</summary>
    private static string? LocalRemote(StepContext repo)
    {
        var url = repo.Read(r => r.Network.Remotes[repo.Remote]?.Url);
        if (url is null) return null;
        if (url.StartsWith("file://", StringComparison.Ordinal)) url = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.LocalPath : null;
        else if (url.Contains("://", StringComparison.Ordinal) || (url.Contains(':') && !Path.IsPathRooted(url))) return null;
        if (url is null) return null;
        var path = Path.GetFullPath(url, repo.Path);
        return Directory.Exists(Path.Combine(path, ".git")) ? Path.Combine(path, ".git") : Directory.Exists(Path.Combine(path, "refs")) ? path : null;
    }

    /// <summary>
    /// Before the steps from <paramref name="from"/> on run again (or are rolled back): files of their work trees that a
    /// killed git left at the step's own version are put back to HEAD's, so git can do the step whole. Files with any
    /// other content are the user's and are left alone (git then refuses, naming them).
    /// </summary>
    public static async Task UndoHalfWrittenAsync(SmctlContext context, StepContext repo, IEnumerable<Step> steps, CancellationToken ct)
    {
        var list = steps.ToList();
        // A step that puts its own files back (a spec archive's moved change) has them looked at by no other.
        var owned = list.SelectMany(s => s.OwnedPaths).ToList();
        foreach (var step in list)
            if (await step.WorkTreeWriteAsync(repo, ct).ConfigureAwait(false) is { } write)
            {
                var put = await UndoHalfWrittenAsync(repo, write, ct, owned).ConfigureAwait(false);
                if (put.Count > 0)
                    context.Warn($"{repo.Repo}: put back {put.Count} file(s) a killed git had half-written in {write.Folder} ({string.Join(", ", put.Take(5))}{(put.Count > 5 ? ", …" : "")})");
            }
    }

    /// <summary>Puts back to HEAD's version every changed file of the work tree whose content is the target's; returns their paths.</summary>
    /// <param name="leave">Paths (relative to the repo) another step puts back itself.</param>
    public static async Task<IReadOnlyList<string>> UndoHalfWrittenAsync(StepContext repo, WorkTreeWrite write, CancellationToken ct, IReadOnlyList<string>? leave = null)
    {
        var git = repo.Git;
        var status = await git.RunAsync(write.Folder, ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"], ct).ConfigureAwait(false);
        if (!status.Ok) return [];
        var changed = status.Stdout.TrimEnd('\n').Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(e => e.Length > 3).Select(e => e[3..]).Distinct(StringComparer.Ordinal)
            .Where(p => leave is null || !leave.Any(l => p == l || p.StartsWith(l + "/", StringComparison.Ordinal))).ToList();
        if (changed.Count == 0) return [];
        var target = await BlobsAsync(git, write.Folder, write.Target, ct).ConfigureAwait(false);
        var head = await BlobsAsync(git, write.Folder, "HEAD", ct).ConfigureAwait(false);
        if (target is null || head is null) return [];
        var present = changed.Where(p => File.Exists(Path.Combine(write.Folder, p)) && !new FileInfo(Path.Combine(write.Folder, p)).Attributes.HasFlag(FileAttributes.ReparsePoint)).ToList();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in present.Chunk(500))
        {
            var hashed = await git.RunAsync(write.Folder, ["hash-object", "--", .. chunk], ct).ConfigureAwait(false);
            if (!hashed.Ok) return [];
            foreach (var (path, sha) in chunk.Zip(hashed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))) hashes[path] = sha.Trim();
        }
        var ours = changed.Where(p => hashes.TryGetValue(p, out var sha)
            ? target.GetValueOrDefault(p) == sha || (target.TryGetValue(p, out var blob) && WriteCutShort(repo, Path.Combine(write.Folder, p), blob))
            : !File.Exists(Path.Combine(write.Folder, p)) && !target.ContainsKey(p)).ToList();
        if (ours.Count == 0) return [];
        var inHead = ours.Where(head.ContainsKey).ToList();
        var added = ours.Where(p => !head.ContainsKey(p)).ToList();
        foreach (var chunk in inHead.Chunk(500))
            await git.RunCheckedAsync(write.Folder, ["--literal-pathspecs", "checkout", "HEAD", "--", .. chunk], repo.Repo, ct).ConfigureAwait(false);
        foreach (var chunk in added.Chunk(500))
            await git.RunCheckedAsync(write.Folder, ["--literal-pathspecs", "rm", "-q", "--cached", "--ignore-unmatch", "--", .. chunk], repo.Repo, ct).ConfigureAwait(false);
        foreach (var path in added) File.Delete(Path.Combine(write.Folder, path));
        return ours;
    }

    /// <summary>git writes a file in place, so the one it was writing when killed holds the start of its new content (often nothing).</summary>
    private static bool WriteCutShort(StepContext repo, string file, string blob)
    {
        var written = File.ReadAllBytes(file);
        return repo.Read(r =>
        {
            if (r.Lookup(blob) is not LibGit2Sharp.Blob content || content.Size < written.Length) return false;
            using var stream = content.GetContentStream();
            var start = new byte[written.Length];
            stream.ReadExactly(start);
            return start.AsSpan().SequenceEqual(written);
        });
    }

    /// <summary>Path → blob of every file in a commit or tree, or null when it cannot be read.</summary>
    private static async Task<Dictionary<string, string>?> BlobsAsync(GitRunner git, string folder, string rev, CancellationToken ct)
    {
        var listed = await git.RunAsync(folder, ["ls-tree", "-r", "-z", "--full-tree", rev], ct).ConfigureAwait(false);
        if (!listed.Ok) return null;
        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in listed.Stdout.TrimEnd('\n').Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = entry.IndexOf('\t');
            var fields = entry[..tab].Split(' ');
            if (fields.Length == 3 && fields[1] == "blob") blobs[entry[(tab + 1)..]] = fields[2];
        }
        return blobs;
    }
}
