using Semver;
using Smctl.Core.Git;
using Smctl.Core.Workspace.Shared;

namespace Smctl.Core.Release.Shared;

/// <summary>A repo's last release tag reachable from a ref, and the commits after it, read as Conventional Commits.</summary>
/// <param name="To">The ref the commits run up to (develop in git-flow, main in trunk, or what was asked for).</param>
/// <param name="Url">The https url of the repo's page when its remote is on a known forge, for commit links.</param>
public sealed record ReleaseHistory(string Repo, string To, string? LastTag, SemVersion? LastVersion, IReadOnlyList<ConventionalCommit> Commits, string? Url)
{
    /// <summary>
    /// Reads <paramref name="repo"/>: the highest <c>PREFIX&lt;semver&gt;</c> tag merged into <paramref name="to"/> (or
    /// <paramref name="from"/> when given), and the commits from it to <paramref name="to"/>, newest first. Merge commits
    /// are left out: in git flow they are the branches' bookkeeping, and what they bring is listed commit by commit.
    /// </summary>
    public static async Task<ReleaseHistory> ReadAsync(GitRunner git, RepoEntry repo, string tagPrefix, string to, string? from, CancellationToken ct)
    {
        await git.RunCheckedAsync(repo.FullPath, ["rev-parse", "--verify", "--quiet", "--end-of-options", to + "^{commit}"], repo.Name, ct).ConfigureAwait(false);
        string? lastTag = from;
        SemVersion? lastVersion = from is null ? null : VersionOfTag(from, tagPrefix);
        if (from is null)
        {
            var tags = await git.RunCheckedAsync(repo.FullPath, ["tag", "--list", tagPrefix + "*", "--merged", to], repo.Name, ct).ConfigureAwait(false);
            foreach (var tag in tags.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (VersionOfTag(tag, tagPrefix) is { IsRelease: true } v && (lastVersion is null || v.ComparePrecedenceTo(lastVersion) > 0))
                    (lastTag, lastVersion) = (tag, v);
            }
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
        return new ReleaseHistory(repo.Name, to, lastTag, lastVersion, commits, ForgeUrl(repo.Url));
    }

    public static SemVersion? VersionOfTag(string tag, string prefix) =>
        tag.StartsWith(prefix, StringComparison.Ordinal) && SemVersion.TryParse(tag[prefix.Length..], SemVersionStyles.Strict, out var v) ? v : null;

    /// <summary>https://host/owner/repo for github.com, gitlab.com, bitbucket.org and codeberg.org remotes (https, ssh or scp-like).</summary>
    public static string? ForgeUrl(string? remote)
    {
        if (remote is null) return null;
        var match = System.Text.RegularExpressions.Regex.Match(remote,
            @"^(?:https?://(?:[^@/]+@)?|ssh://(?:[^@/]+@)?|[^@/]+@)(?<host>github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)[:/](?<path>[^\s]+?)(?:\.git)?/?$");
        return match.Success ? $"https://{match.Groups["host"].Value}/{match.Groups["path"].Value}" : null;
    }

    /// <summary>The link to one commit on the forge.</summary>
    public string? CommitUrl(string sha) => Url is null ? null
        : Url.Contains("bitbucket.org", StringComparison.Ordinal) ? $"{Url}/commits/{sha}"
        : Url.Contains("gitlab.com", StringComparison.Ordinal) ? $"{Url}/-/commit/{sha}"
        : $"{Url}/commit/{sha}";
}
