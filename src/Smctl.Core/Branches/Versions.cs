using Semver;
using Smctl.Core.Errors;
using Smctl.Core.Git;

namespace Smctl.Core.Branches;

/// <summary>Release versions read from tags.</summary>
public static class Versions
{
    /// <summary>The next patch version after the highest release tag in any of the repos (0.0.1 when there is none).</summary>
    public static string NextPatch(IEnumerable<RepoFacts> repos)
    {
        var latest = repos.Select(Latest).OfType<SemVersion>().OrderByDescending(v => v, SemVersion.PrecedenceComparer).FirstOrDefault();
        return latest is null ? "0.0.1" : latest.WithPatch(latest.Patch + 1).ToString();
    }

    /// <summary>The highest release version tagged in the repo, with or without a prefix, or null.</summary>
    public static SemVersion? Latest(RepoFacts repo) =>
        TagVersions.Read(repo.Refs.Refs.Keys.Where(k => k.StartsWith(GitRefs.Tags, StringComparison.Ordinal)).Select(k => k[GitRefs.Tags.Length..]), repo.Flow.TagPrefix)
            .Select(t => t.Version).Where(v => v.IsRelease).OrderByDescending(v => v, SemVersion.PrecedenceComparer).FirstOrDefault();

    public static SemVersion Parse(string text) =>
        SemVersion.TryParse(text, SemVersionStyles.OptionalMinorPatch, out var v) ? v : throw SmctlException.Usage($"'{text}' is not a semantic version.");
}
