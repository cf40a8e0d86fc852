using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;

namespace Smctl.Core.Build.Shared;

/// <summary>The parts a repo's build key is made of, kept so --explain can say which one changed.</summary>
public sealed record BuildKeyParts(string Tree, string Commands, string Environment, string Dependencies)
{
    public string Key => Hash($"{Tree}\n{Commands}\n{Environment}\n{Dependencies}");

    /// <summary>Which parts differ from an earlier key's, in words.</summary>
    public IReadOnlyList<string> ChangedSince(BuildKeyParts? before) => before is null ? ["never built"] :
        new[]
        {
            Tree != before.Tree ? "the files changed (a commit or an uncommitted edit)" : null,
            Commands != before.Commands ? "its commands changed" : null,
            Environment != before.Environment ? "the environment changed" : null,
            Dependencies != before.Dependencies ? "a dependency changed" : null,
        }.OfType<string>().ToList();

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// The tree state: HEAD's tree id plus the content of every uncommitted tracked change and untracked file
    /// git does not ignore. Build outputs that git ignores are not part of it.
    /// </summary>
    public static string TreeState(string folder)
    {
        using var repo = new Repository(folder);
        var sb = new StringBuilder(repo.Head.Tip?.Tree.Sha ?? "unborn");
        var options = new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true, IncludeIgnored = false, ExcludeSubmodules = true };
        foreach (var entry in repo.RetrieveStatus(options).OrderBy(e => e.FilePath, StringComparer.Ordinal))
        {
            if (entry.State is FileStatus.Ignored or FileStatus.Unaltered) continue;
            var path = Path.Combine(folder, entry.FilePath);
            sb.Append('\n').Append(entry.FilePath).Append(' ');
            sb.Append(File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "deleted");
        }
        return Hash(sb.ToString());
    }
}
