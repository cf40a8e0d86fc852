using System.Security.Cryptography;
using Smctl.Core.Git;

namespace Smctl.Core.Plans.Steps;

/// <summary>A main spec the archive rewrites (Content) or deletes (Content null), with the hash of what it held when planned (Was; null: no file).</summary>
public sealed record SpecWrite(string Path, string? Content, string? Was);

/// <summary>A file of the archive's paths that differed from HEAD when planned (not committed yet): its bytes then, or null when it was gone.</summary>
public sealed record UncommittedFile(string Path, byte[]? Bytes);

/// <summary>
/// 'spec archive' in the repo holding the OpenSpec root: the main specs written (or retired), the change folder moved
/// to changes/archive/, and exactly those paths committed on BRANCH in the repo's main work tree. Done when a child of
/// Parent with this message is on a branch or tag (a later step may merge it and delete BRANCH). Abort and undo put
/// the files back as they were when planned, the uncommitted ones included.
/// </summary>
/// <param name="Change">The change folder, relative to the repo ('/'-separated, as every path here).</param>
/// <param name="Archive">The folder it moves to (changes/archive/YYYY-MM-DD-id).</param>
/// <param name="SpecsDir">The specs root: folders a retirement leaves empty go, up to it.</param>
/// <param name="Diff">What the specs gain and lose, as a unified diff, for plans and dry runs.</param>
public sealed record ChangeArchive(string Branch, string Parent, string Change, string Archive, string SpecsDir,
    IReadOnlyList<SpecWrite> Specs, IReadOnlyList<UncommittedFile> Uncommitted, string Message, string? Diff) : Step
{
    public override string? Detail => Diff;

    public override string Describe() =>
        $"archive {Change} as {Archive}{(Specs.Count > 0 ? $", write {string.Join(", ", Specs.Select(s => s.Path))}" : "")}, git commit -m \"{Message}\" (on {Branch})";

    public override IReadOnlyList<string> OwnedPaths => [Change, Archive, .. Specs.Select(s => s.Path)];

    public override async Task RunAsync(StepContext context, CancellationToken ct)
    {
        if (await context.ChildOfAsync(Parent, Message, ct).ConfigureAwait(false) is not null) return;
        var tip = await context.ResolveAsync(GitRefs.Branch(Branch), ct).ConfigureAwait(false) ?? throw context.Fail($"cannot archive on {Branch}: it does not exist");
        if (tip != Parent)
            throw context.Fail($"{Branch} moved since the plan ({tip[..12]}, planned on {Parent[..12]}): the archive would be committed on work the plan did not see",
                "abort this run ('smctl abort') and archive again");
        if (context.CurrentBranch() != Branch)
            throw context.Fail($"{Branch} is not checked out in {context.Path} any more: the archive is written and committed there", $"git switch {Branch}, then 'smctl continue'");
        var edited = Specs.Where(s => !Unchanged(Full(context, s.Path), s)).Select(s => s.Path).ToList();
        if (edited.Count > 0)
            throw context.Fail($"{string.Join(", ", edited)} changed since the plan was made: archiving would overwrite that edit",
                "move the edit aside, then 'smctl continue'; or 'smctl abort' and archive again");

        foreach (var spec in Specs)
        {
            var full = Full(context, spec.Path);
            if (spec.Content is not null) IO.AtomicFile.WriteAllText(full, spec.Content, throughLinks: true);
            else if (File.Exists(full))
            {
                File.Delete(full);
                PruneEmptyFolders(System.IO.Path.GetDirectoryName(full)!, Full(context, SpecsDir));
            }
        }
        var (change, archive) = (Full(context, Change), Full(context, Archive));
        if (Directory.Exists(change))
        {
            if (Directory.Exists(archive)) throw context.Fail($"{Archive} exists beside {Change}: move one aside, then 'smctl continue'");
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(archive)!);
            Directory.Move(change, archive);
        }
        else if (!Directory.Exists(archive)) throw context.Fail($"{Change} is gone and was not archived: put it back, then 'smctl continue'; or 'smctl abort'");

        await context.RunAsync(ct, ["add", "-A", "--", .. await PresentOrTrackedAsync(context, "", ct).ConfigureAwait(false)]).ConfigureAwait(false);
        // A 'git add' of an earlier, killed try may have staged the change folder's removal: HEAD still has it, and so must the commit.
        await context.RunAsync(ct, ["commit", "--quiet", "-m", Message, "--", .. await PresentOrTrackedAsync(context, "--with-tree=HEAD", ct).ConfigureAwait(false)]).ConfigureAwait(false);
    }

    /// <summary>
    /// After abort or undo moved BRANCH back to Parent: the change folder, the specs and the uncommitted files of these
    /// paths as they were when planned (unstaged). The folder is moved back whole when the run moved it and no commit
    /// had taken it; what a reset left in the archive folder (ignored files) goes back into the change folder.
    /// </summary>
    public override async Task PutBackFilesAsync(StepContext context, bool dryRun, ICollection<string> putBack, ICollection<string> problems, CancellationToken ct)
    {
        var (change, archive) = (Full(context, Change), Full(context, Archive));
        var untouched = !Directory.Exists(archive) && Directory.Exists(change) && Specs.All(s => Sha(Full(context, s.Path)) == s.Was)
            && Uncommitted.All(f => Sha(Full(context, f.Path)) == (f.Bytes is null ? null : Hash(f.Bytes)));
        if (untouched) return;
        // A dry run has not moved the refs back yet.
        var head = await context.ResolveAsync("HEAD", ct).ConfigureAwait(false);
        if (!dryRun && (context.CurrentBranch() != Branch || head != Parent))
        {
            problems.Add($"{Branch} is not back at {Parent[..12]} in {context.Path}: the archive's files ({Archive}, the specs) are left as they are");
            return;
        }
        var edited = new List<string>();
        foreach (var spec in Specs)
            if (!Unchanged(Full(context, spec.Path), spec) && !await AtParentAsync(context, spec.Path, ct).ConfigureAwait(false)) edited.Add(spec.Path);
        if (edited.Count > 0)
        {
            problems.Add($"{string.Join(", ", edited)} changed since the archive: left as they are, and so is {Archive}");
            return;
        }
        putBack.Add($"put back {Change} and {(Specs.Count == 0 ? "its files" : $"{Specs.Count} spec(s)")} as they were before the archive");
        if (dryRun) return;

        if (Directory.Exists(archive))
        {
            if (!Directory.Exists(change)) Directory.Move(archive, change);
            else MoveBackLeftovers(archive, change);
        }
        var tracked = (await context.RunAsync(ct, ["ls-tree", "-r", "--name-only", "-z", Parent, "--", Change, .. Specs.Select(s => s.Path)]).ConfigureAwait(false))
            .TrimEnd('\n').Split('\0', StringSplitOptions.RemoveEmptyEntries);
        foreach (var chunk in tracked.Chunk(500))
            await context.RunAsync(ct, ["--literal-pathspecs", "checkout", Parent, "--", .. chunk]).ConfigureAwait(false);
        foreach (var spec in Specs.Where(s => !tracked.Contains(s.Path) && File.Exists(Full(context, s.Path))))
        {
            File.Delete(Full(context, spec.Path));
            PruneEmptyFolders(System.IO.Path.GetDirectoryName(Full(context, spec.Path))!, Full(context, SpecsDir));
        }
        foreach (var file in Uncommitted)
        {
            var full = Full(context, file.Path);
            if (file.Bytes is null) { if (File.Exists(full)) File.Delete(full); continue; }
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllBytes(IO.AtomicFile.ThroughLinks(full), file.Bytes);
        }
        await context.RunAsync(ct, ["reset", "-q", "--", .. OwnedPaths]).ConfigureAwait(false);
    }

    /// <summary>A reset moved the tracked files back; files it does not track (ignored ones) stayed in the archive folder and return.</summary>
    private static void MoveBackLeftovers(string archive, string change)
    {
        foreach (var file in Directory.EnumerateFiles(archive, "*", SearchOption.AllDirectories).ToList())
        {
            var target = System.IO.Path.Combine(change, System.IO.Path.GetRelativePath(archive, file));
            if (File.Exists(target)) continue;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Move(file, target);
        }
        if (!Directory.EnumerateFiles(archive, "*", SearchOption.AllDirectories).Any()) Directory.Delete(archive, recursive: true);
    }

    /// <summary>The spec holds what it held when planned, or what the archive writes there (a killed run's half).</summary>
    private static bool Unchanged(string full, SpecWrite spec)
    {
        var now = Sha(full);
        return now == spec.Was || now == (spec.Content is null ? null : Hash(System.Text.Encoding.UTF8.GetBytes(spec.Content)));
    }

    /// <summary>The file is the one Parent commits (a reset put it back): git's own hash of it, its filters applied.</summary>
    private async Task<bool> AtParentAsync(StepContext context, string path, CancellationToken ct)
    {
        var committed = await context.TryAsync(ct, "rev-parse", "--verify", "--quiet", $"{Parent}:{path}").ConfigureAwait(false);
        if (!File.Exists(Full(context, path))) return !committed.Ok;
        var hashed = await context.TryAsync(ct, "hash-object", "--", path).ConfigureAwait(false);
        return committed.Ok && hashed.Ok && committed.Stdout.Trim() == hashed.Stdout.Trim();
    }

    /// <summary>The archive's paths git can take: those on the disk, and those it tracks (the moved-away change folder).</summary>
    /// <param name="withTree">"--with-tree=HEAD" to count what HEAD tracks too (git commit takes those; git add does not).</param>
    private async Task<List<string>> PresentOrTrackedAsync(StepContext context, string withTree, CancellationToken ct)
    {
        string[] listing = withTree.Length > 0 ? ["ls-files", "-z", withTree, "--", .. OwnedPaths] : ["ls-files", "-z", "--", .. OwnedPaths];
        var tracked = (await context.RunAsync(ct, listing).ConfigureAwait(false)).TrimEnd('\n').Split('\0', StringSplitOptions.RemoveEmptyEntries);
        return [.. OwnedPaths.Where(p => Path.Exists(Full(context, p)) || tracked.Any(t => t == p || t.StartsWith(p + "/", StringComparison.Ordinal)))];
    }

    /// <summary>Removes folders a retirement left empty, up to (not including) the specs root.</summary>
    public static void PruneEmptyFolders(string start, string boundary)
    {
        var limit = IO.Paths.Real(boundary);
        for (var dir = start; IO.Paths.IsWithin(limit, IO.Paths.Real(dir)) && IO.Paths.Real(dir) != limit; dir = System.IO.Path.GetDirectoryName(dir)!)
        {
            if (new DirectoryInfo(dir).LinkTarget is not null || Directory.EnumerateFileSystemEntries(dir).Any()) return;
            Directory.Delete(dir);
        }
    }

    public static string? Sha(string file) => File.Exists(file) ? Hash(File.ReadAllBytes(file)) : null;

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Full(StepContext context, string path) => System.IO.Path.Combine(context.Path, path);
}
