using Semver;
using Smctl.Core.Branches;
using Smctl.Core.Git;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Release.Shared;

/// <summary>A repo's last release tag reachable from a ref, and the commits after it, read as Conventional Commits.</summary>
/// <param name="To">The ref the commits run up to (develop in git-flow, main in trunk, or what was asked for).</param>
/// <param name="Forge">The repo's forge when its remote is on one, for commit and compare links.</param>
public sealed record ReleaseHistory(string Repo, string To, string? LastTag, SemVersion? LastVersion, IReadOnlyList<ConventionalCommit> Commits, Forge? Forge)
{
    /// <summary>The highest version tagged anywhere in the repo, pre-releases included: a release never goes at or below it.</summary>
    public TagVersion? HighestTagged { get; init; }
    /// <summary>Tags that look like versions but are not semantic versions (skipped).</summary>
    public IReadOnlyList<string> Unreadable { get; init; } = [];

    /// <summary>
    /// Reads <paramref name="repo"/>: the highest release tag merged into <paramref name="to"/> (or <paramref name="from"/>
    /// when given) — with the repo's prefix, "v" or none, as real repos mix them — and the commits from it to
    /// <paramref name="to"/>, newest first. Merge commits are left out: in git flow they are the branches' bookkeeping,
    /// and what they bring is listed commit by commit.
    /// </summary>
    public static async Task<ReleaseHistory> ReadAsync(GitRunner git, RepoEntry repo, string tagPrefix, string to, string? from, CancellationToken ct)
    {
        await git.RunCheckedAsync(repo.FullPath, ["rev-parse", "--verify", "--quiet", "--end-of-options", to + "^{commit}"], repo.Name, ct).ConfigureAwait(false);
        var all = Lines(await git.RunCheckedAsync(repo.FullPath, ["tag", "--list"], repo.Name, ct).ConfigureAwait(false));
        string? lastTag = from;
        SemVersion? lastVersion = from is null ? null : TagVersions.Read([from], tagPrefix).Select(t => (SemVersion?)t.Version).FirstOrDefault();
        if (from is null)
        {
            var merged = Lines(await git.RunCheckedAsync(repo.FullPath, ["tag", "--list", "--merged", to], repo.Name, ct).ConfigureAwait(false));
            // The repo's own prefix wins a tie (v2.8.0 and 2.8.0 on one commit).
            var last = TagVersions.Read(merged, tagPrefix).Where(t => t.Version.IsRelease)
                .OrderByDescending(t => t.Version, SemVersion.PrecedenceComparer).ThenByDescending(t => t.Prefix == tagPrefix).Cast<TagVersion?>().FirstOrDefault();
            (lastTag, lastVersion) = (last?.Tag, last?.Version);
        }
        else
        {
            await git.RunCheckedAsync(repo.FullPath, ["rev-parse", "--verify", "--quiet", "--end-of-options", from + "^{commit}"], repo.Name, ct).ConfigureAwait(false);
        }
        var range = lastTag is null ? to : $"{lastTag}..{to}";
        var log = await git.RunCheckedAsync(repo.FullPath, ["log", "--no-merges", "--format=%H%x1f%B%x1e", range, "--"], repo.Name, ct).ConfigureAwait(false);
        var commits = log.Split('\x1e', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.TrimStart('\n').Split('\x1f', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => ConventionalCommit.Parse(parts[0], parts[1]))
            .ToList();
        return new ReleaseHistory(repo.Name, to, lastTag, lastVersion, commits, Forge.Of(repo.Url))
        {
            HighestTagged = TagVersions.Read(all, tagPrefix).OrderByDescending(t => t.Version, SemVersion.PrecedenceComparer).Cast<TagVersion?>().FirstOrDefault(),
            Unreadable = TagVersions.Unreadable(all, tagPrefix),
        };
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The link to one commit on the forge.</summary>
    public string? CommitUrl(string sha) => Forge?.CommitUrl(sha);

    /// <summary>The forge's page comparing two tags, or null when either is unknown.</summary>
    public string? CompareUrl(string? from, string? to) => from is null || to is null ? null : Forge?.CompareUrl(from, to);
}
