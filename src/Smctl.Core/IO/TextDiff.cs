using Smctl.Core.Git;

namespace Smctl.Core.IO;

/// <summary>Unified diffs of planned file changes (git diff --no-index), for what a dry run shows.</summary>
public static class TextDiff
{
    /// <summary>Its scratch folders' names; a dry run makes them too, so a run that changes things sweeps them (see FilesCommit).</summary>
    public const string ScratchPrefix = "smctl-diff-";

    /// <param name="changes">Each file's path as shown, its old text (null: created) and new text (null: deleted).</param>
    public static async Task<string> UnifiedAsync(GitRunner git, IEnumerable<(string Path, string? Old, string? New)> changes, CancellationToken ct)
    {
        var scratch = Leftovers.TempFolder(ScratchPrefix);
        try
        {
            var text = new System.Text.StringBuilder();
            foreach (var (name, old, content) in changes)
            {
                var a = Path.Combine(scratch.FullName, "a", name);
                var b = Path.Combine(scratch.FullName, "b", name);
                Directory.CreateDirectory(Path.GetDirectoryName(a)!);
                Directory.CreateDirectory(Path.GetDirectoryName(b)!);
                if (content is not null) await File.WriteAllTextAsync(b, content, ct).ConfigureAwait(false);
                if (old is not null) await File.WriteAllTextAsync(a, old, ct).ConfigureAwait(false);
                // Relative paths and no prefix: the diff reads a/FILE, b/FILE, as any diff does.
                var result = await git.RunAsync(scratch.FullName,
                    ["diff", "--no-index", "--no-color", "--no-prefix", "--", old is null ? "/dev/null" : $"a/{name}", content is null ? "/dev/null" : $"b/{name}"], ct).ConfigureAwait(false);
                text.Append(result.Stdout);
            }
            return text.ToString();
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
